import { describe, expect, it } from "vitest";
import { decodeShare, encodeShare, ShareLinkError, type ShareState } from "./share-link";
import { fromBase64url, toBase64url } from "./base64url";
import { readFileSync } from "node:fs";
import { loadScenario } from "../loader";

const yaml = "name: demo\nduration: 10s\nnodes: 3\n# ünïcödé and a long tail " + "x".repeat(400) + "\n";

describe("share link", () => {
  it("share link: a YAML scenario, seed, added faults, overrides, cursor and comparison survive the round trip", async () => {
    const s: ShareState = {
      source: { kind: "yaml", text: yaml, file: "scenarios/library/demo.yaml" },
      seed: 42,
      faults: [{ at: 2_300_000, action: "crash", node: "s1", duration: 1_000_000 }, { at: 3_000_000, action: "cut", from: "a", to: "b" }],
      sets: ["workload.rate=200/s"],
      cursor: { t: 2_345_678, seq: 1234 },
      compare: { seed: "other", sets: ["services.0.config.strategy=least-connections"] },
    };
    const hash = await encodeShare(s);
    expect(hash).toMatch(/^[A-Za-z0-9_\-=&.%]+$/);
    expect(await decodeShare("#" + hash)).toEqual(s);
  });

  it("share link: a typed scenario object survives the round trip, and compresses", async () => {
    const loaded = loadScenario(readFileSync(new URL("../library/commit/2pc-coordinator-crash.yaml", import.meta.url), "utf8"));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
    const s: ShareState = { source: { kind: "object", scenario: loaded.scenario }, faults: [], sets: [] };
    const hash = await encodeShare(s);
    expect(hash.length).toBeLessThan(JSON.stringify(loaded.scenario).length);
    expect(await decodeShare(hash)).toEqual(s);
  });

  it("share link: the cluster view (or both views) is remembered, and a view it does not know is refused", async () => {
    for (const view of ["cluster", "both"] as const) {
      const s: ShareState = { source: { kind: "yaml", text: yaml, file: "a.yaml" }, faults: [], sets: [], view };
      expect(await decodeShare(await encodeShare(s))).toEqual(s);
    }
    const plain = await encodeShare({ source: { kind: "yaml", text: yaml, file: "a.yaml" }, faults: [], sets: [] });
    expect(plain).not.toMatch(/view=/);
    await expect(decodeShare(plain + "&view=radar")).rejects.toThrow(/view "radar"/);
  });

  it("share link: a fragment without a scenario is not a share link", async () => {
    expect(await decodeShare("")).toBeNull();
    expect(await decodeShare("#section-2")).toBeNull();
  });

  it("share link: a damaged link says what is wrong", async () => {
    const hash = await encodeShare({ source: { kind: "yaml", text: yaml, file: "a.yaml" }, faults: [], sets: [] });
    const broken = hash.replace(/s=z[A-Za-z0-9_-]{10}/, "s=zAAAAAAAAAA");
    await expect(decodeShare(broken)).rejects.toThrow(ShareLinkError);
    await expect(decodeShare(broken)).rejects.toThrow(/scenario is damaged/);
    await expect(decodeShare("v=9&s=pYQ")).rejects.toThrow(/version 9/);
    await expect(decodeShare(hash + "&seed=notjson")).rejects.toThrow(/seed "notjson"/);
    await expect(decodeShare(hash + "&t=-5")).rejects.toThrow(/cursor/);
  });

  it("base64url: round trips every byte value without padding or unsafe characters", () => {
    const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) % 256);
    const text = toBase64url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64url(text)).toEqual(bytes);
    expect(() => fromBase64url("a+b")).toThrow(/not base64url/);
  });
});
