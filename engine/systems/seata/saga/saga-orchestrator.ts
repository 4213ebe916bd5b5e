import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import { MS } from "../../../core/time";
import { CallError, type ProcessFactory, type Runtime } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";
import { PLACE_ORDER_OPTIONS } from "../business/business-options";
import { runPlaceOrders, type TxnResult } from "../business/business-client";
import { branchOps, type BranchOp, type PlaceOrder } from "../business/place-order";
import { SAGA_EVENTS, SAGA_KIND, SAGA_MSG, type StepBody } from "./saga-messages";
import { SAGA_ORCHESTRATOR_OPTIONS, type SagaOrchestratorOptions } from "./saga-options";

const KEYS = ["order", "stock", "payment", ...Object.keys(PLACE_ORDER_OPTIONS), ...Object.keys(SAGA_ORCHESTRATOR_OPTIONS)];

/** Where one step of an instance stands (Seata's state instance status: SU, FA, UN; then compensated). */
type StepState = "started" | "succeeded" | "failed" | "unknown" | "compensated";

/** A state machine instance, as the engine logs it (Seata's seata_state_machine_inst and seata_state_inst rows). */
interface Instance {
  txn: string;
  status: "running" | "compensating" | "succeeded" | "compensated" | "gave-up";
  steps: Array<{ op: BranchOp; state: StepState }>;
  beginTime: Micros;
}

/** Why a call failed, in a few words. */
function why(e: unknown): string {
  if (e instanceof CallError) return e.code === "remote" ? e.message : `${e.type} to ${e.to}: ${e.code}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The saga orchestrator: the business application running "place order" as a saga, with a
 * state machine engine like Seata's [SEATA-SAGA], over the shared place-order client. This is a
 * plain orchestrated saga: the machine is fixed (insert the order row, take the stock, debit
 * the account; each ServiceTask with its CompensateState) instead of read from Seata's JSON
 * state language. Each forward step is a call that commits at its service; when one fails (the
 * service refused it, or the call timed out and it may have run), the engine compensates the
 * steps that ran or may have run, in reverse order. A compensation that fails or times out is
 * tried again every `server.recovery.rollbackingRetryPeriod` until it succeeds, as Seata's
 * server retries a rolling-back saga; the next compensation waits for it. The instance is
 * logged before and after each step, so a restarted orchestrator compensates whatever it left
 * unfinished (RecoverStrategy Compensate).
 *
 * History: the shared `txn.begin` / `txn.outcome` with mode `saga`; `saga-instance` {txn,
 * status, step, attempt, why}.
 */
export const sagaOrchestrator: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${SAGA_KIND.orchestrator} ${rt.address}`;
  checkKeys(c, KEYS, where);
  const o = readOptions(SAGA_ORCHESTRATOR_OPTIONS, c, where);
  const orders = readOptions(PLACE_ORDER_OPTIONS, c, where);
  const services: Record<string, string> = {};
  for (const s of ["order", "stock", "payment"]) {
    const given = c[s];
    if (typeof given === "string" && given.includes("/")) { services[s] = given; continue; }
    if (given !== undefined) badConfig(where, s, "a process address (node/process)", given);
    const found = rt.directory().find((p) => p.kind === SAGA_KIND.service && (p.process === s || p.node === s));
    if (!found) badConfig(where, s, `the ${s} service's address (no ${SAGA_KIND.service} process is named ${s} or runs on a node of that name)`, given);
    services[s] = found.address;
  }
  const engine = new SagaEngine(rt, o, services);
  const client = runPlaceOrders(rt, orders, "saga", (order) => engine.run(order));
  return {
    start() {
      engine.recover();
      client.start();
    },
  };
};

class SagaEngine {
  constructor(private readonly rt: Runtime, private readonly o: SagaOrchestratorOptions, private readonly services: Record<string, string>) {}

