import { describe, expect, it } from "vitest";
import { simulate } from "../../index";
import { SECOND } from "../../core/time";
import { etcdScenario, RAFT_CHECKS } from "./consensus-scenario";

const lin = { name: "linearizable", params: { model: "kv" } };

describe("linearizable checker on the etcd-like store", () => {
  it("etcd: linearizable reads through the leader stay linearizable across a leader crash", async () => {
    const s = await simulate(etcdScenario({ duration: 6 * SECOND, checks: [...RAFT_CHECKS, lin], faults: [{ at: 2 * SECOND, action: "crash", node: "n1", duration: 2 * SECOND }] }), { recording: "off" });
    const c = s.result.checks.find((x) => x.name === "linearizable")!;
    expect(c.violations.map((v) => v.message)).toEqual([]);
    expect(c.findings[0].message).toMatch(/linearizable after/);
    expect(c.findings[0].value).toBeGreaterThan(100);
  });

  it("etcd: serializable reads from a partitioned follower are caught as not linearizable, with the stale read in the window", async () => {
    const s = await simulate(etcdScenario({
      duration: 6 * SECOND, client: { reads: "serializable" }, checks: [lin],
      faults: [{ at: 1 * SECOND, action: "isolate", node: "n3", duration: 3 * SECOND }],
    }), { recording: "off" });
    const c = s.result.checks.find((x) => x.name === "linearizable")!;
    expect(c.status).toBe("violated");
    expect(c.violations[0].message).toMatch(/^Not linearizable\. No order of these \d+ operations on key k\d/);
    expect(c.violations[0].history.length).toBeGreaterThan(1);
  });
});
