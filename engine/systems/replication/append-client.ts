import type { Json } from "../../core/json";
import type { Process, Runtime } from "../../node/runtime-api";
import { OpenArrivals } from "../workload/arrivals";
import type { AppendWorkloadOptions } from "./append-workload-options";
import { FINAL_READ_RETRY_US } from "./append-workload-options";

/**
 * What one command against a replicated store came to, in Jepsen's terms: `ok` (it happened;
 * for a read, `value` is the list read), `fail` (it certainly did not happen: the server
 * refused it before executing it) or `info` (no one knows: a timeout, or a write the primary
 * executed but could not replicate as far as the client asked).
 */
export type StoreOutcome =
  | { kind: "ok"; value: Json }
  | { kind: "fail"; why: string }
  | { kind: "info"; why: string };

/** A store as its client library exposes it: append a value to a list key, read a list key. */
export interface AppendStore {
  append(key: string, value: string): Promise<StoreOutcome>;
  read(key: string): Promise<StoreOutcome>;
}

/** The state an append client publishes. */
export interface AppendClientState {
  ok: number;
  failed: number;
  unknown: number;
}

/**
 * Runs the list-append workload against `store`: open arrivals of appends and reads of keys
 * k0..k<keyCount-1>, each recorded as Jepsen `op` records (an invocation, then `ok`, `fail` or
 * `info`) so that the linearizability checker can read the same history as the lost-write
 * checks; every operation is its own Jepsen process, since operations overlap. Appended values
 * are `<address>#<n>`, unique in the run. At `finalReadAt` the client reads every key, retrying
 * each until it answers, and marks those reads `final: true`.
 *
 * Metrics: `<family>.append.<ok|fail|info>`, `<family>.read.<ok|fail|info>`, histograms
 * `<family>.append.latency` and `<family>.read.latency`.
 */
export function appendClient(rt: Runtime, store: AppendStore, o: AppendWorkloadOptions, family: string): Process {
  let n = 0;
  const st: AppendClientState = { ok: 0, failed: 0, unknown: 0 };
  const publish = () => rt.publish<AppendClientState>((s) => Object.assign(s, st));

  const one = async (f: "append" | "read", key: string, final = false): Promise<StoreOutcome> => {
    const id = ++n;
    const value: Json = f === "append" ? `${rt.address}#${id}` : null;
    const started = rt.now();
    rt.record("op", { type: "invoke", process: id, f, key, value, ...(final ? { final } : {}) });
    const r = f === "append" ? await store.append(key, value as string) : await store.read(key);
    rt.metrics.count(`${family}.${f}.${r.kind}`);
    rt.metrics.observe(`${family}.${f}.latency`, rt.now() - started);
    if (r.kind === "ok") st.ok++;
    else if (r.kind === "fail") st.failed++;
    else st.unknown++;
    rt.record("op", { type: r.kind, process: id, f, key, value: r.kind === "ok" && f === "read" ? r.value : value, ...(r.kind === "ok" ? {} : { error: r.why }), ...(final ? { final } : {}) });
    publish();
    return r;
  };

  const finalRead = async (): Promise<void> => {
    for (let k = 0; k < o.keyCount; k++) {
      // Bounded: a store that never answers again leaves the key without a final read, which
      // the checks report as writes they could not judge.
      for (let tries = 0; tries < 30; tries++) {
        if ((await one("read", `k${k}`, true)).kind === "ok") break;
        await rt.sleep(FINAL_READ_RETRY_US);
      }
    }
  };

  return {
    start() {
      publish();
      if (o.finalReadAt !== null) rt.setTimer(Math.max(0, o.finalReadAt - rt.now()), () => finalRead(), "final-read");
      const arrivals = new OpenArrivals(o.arrival, rt.random, rt.now());
      let sent = 0;
      const may = () => (o.requests === null || sent < o.requests) && (o.stopAtUs === null || rt.now() < o.stopAtUs) && (o.finalReadAt === null || rt.now() < o.finalReadAt);
      const schedule = () => {
        const next = arrivals.next(rt.now());
        if (next === null) return;
        rt.setTimer(next.delay, () => {
          const ops: Array<Promise<unknown>> = [];
          for (let i = 0; i < next.count && may(); i++) {
            sent++;
            const key = `k${rt.random.int(o.keyCount)}`;
            ops.push(one(rt.random.chance(o.readRatio) ? "read" : "append", key));
          }
          if (may()) schedule();
          return ops.length === 0 ? undefined : Promise.all(ops).then(() => undefined);
        }, `${family}-op`);
      };
      schedule();
    },
  };
}
