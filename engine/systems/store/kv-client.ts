import type { Json } from "../../core/json";
import type { ProcessFactory } from "../../node/runtime-api";
import { OpenArrivals } from "../workload/arrivals";
import { resolveStoreClientOptions } from "./store-options";
import { PreferenceList } from "./preference-list";
import { gatherQuorum } from "./quorum";
import { KV_MSG, KV_REPLICA_KIND } from "./store-messages";
import type { GetRequest, PutRequest, Stored } from "./store-messages";
import { compareVersions } from "./version";
import type { Version } from "./version";

/** The answer with the newest version (an empty one when none holds anything). */
function newestOf(answers: Stored[]): Stored {
  return answers.reduce<Stored>((best, a) => (compareVersions(a.version, best.version) > 0 ? a : best), { value: null, version: null });
}

/** The state a store client publishes. */
export interface KvClientState {
  reads: number;
  writes: number;
  failed: number;
}

/**
 * A client of a Dynamo-style store that coordinates its own requests (as Voldemort's and
 * Riak's smart clients can): a key's N replicas come from the preference list; a write gets a
 * new version (its local clock, its address, a counter), goes to all N, and succeeds once W
 * have acknowledged; a read asks all N, answers with the newest of the first R answers, and,
 * with read repair, once all N have answered or timed out, sends the newest version any of them
 * holds to each one that answered with an older one. There are no sloppy quorums and no hinted handoff: a write that reaches
 * fewer than W of the key's own replicas fails, though the replicas that took it keep it.
 * R + W > N makes every read quorum meet every write quorum; R + W <= N does not.
 *
 * The workload: reads and writes (share `readRatio`) of keys k0..k<keyCount-1>, with the given
 * arrivals. History: `kv-start` (n, op, key) and `kv-end` (n, op, key, ok, version, value,
 * failure). Metrics: `kv.read.ok`, `kv.read.failed`, `kv.write.ok`, `kv.write.failed`,
 * `kv.read-repair`, and histograms `kv.read.latency`, `kv.write.latency`.
 */
export const kvClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `kv-client ${rt.address}`;
  const o = resolveStoreClientOptions(config, where);
  const replicas = o.replicas ?? rt.directory().filter((p) => p.kind === KV_REPLICA_KIND && (o.store === null || p.process === o.store)).map((p) => p.address);
  if (replicas.length < o.n) throw new Error(`${where}: N is ${o.n} but only ${replicas.length} replica(s) were found (${replicas.join(", ") || "none"}); add kv-replica processes or lower n`);
  const ring = new PreferenceList(replicas, o.n, o.tokens);
  let seq = 0, n = 0;
  const st: KvClientState = { reads: 0, writes: 0, failed: 0 };

  const end = (fields: Record<string, Json>, started: number) => {
    const op = String(fields.op);
    rt.metrics.count(`kv.${op}.${fields.ok ? "ok" : "failed"}`);
    rt.metrics.observe(`kv.${op}.latency`, rt.now() - started);
    if (!fields.ok) st.failed++;
    rt.record("kv-end", fields);
    rt.publish<KvClientState>((s) => Object.assign(s, st));
  };

  const write = async (key: string): Promise<void> => {
    const id = ++n;
    const started = rt.now();
    const version: Version = { ts: started, writer: rt.address, seq: ++seq };
    const value = `${rt.address}#${id}`;
    st.writes++;
    rt.record("kv-start", { n: id, op: "write", key, value });
    const body: PutRequest = { key, value, version };
    const calls = ring.of(key).map((r) => ({ from: r, answer: rt.call<Stored>(r, KV_MSG.put, body as unknown as Json, { timeout: o.writeTimeoutUs }) }));
    const q = await gatherQuorum(calls, o.w);
    const ok = q.ok.length >= o.w;
    end({ n: id, op: "write", key, ok, version: version as unknown as Json, value, acks: q.ok.length, ...(ok ? {} : { failure: `${q.ok.length} of the ${o.w} acks needed` }) }, started);
  };

  const read = async (key: string): Promise<void> => {
    const id = ++n;
    const started = rt.now();
    st.reads++;
    rt.record("kv-start", { n: id, op: "read", key });
    const body: GetRequest = { key };
    const calls = ring.of(key).map((r) => ({ from: r, answer: rt.call<Stored>(r, KV_MSG.get, body as unknown as Json, { timeout: o.readTimeoutUs }) }));
    const answered: Array<{ from: string; value: Stored }> = [];
    const all = calls.map((c) => c.answer.then((value) => void answered.push({ from: c.from, value }), () => undefined));
    const q = await gatherQuorum(calls, o.r);
    const ok = q.ok.length >= o.r;
    const newest = ok ? newestOf(q.ok.map((a) => a.value)) : null;
    end({ n: id, op: "read", key, ok, version: (newest?.version ?? null) as unknown as Json, value: newest?.value ?? null, answers: q.ok.length, ...(ok ? {} : { failure: `${q.ok.length} of the ${o.r} answers needed` }) }, started);
    // Read repair, once every replica has answered or timed out: the newest version any of them
    // holds goes to each one that answered with something older.
    if (o.readRepair && ok) {
      await Promise.all(all);
      const best = newestOf(answered.map((a) => a.value));
      for (const a of answered) {
        if (compareVersions(a.value.version, best.version) >= 0) continue;
        rt.metrics.count("kv.read-repair");
        void rt.call(a.from, KV_MSG.put, { key, value: best.value, version: best.version } as unknown as Json, { timeout: o.writeTimeoutUs }).catch(() => undefined);
      }
    }
  };

  return {
    start() {
      rt.publish<KvClientState>((s) => Object.assign(s, st));
      const arrivals = new OpenArrivals(o.arrival, rt.random, rt.now());
      let sent = 0;
      const may = () => (o.requests === null || sent < o.requests) && (o.stopAtUs === null || rt.now() < o.stopAtUs);
      const schedule = () => {
        const next = arrivals.next(rt.now());
        if (next === null) return;
        rt.setTimer(next.delay, () => {
          const ops: Array<Promise<void>> = [];
          for (let i = 0; i < next.count && may(); i++) {
            sent++;
            const key = `k${rt.random.int(o.keyCount)}`;
            ops.push(rt.random.chance(o.readRatio) ? read(key) : write(key));
          }
          if (may()) schedule();
          return ops.length === 1 ? ops[0] : Promise.all(ops).then(() => undefined);
        }, "kv-op");
      };
      schedule();
    },
  };
};
