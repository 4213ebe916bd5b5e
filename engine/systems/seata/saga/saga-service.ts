import type { Json } from "../../../core/json";
import type { Message, ProcessFactory } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";
import { SAGA_EVENTS, SAGA_MSG, type StepBody } from "./saga-messages";
import { SAGA_SERVICE_OPTIONS } from "./saga-options";

/** A step's row in the service's saga log: done (with what it saw and changed) or compensated. */
type StepLog = { state: "done"; before: number; n: number } | { state: "compensated" };

/** What the state panel shows: every account's value. */
interface SagaServiceState {
  resource: string;
  accounts: Record<string, number>;
}

/**
 * A business service that takes part in a saga: a forward step that commits its change at once,
 * and a compensation that undoes it. Stock: the item's units (`stock`), reduced by the order's
 * quantity. Payment: one account per customer, debited by the order's amount. Orders: the
 * number of order rows (`orders`), one more per order. Both calls are local transactions on the
 * service's disk, answered after they commit.
 *
 * The service keeps a saga log row per (xid, step), written in the same local transaction, and
 * follows the three rules Seata's saga docs ask of every participant [SEATA-SAGA]: a
 * compensation with no forward step to undo succeeds and changes nothing, leaving a row that
 * says so (allow empty compensation); a forward step that arrives after its compensation is
 * refused (anti-suspension); and both calls are idempotent (a repeated call changes nothing).
 * What the service cannot do is isolation: its forward change is visible to every other saga
 * at once, before the saga that made it has finished, and may still be compensated.
 *
 * History: `saga-step` {txn, step, kind: forward | compensate, effect: applied | refused |
 * skipped | empty, key, n, before, after, why}.
 */
export const sagaService: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `saga-service ${rt.address}`;
  checkKeys(config, [...Object.keys(SAGA_SERVICE_OPTIONS), "balances"], where);
  const o = readOptions(SAGA_SERVICE_OPTIONS, config, where);
  const balances = (config.balances ?? {}) as Record<string, unknown>;
  if (typeof balances !== "object" || Array.isArray(balances) || !Object.values(balances).every((v) => typeof v === "number" && v >= 0)) {
    badConfig(where, "balances", "a mapping of customers to balances of at least 0", config.balances);
  }

  const keyOf = (b: StepBody) => (o.resource === "payment" ? b.customer : o.resource === "stock" ? "stock" : "orders");
  const nOf = (b: StepBody) => (o.resource === "stock" ? b.quantity : o.resource === "payment" ? b.amount : 1);
  const initialOf = (key: string) => (o.resource === "order" ? 0 : o.resource === "payment" ? ((balances[key] as number | undefined) ?? o.initial) : o.initial);
  const value = (key: string) => rt.disk.read<number>(`account/${key}`) ?? initialOf(key);
  const logKey = (b: StepBody) => `saga_log/${b.xid}/${b.step}`;
  const readLog = (b: StepBody) => rt.disk.read<StepLog & Record<string, Json>>(logKey(b)) as StepLog | undefined;

  const publish = () => rt.publish<SagaServiceState>((s) => {
    s.resource = o.resource;
    s.accounts = {};
    for (const k of rt.disk.keys("account/")) s.accounts[k.slice("account/".length)] = rt.disk.read<number>(k)!;
  });
  const commit = async () => {
    await rt.sleep(o.localCommitLatency);
    rt.disk.sync();
  };
  const record = (b: StepBody, kind: "forward" | "compensate", effect: "applied" | "refused" | "skipped" | "empty", before: number, after: number, why: string | null) => {
    rt.record(SAGA_EVENTS.step, { txn: b.xid, step: b.step, kind, effect, key: keyOf(b), n: nOf(b), before, after, why });
    rt.metrics.count(`saga.${kind}.${effect}`);
    publish();
  };

  const forward = async (b: StepBody): Promise<{ ok: true }> => {
    if (o.processingTime > 0) await rt.sleep(o.processingTime);
    const key = keyOf(b);
    const log = readLog(b);
    const now = value(key);
    if (log?.state === "compensated") {
      record(b, "forward", "refused", now, now, "anti-suspension: the step was compensated before it arrived");
      throw new Error(`the ${b.step} step of ${b.xid} arrived after its compensation and is refused`);
    }
    if (log?.state === "done") {
      record(b, "forward", "skipped", now, now, "idempotent: the step already ran");
      return { ok: true };
    }
    const n = nOf(b);
    if (o.resource !== "order" && now < n) {
      const why = `${o.resource === "stock" ? "not enough stock" : `insufficient balance for ${key}`}: ${now} left, ${n} asked`;
      record(b, "forward", "refused", now, now, why);
      throw new Error(why);
    }
    const after = o.resource === "order" ? now + 1 : now - n;
    rt.disk.write(`account/${key}`, after);
    rt.disk.write(logKey(b), { state: "done", before: now, n });
    await commit();
    record(b, "forward", "applied", now, after, null);
    return { ok: true };
  };

  const compensate = async (b: StepBody): Promise<{ ok: true }> => {
    const key = keyOf(b);
    const log = readLog(b);
    const now = value(key);
    if (log === undefined) {
      rt.disk.write(logKey(b), { state: "compensated" });
      await commit();
      record(b, "compensate", "empty", now, now, "empty compensation: the forward step never ran here");
      return { ok: true };
    }
    if (log.state === "compensated") {
      record(b, "compensate", "skipped", now, now, "idempotent: already compensated");
      return { ok: true };
    }
    const after = o.compensation === "before-image" ? log.before : o.resource === "order" ? now - 1 : now + log.n;
    rt.disk.write(`account/${key}`, after);
    rt.disk.write(logKey(b), { state: "compensated" });
    await commit();
    record(b, "compensate", "applied", now, after, o.compensation === "before-image" ? `wrote back the before-image ${log.before}` : null);
    return { ok: true };
  };

  return {
    start() {
      publish();
    },
    request(req: Message) {
      if (req.type === SAGA_MSG.forward) return forward(req.body as StepBody);
      if (req.type === SAGA_MSG.compensate) return compensate(req.body as StepBody);
      throw new Error(`${where} serves ${SAGA_MSG.forward} and ${SAGA_MSG.compensate}, not "${req.type}"`);
    },
  };
};
