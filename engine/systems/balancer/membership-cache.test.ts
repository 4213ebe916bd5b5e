import { describe, expect, test } from "vitest";
import { configKey, memberKey, MembershipCache } from "./membership-cache";
import { instances, withDown } from "./test-instances";

describe("membership cache", () => {
  test("membership: rebuilds when ids or weights change, not for an equal new list", () => {
    let builds = 0;
    const cache = new MembershipCache(configKey, (list) => (builds++, list.length));
    cache.get(instances("a", "b"));
    cache.get(instances("a", "b"));
    expect(builds).toBe(1);
    cache.get(instances({ a: 1, b: 2 }));
    expect(builds).toBe(2);
    cache.get(instances("a", "b", "c"));
    expect(builds).toBe(3);
  });

  test("membership: configKey ignores down flags, memberKey does not", () => {
    const list = instances("a", "b");
    expect(configKey(withDown(list, "a"))).toBe(configKey(list));
    expect(memberKey(withDown(list, "a"))).not.toBe(memberKey(list));
  });
});
