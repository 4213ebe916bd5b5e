import { MS } from "../../../core/time";
import type { ProcessFactory } from "../../../node/runtime-api";
import type { OptionTable } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";

/** The kind's name. */
export const BUSINESS_READER = "business-reader";

/**
 * The request every mode's branch service answers with a plain read of one row, as another
 * business flow reads it (a stock display): `{ resource }` to `{ value }`, recorded by the
 * service's BusinessStore as `business.read`. It is how the comparison sees each mode's
 * isolation: what a reader outside the transaction can see while it runs.
 */
export const BUSINESS_READ = "business-read";

/** The reader's options. */
export const BUSINESS_READER_OPTIONS = {
  resource: { type: "string", default: "stock/item-1", description: "The row it reads." },
  every: { type: "duration", default: 10 * MS, min: 1, description: "Between two reads." },
  startAt: { type: "duration", default: 0, description: "When the first read happens." },
  stopAt: { type: "duration", default: null, nullable: true, description: "No read after this time; null: until the run ends." },
  timeout: { type: "duration", default: 1000 * MS, min: 1, description: "How long one read may take." },
} as const satisfies OptionTable;

/** The service that holds a row: `stock/...` at stock, `account/...` at payment, `order/...` at order. */
export function serviceOfResource(resource: string): string {
  const table = resource.split("/")[0];
  return table === "account" ? "payment" : table;
}

/**
 * A reader of one row for any mode: every `every` it sends `business-read` to the branch
 * service holding the row (`service`, default the process named after that service), which
 * records what it read and whose write it saw. Failed reads are counted (`business.read.failed`).
 */
export const businessReader: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${BUSINESS_READER} ${rt.address}`;
  checkKeys(c, ["service", ...Object.keys(BUSINESS_READER_OPTIONS)], where);
  const o = readOptions(BUSINESS_READER_OPTIONS, c, where);
  const name = serviceOfResource(o.resource);
  const found = typeof c.service === "string" ? c.service : rt.directory().find((p) => p.process === name)?.address;
  const to = found ?? badConfig(where, "service", `the address of the service holding ${o.resource} (no process is named ${name})`, c.service);
  return {
    start() {
      const tick = () => {
        if (o.stopAt !== null && rt.now() > o.stopAt) return;
        rt.call(to, BUSINESS_READ, { resource: o.resource }, { timeout: o.timeout }).then(() => rt.metrics.count("business.read.ok"), () => rt.metrics.count("business.read.failed"));
        rt.setTimer(o.every, tick, "read");
      };
      rt.setTimer(Math.max(1, o.startAt - rt.now()), tick, "read");
    },
  };
};
