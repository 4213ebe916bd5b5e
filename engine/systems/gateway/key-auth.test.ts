import { describe, expect, it } from "vitest";
import { KeyAuth } from "./key-auth";

describe("gateway: key-auth (Kong)", () => {
  const auth = new KeyAuth({ keyNames: ["apikey", "x-api-key"], keys: { "k-alice": "alice" } });
  it("key-auth: a known key in a header or a field names the consumer; no key and an unknown key are refused with Kong's messages", () => {
    expect(auth.check({ headers: { apikey: "k-alice" } })).toEqual({ ok: true, consumer: "alice" });
    expect(auth.check({ "x-api-key": "k-alice" })).toEqual({ ok: true, consumer: "alice" });
    expect(auth.check({})).toEqual({ ok: false, reason: "missing", message: "No API key found in request" });
    expect(auth.check({ apikey: "" })).toMatchObject({ reason: "missing" });
    expect(auth.check({ apikey: "k-mallory" })).toEqual({ ok: false, reason: "invalid", message: "Invalid authentication credentials" });
    expect(auth.check({ apikey: "toString" })).toMatchObject({ reason: "invalid" });
  });
});