  /** An instance the last incarnation left running or compensating is compensated. */
  recover(): void {
    for (const k of this.rt.disk.keys("saga_open/")) {
      const inst = this.read(k.slice("saga_open/".length))!;
      this.rt.record(SAGA_EVENTS.instance, { txn: inst.txn, status: "recovering", why: `found ${inst.status} after a restart` });
      void this.compensateAll(inst, "recovery after a restart");
    }
  }

  private read(txn: string): Instance | undefined {
    return this.rt.disk.read<Record<string, Json>>(`saga_instance/${txn}`) as unknown as Instance | undefined;
  }

  /** Logs the instance durably (the state log is written before and after every state). */
  private store(inst: Instance): void {
    this.rt.disk.write(`saga_instance/${inst.txn}`, inst as unknown as Record<string, Json>);
    if (inst.status === "running" || inst.status === "compensating") this.rt.disk.write(`saga_open/${inst.txn}`, true);
    else this.rt.disk.delete(`saga_open/${inst.txn}`);
    this.rt.disk.sync();
  }

  private body(txn: string, op: BranchOp): StepBody {
    return { txn, step: op.service, resource: op.resource, delta: op.delta };
  }

  async run(order: PlaceOrder): Promise<TxnResult> {
    const inst: Instance = { txn: order.txn, status: "running", steps: [], beginTime: this.rt.now() };
    this.store(inst);
    let failure: string | null = null;
    for (const op of branchOps(order)) {
      const s = { op, state: "started" as StepState };
      inst.steps.push(s);
      this.store(inst);
      try {
        await this.rt.call(this.services[op.service], SAGA_MSG.forward, this.body(order.txn, op), { timeout: this.o.rpcTimeout * MS });
        s.state = "succeeded";
        this.store(inst);
      } catch (e) {
        const refused = e instanceof CallError && e.code === "remote";
        s.state = refused ? "failed" : "unknown";
        this.store(inst);
        failure = `${op.service} ${refused ? "refused" : "did not answer"}: ${why(e)}`;
        break;
      }
    }
    if (failure === null) {
      inst.status = "succeeded";
      this.store(inst);
      this.rt.record(SAGA_EVENTS.instance, { txn: inst.txn, status: "succeeded" });
      return { outcome: "committed" };
    }
    return this.compensateAll(inst, failure);
  }

  /**
   * Compensates, in reverse order, every step that succeeded or whose outcome is unknown, each
   * retried until it succeeds; a step known to have failed did nothing and is skipped.
   */
  private async compensateAll(inst: Instance, reason: string): Promise<TxnResult> {
    inst.status = "compensating";
    this.store(inst);
    this.rt.record(SAGA_EVENTS.instance, { txn: inst.txn, status: "compensating", why: reason });
    for (const s of [...inst.steps].reverse()) {
      if (s.state === "failed" || s.state === "compensated") continue;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.rt.call(this.services[s.op.service], SAGA_MSG.compensate, this.body(inst.txn, s.op), { timeout: this.o.rpcTimeout * MS });
          s.state = "compensated";
          this.store(inst);
          break;
        } catch (e) {
          const max = this.o["server.maxRollbackRetryTimeout"];
          const gaveUp = max >= 0 && this.rt.now() - inst.beginTime > max * MS;
          this.rt.record(SAGA_EVENTS.instance, { txn: inst.txn, status: gaveUp ? "gave-up" : "compensation-failed", step: s.op.service, attempt, why: why(e) });
          if (gaveUp) {
            inst.status = "gave-up";
            this.store(inst);
            return { outcome: "rollback-failed", reason: `the compensation of ${s.op.service} was given up after ${attempt} attempt(s)` };
          }
          await this.rt.sleep(this.o["server.recovery.rollbackingRetryPeriod"] * MS);
        }
      }
    }
    inst.status = "compensated";
    this.store(inst);
    this.rt.record(SAGA_EVENTS.instance, { txn: inst.txn, status: "compensated" });
    return { outcome: "rolled-back", reason };
  }
}
