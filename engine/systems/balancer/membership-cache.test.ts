import { describe, expect, test } from "vitest";
import { checkMembers, configKey, memberKey, MembershipCache } from "./membership-cache";
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

  test("membership: a duplicate id or a fractional weight is refused with the instance named", () => {
    expect(() => checkMembers([...instances("a"), ...instances("a")])).toThrow('instance id "a" appears twice');
    expect(() => checkMembers(instances({ a: 1.5 }))).toThrow('instance "a" has weight 1.5; a weight is a whole number');
    expect(() => checkMembers([{ ...instances("a")[0], maxConns: -1 }])).toThrow('instance "a" has maxConns -1');
    const cache = new MembershipCache(configKey, (list) => list.length);
    expect(() => cache.get(instances({ a: -1 }))).toThrow(/weight -1/);
  });
});
