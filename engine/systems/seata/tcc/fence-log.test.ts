import { describe, expect, it } from "vitest";
import { DiskState, DiskView } from "../../../node/disk";
import { FenceLog } from "./fence-log";

// Seata's TCCFenceHandler rules [SEATA-FENCE]: prepareFence, commitFence, rollbackFence over the
// tcc_fence_log states tried (1), committed (2), rollbacked (3), suspended (4).
const fence = () => {
  const disk = new DiskView(new DiskState(), { alive: true });
  const log = new FenceLog(disk);
  const run = (phase: "prepare" | "commit" | "rollback") => {
    const d = log[phase]("tc:1", 7);
    log.apply("tc:1", 7, d);
    return { run: d.run, ok: d.ok, row: log.status("tc:1", 7) };
  };
  return { log, run };
};

describe("tcc fence [SEATA-FENCE]", () => {
  it("[SEATA-FENCE] prepareFence: Try inserts a tried row and runs; commitFence then makes it committed and runs Confirm", () => {
    const f = fence();
    expect(f.run("prepare")).toEqual({ run: true, ok: true, row: "tried" });
    expect(f.run("commit")).toEqual({ run: true, ok: true, row: "committed" });
  });

  it("[SEATA-FENCE] commitFence is idempotent: a repeated Confirm finds committed, answers success and runs nothing", () => {
    const f = fence();
    f.run("prepare");
    f.run("commit");
    expect(f.run("commit")).toEqual({ run: false, ok: true, row: "committed" });
  });

  it("[SEATA-FENCE] rollbackFence allows the empty rollback: a Cancel with no row inserts suspended, answers success and runs nothing", () => {
    const f = fence();
    expect(f.run("rollback")).toEqual({ run: false, ok: true, row: "suspended" });
  });

  it("[SEATA-FENCE] prepareFence prevents suspension: a Try after the empty rollback hits the suspended row (duplicate key) and is refused", () => {
    const f = fence();
    f.run("rollback");
    expect(f.run("prepare")).toEqual({ run: false, ok: false, row: "suspended" });
  });

  it("[SEATA-FENCE] rollbackFence is idempotent, and neither phase two overrides the other", () => {
    const f = fence();
    f.run("prepare");
    expect(f.run("rollback")).toEqual({ run: true, ok: true, row: "rollbacked" });
    expect(f.run("rollback")).toEqual({ run: false, ok: true, row: "rollbacked" });
    expect(f.run("commit")).toEqual({ run: false, ok: false, row: "rollbacked" });
    const g = fence();
    g.run("prepare");
    g.run("commit");
    expect(g.run("rollback")).toEqual({ run: false, ok: false, row: "committed" });
  });

  it("[SEATA-FENCE] commitFence with no row is an error: Confirm without Try runs nothing and fails", () => {
    expect(fence().run("commit")).toEqual({ run: false, ok: false, row: null });
  });

  it("deciding writes nothing: a refused Try leaves no row behind", () => {
    const f = fence();
    f.log.prepare("tc:1", 7);
    expect(f.log.status("tc:1", 7)).toBeNull();
  });
});
