import { describe, expect, test } from "vitest";
import { sdbm } from "../hash/sdbm";
import { instances, withDown } from "../test-instances";
import { createUriHash, URI_HASH_DEFAULTS, uriHash } from "./uri-hash";

describe("uri-hash", () => {
  test("uri-hash: hashes the URI up to '?' unless whole is set", () => {
    expect(uriHash("/a?x=1", URI_HASH_DEFAULTS)).toBe(sdbm("/a"));
    expect(uriHash("/a?x=1", { ...URI_HASH_DEFAULTS, whole: true })).toBe(sdbm("/a?x=1"));
  });

  test("uri-hash: depth keeps that many directory levels and len that many bytes", () => {
    expect(uriHash("/a/b/c", { ...URI_HASH_DEFAULTS, depth: 1 })).toBe(sdbm("/a"));
    expect(uriHash("/a/b/c", { ...URI_HASH_DEFAULTS, depth: 2 })).toBe(sdbm("/a/b"));
    expect(uriHash("/a/b/c", { ...URI_HASH_DEFAULTS, len: 3 })).toBe(sdbm("/a/"));
  });

  test("uri-hash: '/a' hashes to 3083250 and 3083250 % 3 = 0, so map slot 0: a", () => {
    // sdbm("/a") = 97 + (47 << 6) + (47 << 16) - 47 = 3083250; the map of three equal servers is [a, b, c].
    const s = createUriHash();
    expect(sdbm("/a")).toBe(3083250);
    expect(s.pick(instances("a", "b", "c"), { now: 0, uri: "/a" })?.id).toBe("a");
    expect(s.pick(instances("a", "b", "c"), { now: 0, uri: "/a?session=9" })?.id).toBe("a");
  });

  test("uri-hash: the same URI always goes to the same server", () => {
    const s = createUriHash();
    const list = instances("a", "b", "c", "d");
    const first = s.pick(list, { now: 0, uri: "/img/logo.png" })?.id;
    for (let i = 0; i < 5; i++) expect(s.pick(list, { now: i, uri: "/img/logo.png" })?.id).toBe(first);
  });

  test("uri-hash: the map is over running servers only, so a down server is never chosen", () => {
    const s = createUriHash();
    const list = withDown(instances("a", "b", "c"), "a");
    for (const uri of ["/a", "/b", "/c", "/d", "/e", "/f"]) expect(s.pick(list, { now: 0, uri })?.id).not.toBe("a");
  });

  test("uri-hash: with one running server nothing is hashed", () => {
    const s = createUriHash();
    expect(s.pick(withDown(instances("a", "b"), "a"), { now: 0, uri: "/x" })?.id).toBe("b");
    expect(s.pick([], { now: 0, uri: "/x" })).toBeUndefined();
  });
});
