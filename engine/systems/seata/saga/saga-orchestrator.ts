import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { CallError, type ProcessFactory, type Runtime } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";
import { TXN_EVENTS } from "../tcc/txn-records";
import { SAGA_EVENTS, SAGA_MSG, type StepBody } from "./saga-messages";
import { SAGA_ORCHESTRATOR_OPTIONS, type SagaOrchestratorOptions } from "./saga-options";

/** The config keys beyond the options table: where the services are, the customers, and what a workload entry writes. */
const PLACES = ["order", "stock", "payment", "customers", "arrival", "requests", "deadline"] as const;

/** The "place order" state machine's ServiceTask states, in order; each has its compensation. */
const STEPS = ["order", "stock", "payment"] as const;

/** Where one step of an instance stands (Seata's state instance status: SU, FA, UN). */
type StepState = "started" | "succeeded" | "failed" | "unknown" | "compensated";

/** A state machine instance, as the engine logs it (Seata's seata_state_machine_inst and seata_state_inst rows). */
interface Instance {
  xid: string;
  body: Omit<StepBody, "step" | "xid">;
  status: "running" | "compensating" | "succeeded" | "compensated" | "gave-up";
  steps: Array<{ step: string; state: StepState }>;
  beginTime: Micros;
}

/**
 * The saga orchestrator: the business application running "place order" as a saga, with a
 * state machine engine like Seata's [SEATA-SAGA]. This is a plain orchestrated saga: the
 * machine is fixed (create the order, reduce the stock, debit the payment; each ServiceTask with
 * its CompensateState) instead of read from Seata's JSON state language. Each forward step is a
 * call that commits at the service; when one fails (the service refused it, or the call timed
 * out and it may have run), the engine compensates the steps that ran or may have run, in
 * reverse order. A compensation that fails or times out is tried again every
 * `rollbackingRetryPeriod` until it succeeds, as Seata's server retries a rolling-back saga;
 * the next compensation waits for it. The instance is logged before each step and after it, so
 * a restarted orchestrator compensates whatever it left unfinished (RecoverStrategy Compensate).
 *
 * History: `txn-begin` / `txn-outcome` with mode `saga`; `saga-instance` {txn, status, step,
 * attempt, why}.
 */
export const sagaOrchestrator: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `saga-orchestrator ${rt.address}`;
  checkKeys(config, [...Object.keys(SAGA_ORCHESTRATOR_OPTIONS), ...PLACES], where);
  const c = config as Record<string, unknown> & { arrival?: { pattern: string; ratePerSecond?: number } };
  const o = readOptions(SAGA_ORCHESTRATOR_OPTIONS, { ...c, count: c.requests ?? c.count, rate: c.arrival?.ratePerSecond ?? c.rate, stepTimeout: c.deadline ?? c.stepTimeout }, where);
  const services: Record<string, string> = {};
  for (const s of STEPS) {
    const v = c[s];
    if (typeof v !== "string" || !v.includes("/")) badConfig(where, s, "a process address such as \"s/stock\"", v);
    services[s] = v;
  }
  const customers = c.customers ?? ["customer"];
  if (!Array.isArray(customers) || customers.length === 0 || !customers.every((x) => typeof x === "string")) badConfig(where, "customers", "a non-empty list of customer names", customers);
  const pattern = c.arrival?.pattern ?? "poisson";
  if (pattern !== "poisson" && pattern !== "constant") badConfig(where, "arrival", "poisson or constant arrivals", pattern);
  if (!(o.rate > 0)) badConfig(where, "rate", "a rate above 0", o.rate);
  return new Orchestrator(rt, o, services, customers as string[], pattern);
};

class Orchestrator {
  private next: number;

  constructor(
    private readonly rt: Runtime,
    private readonly o: SagaOrchestratorOptions,
    private readonly services: Record<string, string>,
    private readonly customers: string[],
    private readonly pattern: "poisson" | "constant",
  ) {
    this.next = rt.disk.read<number>("next") ?? 0;
  }

  start(): void {
    // Recovery: an instance the last incarnation left running or compensating is compensated.
    for (const k of this.rt.disk.keys("open/")) {
      const inst = this.read(k.slice("open/".length))!;
      this.rt.record(SAGA_EVENTS.instance, { txn: inst.xid, status: "recovering", why: `found ${inst.status} after a restart` });
      void this.compensateAll(inst, "recovery after a restart");
    }
    if (this.next < this.o.count) this.rt.setTimer(this.arrival(), () => this.tick(), "order");
  }

  private arrival(): Micros {
    return Math.max(1, Math.round(this.pattern === "constant" ? SECOND / this.o.rate : this.rt.random.exponential(SECOND / this.o.rate)));
  }

