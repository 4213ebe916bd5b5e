import { MS } from "../../../core/time";
import type { ProcessFactory } from "../../../node/runtime-api";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import { AT_KIND, AT_MSG } from "./at-messages";
import { AT_LOCAL_WRITER_OPTIONS, AT_READER_OPTIONS } from "./at-options";
import { serviceAddress } from "./server-address";

/** The service that holds a row: `stock/...` at stock, `account/...` at payment, `order/...` at order. */
function serviceOf(resource: string): string {
  const table = resource.split("/")[0];
  return table === "account" ? "payment" : table;
}

/**
 * A reader of one row, every `every`: another business flow (a stock display, a risk check)
 * reading through the same AT data source. With a plain SELECT it reads whatever is committed
 * locally — in AT that includes phase one of global transactions that have not decided, which
 * may still roll back (read uncommitted, a dirty read). With `forUpdate` it reads with
 * SELECT ... FOR UPDATE, which Seata's RM makes wait while another global transaction holds
 * the row's global lock (read committed). Each read the service answers is recorded there
 * (`business.read`); a read that fails (a lock conflict after the retries) is counted
 * (`at.read.failed`), and the time each successful read took is `at.read.latency`.
 */
export const atReader: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${AT_KIND.reader} ${rt.address}`;
  checkKeys(c, ["service", ...Object.keys(AT_READER_OPTIONS)], where);
  const o = readOptions(AT_READER_OPTIONS, c, where);
  const to = serviceAddress(rt, serviceOf(o.resource), c.service, where);
  return periodic(rt.setTimer.bind(rt), rt.now.bind(rt), o.startAt, o.every, o.stopAt, async () => {
    const t0 = rt.now();
    try {
      await rt.call(to, AT_MSG.select, { resource: o.resource, forUpdate: o.forUpdate }, { timeout: o.rpcTimeout * MS });
      rt.metrics.count("at.read.ok");
      rt.metrics.observe("at.read.latency", rt.now() - t0);
    } catch {
      rt.metrics.count("at.read.failed");
    }
  });
};

/**
 * A local writer: every `every` it adds `delta` to one row in a local transaction of its own,
 * outside any global transaction and without @GlobalLock (an operator's restock script), so the
 * TC knows nothing of it. Between a global transaction's phase one and its rollback, such a
 * write makes the row match neither image: Seata's rollback then finds a dirty write.
 */
export const atLocalWriter: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${AT_KIND.localWriter} ${rt.address}`;
  checkKeys(c, ["service", ...Object.keys(AT_LOCAL_WRITER_OPTIONS)], where);
  const o = readOptions(AT_LOCAL_WRITER_OPTIONS, c, where);
  const to = serviceAddress(rt, serviceOf(o.resource), c.service, where);
  return periodic(rt.setTimer.bind(rt), rt.now.bind(rt), o.startAt, o.every, o.stopAt, async () => {
    try {
      await rt.call(to, AT_MSG.localUpdate, { resource: o.resource, delta: o.delta }, { timeout: o.rpcTimeout * MS });
      rt.metrics.count("at.local-write.ok");
    } catch {
      rt.metrics.count("at.local-write.failed");
    }
  });
};

/** A process that runs `fn` at `startAt` and then every `every` until `stopAt`. */
function periodic(setTimer: (d: number, fn: () => void, label: string) => unknown, now: () => number, startAt: number, every: number, stopAt: number | null, fn: () => Promise<void>) {
  return {
    start() {
      const tick = () => {
        if (stopAt !== null && now() > stopAt) return;
        void fn();
        setTimer(every, tick, "tick");
      };
      setTimer(Math.max(1, startAt - now()), tick, "tick");
    },
  };
}
