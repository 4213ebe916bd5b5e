import type { Json } from "../../../core/json";
import type { Message, ProcessFactory, Runtime } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { checkKeys } from "../../../options/option-values";
import { BUSINESS_DATA_OPTIONS } from "../business/business-options";
import { BUSINESS_READ } from "../business/business-reader";
import { BusinessStore } from "../business/business-store";
import { refusal, type BranchService } from "../business/place-order";
import { SAGA_EVENTS, SAGA_KIND, SAGA_MSG, type StepBody } from "./saga-messages";
import { SAGA_SERVICE_OPTIONS, type SagaServiceOptions } from "./saga-options";
import { openBranchStore } from "../business/branch-store";

const KEYS = ["service", ...Object.keys(BUSINESS_DATA_OPTIONS), ...Object.keys(SAGA_SERVICE_OPTIONS)];

/** A step's row in the service's saga log: done (with the value it saw) or compensated. */
type StepLog = { state: "done"; before: number } | { state: "compensated" };

type Effect = "applied" | "refused" | "skipped" | "empty";

/**
 * A branch service (order, stock or payment) that takes part in a saga: a forward step that
 * commits its change at once, and a compensation that undoes it. Both are local transactions:
 * each takes `serviceTime`, then its writes (the business row through the shared store, and the
 * service's saga log row) commit in one sync, and only then does the answer leave.
 *
 * The saga log row per (saga, step) makes the service follow the three rules Seata's saga docs
 * ask of every participant [SEATA-SAGA]: a compensation with no forward step to undo succeeds
 * and changes nothing, leaving a row that says so (allow empty compensation); a forward step
 * that arrives after its compensation is refused (anti-suspension); both calls are idempotent.
 * What the service cannot give is isolation: its forward change is visible to every other saga
 * at once, before the saga that made it has finished, and may still be compensated. The
 * forward step reads its row through the store (`business.read`, with the transaction whose
 * write it saw), so the shared no-dirty-read checker sees the reads a saga makes of another's
 * changes.
 *
 * History: `saga-step` {txn, step, kind: forward | compensate, effect: applied | refused |
 * skipped | empty, resource, delta, before, after, why}.
 */
export const sagaService: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${SAGA_KIND.service} ${rt.address}`;
  checkKeys(c, KEYS, where);
  const { service, store } = openBranchStore(rt, c, where);
  return new SagaService(rt, service, readOptions(SAGA_SERVICE_OPTIONS, c, where), store);
};

class SagaService {
  constructor(private readonly rt: Runtime, private readonly service: BranchService, private readonly o: SagaServiceOptions, private readonly store: BusinessStore) {}

  start(): void {
    this.publish();
  }

  request(req: Message): unknown {
    if (req.type === BUSINESS_READ) return { value: this.store.read(String((req.body as { resource?: unknown }).resource), null) };
    if (req.type === SAGA_MSG.forward) return this.forward(req.body as StepBody);
    if (req.type === SAGA_MSG.compensate) return this.compensate(req.body as StepBody);
    throw new Error(`${SAGA_KIND.service} ${this.rt.address} serves ${SAGA_MSG.forward} and ${SAGA_MSG.compensate}, not "${req.type}"`);
  }

  private logKey(b: StepBody): string {
    return `saga_log/${b.txn}/${b.step}`;
  }

  private readLog(b: StepBody): StepLog | undefined {
    return this.rt.disk.read<Record<string, Json>>(this.logKey(b)) as StepLog | undefined;
  }

  private async forward(b: StepBody): Promise<{ ok: true }> {
    await this.rt.sleep(this.o.serviceTime);
    const log = this.readLog(b);
    if (log?.state === "compensated") {
      const v = this.store.get(b.resource);
      this.record(b, "forward", "refused", v, v, "anti-suspension: the step was compensated before it arrived");
      throw new Error(`the ${b.step} step of ${b.txn} arrived after its compensation and is refused`);
    }
    if (log?.state === "done") {
      const v = this.store.get(b.resource);
      this.record(b, "forward", "skipped", v, v, "idempotent: the step already ran");
      return { ok: true };
    }
    const before = this.store.read(b.resource, b.txn);
    const no = refusal({ service: this.service, resource: b.resource, delta: b.delta }, before);
    if (no !== null) {
      this.record(b, "forward", "refused", before, before, no);
      throw new Error(no);
    }
    this.rt.disk.write(this.logKey(b), { state: "done", before });
    // The store's write syncs, so the saga log row and the business row commit together.
    this.store.write(b.resource, before + b.delta, b.txn);
    this.record(b, "forward", "applied", before, before + b.delta, null);
    return { ok: true };
  }

  private async compensate(b: StepBody): Promise<{ ok: true }> {
    await this.rt.sleep(this.o.serviceTime);
    const log = this.readLog(b);
    const now = this.store.get(b.resource);
    if (log === undefined) {
      this.rt.disk.write(this.logKey(b), { state: "compensated" });
      this.rt.disk.sync();
      this.record(b, "compensate", "empty", now, now, "empty compensation: the forward step never ran here");
      return { ok: true };
    }
    if (log.state === "compensated") {
      this.record(b, "compensate", "skipped", now, now, "idempotent: already compensated");
      return { ok: true };
    }
    const after = this.o.compensation === "before-image" ? log.before : now - b.delta;
    this.rt.disk.write(this.logKey(b), { state: "compensated" });
    this.store.write(b.resource, after, b.txn, true);
    this.record(b, "compensate", "applied", now, after, this.o.compensation === "before-image" ? `wrote back the before-image ${log.before}` : null);
    return { ok: true };
  }

  private record(b: StepBody, kind: "forward" | "compensate", effect: Effect, before: number, after: number, why: string | null): void {
    this.rt.record(SAGA_EVENTS.step, { txn: b.txn, step: b.step, kind, effect, resource: b.resource, delta: b.delta, before, after, why });
    this.rt.metrics.count(`saga.${kind}.${effect}`);
    this.publish();
  }

  private publish(): void {
    this.rt.publish<{ service: string; rows: Record<string, number> }>((s) => {
      s.service = this.service;
      s.rows = Object.fromEntries(this.store.entries());
    });
  }
}