  private tick(): void {
    if (this.next >= this.o.count || (this.o.stopAt !== null && this.rt.now() > this.o.stopAt)) return;
    this.next++;
    this.rt.disk.write("next", this.next);
    this.rt.disk.sync();
    void this.run(this.next);
    if (this.next < this.o.count) this.rt.setTimer(this.arrival(), () => this.tick(), "order");
  }

  private read(xid: string): Instance | undefined {
    return this.rt.disk.read<Record<string, Json>>(`instance/${xid}`) as unknown as Instance | undefined;
  }

  /** Logs the instance durably (the state log is written before and after every state). */
  private store(inst: Instance): void {
    this.rt.disk.write(`instance/${inst.xid}`, inst as unknown as Record<string, Json>);
    if (inst.status === "running" || inst.status === "compensating") this.rt.disk.write(`open/${inst.xid}`, true);
    else this.rt.disk.delete(`open/${inst.xid}`);
    this.rt.disk.sync();
  }

  private async run(n: number): Promise<void> {
    const xid = `${this.rt.node}:${n}`;
    const body = { orderId: `${this.rt.node}#${n}`, customer: this.customers[(n - 1) % this.customers.length], quantity: this.o.quantity, amount: this.o.quantity * this.o.price };
    const inst: Instance = { xid, body, status: "running", steps: [], beginTime: this.rt.now() };
    this.store(inst);
    this.rt.record(TXN_EVENTS.begin, { txn: xid, order: body.orderId, mode: "saga", customer: body.customer, quantity: body.quantity, amount: body.amount });
    let failure: string | null = null;
    for (const step of STEPS) {
      const s = { step, state: "started" as StepState };
      inst.steps.push(s);
      this.store(inst);
      try {
        await this.rt.call(this.services[step], SAGA_MSG.forward, { ...body, xid, step } satisfies StepBody, { timeout: this.o.stepTimeout });
        s.state = "succeeded";
        this.store(inst);
      } catch (e) {
        const refused = e instanceof CallError && e.code === "remote";
        s.state = refused ? "failed" : "unknown";
        this.store(inst);
        failure = `${step} ${refused ? "refused" : "did not answer"}: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
    }
    if (failure === null) {
      inst.status = "succeeded";
      this.store(inst);
      this.rt.record(SAGA_EVENTS.instance, { txn: xid, status: "succeeded" });
      this.outcome(inst, "committed", "every forward step succeeded");
      return;
    }
    await this.compensateAll(inst, failure);
  }

  /**
   * Compensates, in reverse order, every step that succeeded or whose outcome is unknown, each
   * retried until it succeeds; a step known to have failed did nothing and is skipped.
   */
  private async compensateAll(inst: Instance, why: string): Promise<void> {
    inst.status = "compensating";
    this.store(inst);
    this.rt.record(SAGA_EVENTS.instance, { txn: inst.xid, status: "compensating", why });
    for (const s of [...inst.steps].reverse()) {
      if (s.state === "failed" || s.state === "compensated") continue;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.rt.call(this.services[s.step], SAGA_MSG.compensate, { ...inst.body, xid: inst.xid, step: s.step } satisfies StepBody, { timeout: this.o.stepTimeout });
          s.state = "compensated";
          this.store(inst);
          break;
        } catch (e) {
          const max = this.o.maxRollbackRetryTimeout;
          const gaveUp = max >= 0 && this.rt.now() - inst.beginTime > max * MS;
          this.rt.record(SAGA_EVENTS.instance, { txn: inst.xid, status: gaveUp ? "gave-up" : "compensation-failed", step: s.step, attempt, why: e instanceof Error ? e.message : String(e) });
          if (gaveUp) {
            inst.status = "gave-up";
            this.store(inst);
            this.outcome(inst, "unknown", `the compensation of ${s.step} was given up`);
            return;
          }
          await this.rt.sleep(this.o.rollbackingRetryPeriod * MS);
        }
      }
    }
    inst.status = "compensated";
    this.store(inst);
    this.rt.record(SAGA_EVENTS.instance, { txn: inst.xid, status: "compensated" });
    this.outcome(inst, "rolled-back", why);
  }

  private outcome(inst: Instance, outcome: "committed" | "rolled-back" | "unknown", why: string): void {
    const latencyUs = this.rt.now() - inst.beginTime;
    this.rt.record(TXN_EVENTS.outcome, { txn: inst.xid, order: inst.body.orderId, mode: "saga", outcome, customer: inst.body.customer, quantity: inst.body.quantity, amount: inst.body.amount, latencyUs, why });
    this.rt.metrics.count(`txn.${outcome}`);
    if (outcome !== "unknown") this.rt.metrics.observe("txn.latency", latencyUs);
  }
}
