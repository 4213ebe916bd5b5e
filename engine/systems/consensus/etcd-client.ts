import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { ProcessFactory, Runtime } from "../../node/runtime-api";
import { CallError } from "../../node/runtime-api";
import type { OptionTable } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import { badConfig, checkKeys, microsOr, toInt, toRate } from "../../options/option-values";
import { arrivalOf } from "../workload/arrivals";
import { ETCD_MSG } from "./kv-state-machine";
import type { RaftRefusal } from "./raft-server";

/** The process kind of the etcd-like servers. */
export const ETCD_SERVER_KIND = "etcd-server";

/** A client operation in the history format the linearizability checker reads. */
export type OpF = "get" | "put" | "delete" | "cas";

/** The etcd client's options. */
export interface EtcdClientOptions {
  servers: string[] | null;
  /** Logical processes, each with at most one operation outstanding (the closed loop's concurrency). */
  concurrency: number;
  thinkUs: Micros;
  /** `linearizable` goes through the leader (etcd's default); `serializable` asks `home` (or any server) and may be stale. */
  reads: "linearizable" | "serializable";
  /** The server serializable reads go to, and the first one tried; null: the one on the client's node, else one drawn at start. */
  home: string | null;
  keyCount: number;
  /** Shares of get, put and cas; the rest are deletes. */
  getRatio: number;
  putRatio: number;
  casRatio: number;
  /** One call's timeout, and the whole operation's (across redirects to the leader). */
  callTimeoutUs: Micros;
  opTimeoutUs: Micros;
  requests: number | null;
  stopAtUs: Micros | null;
}

/**
 * The etcd client's scalar options, each declared once: the reader, the schema and the docs
 * derive from this table. `servers`, `home`, the closed-loop `arrival` (from a workload entry's
 * concurrency and think), `requests` and `stopAt` are read beside it.
 */
export const ETCD_CLIENT_OPTIONS = {
  reads: { type: "enum", default: "linearizable", values: ["linearizable", "serializable"], description: "Gets through the leader, linearizable, or served by `home` (serializable: may be stale).", source: "etcd Range serializable=false (the default) / true" },
  keyCount: { type: "int", default: 3, min: 1, description: "Keys k0..k<keyCount-1>." },
  getRatio: { type: "ratio", default: 0.5, description: "Share of gets." },
  putRatio: { type: "ratio", default: 0.3, description: "Share of puts." },
  casRatio: { type: "ratio", default: 0.2, description: "Share of compare-and-swaps (a Txn comparing the value); the rest are deletes." },
  callTimeout: { type: "duration", default: 500 * MS, min: 1, description: "One call's timeout." },
  opTimeout: { type: "duration", default: 2 * SECOND, min: 1, description: "One operation's timeout across redirects to the leader (a workload entry's `deadline` sets it too)." },
} as const satisfies OptionTable;

/** The closed loop a client runs when no workload entry sets one. */
const DEFAULT_LOOP = { pattern: "closed" as const, concurrency: 2, think: 50 * MS };

const KEYS = ["servers", "arrival", "deadline", "requests", "stopAt", "home", ...Object.keys(ETCD_CLIENT_OPTIONS)];

/** Reads an etcd client's config. */
export function resolveEtcdClientOptions(c: Record<string, unknown>, where: string): EtcdClientOptions {
  checkKeys(c, KEYS, where);
  const arrival = c.arrival === undefined ? DEFAULT_LOOP : arrivalOf(c, where, (v, f) => toRate(v, where, f));
  if (arrival.pattern !== "closed") badConfig(where, "arrival", "closed (`concurrency` and `think`): each logical process has one operation outstanding, as a linearizability history needs", arrival);
  const t = readOptions(ETCD_CLIENT_OPTIONS, { ...c, opTimeout: c.opTimeout ?? c.deadline }, where);
  const o: EtcdClientOptions = {
    servers: c.servers === undefined ? null : (Array.isArray(c.servers) && c.servers.every((s) => typeof s === "string" && s.includes("/")) ? [...(c.servers as string[])] : badConfig(where, "servers", "a list of server addresses", c.servers)),
    concurrency: arrival.concurrency,
    thinkUs: arrival.think,
    reads: t.reads,
    home: c.home === undefined ? null : typeof c.home === "string" && c.home.includes("/") ? c.home : badConfig(where, "home", "a server address", c.home),
    keyCount: t.keyCount,
    getRatio: t.getRatio,
    putRatio: t.putRatio,
    casRatio: t.casRatio,
    callTimeoutUs: t.callTimeout,
    opTimeoutUs: t.opTimeout,
    requests: c.requests === undefined ? null : toInt(c.requests, 0, where, "requests"),
    stopAtUs: c.stopAt === undefined ? null : microsOr(c.stopAt, 0, where, "stopAt"),
  };
  if (o.getRatio + o.putRatio + o.casRatio > 1 + 1e-9) badConfig(where, "getRatio + putRatio + casRatio", "at most 1 (the rest are deletes)", [o.getRatio, o.putRatio, o.casRatio]);
  return o;
}

/** How one call ended: an answer, a refusal that certainly changed nothing, or no one knows. */
type Outcome = { ok: true; body: Record<string, Json> } | { ok: false; definite: boolean; leader: string | null; why: string };

/** Calls one server; a `not-leader` or `bad-request` refusal is definite, a timeout or an `unknown` is not. */
export async function callServer(rt: Runtime, to: string, type: string, body: Json, timeout: Micros): Promise<Outcome> {
  try {
    return { ok: true, body: await rt.call<Record<string, Json>>(to, type, body, { timeout }) };
  } catch (e) {
    if (!(e instanceof CallError)) throw e;
    const d = e.detail as RaftRefusal | undefined;
    if (e.code === "remote" && d && (d.code === "not-leader" || d.code === "bad-request")) return { ok: false, definite: true, leader: d.leader ?? null, why: d.message };
    return { ok: false, definite: e.code === "no-handler", leader: null, why: e.code === "remote" ? d?.message ?? e.message : e.code };
  }
}

/**
 * An etcd client with a closed-loop workload of gets, puts, deletes and compare-and-swaps over
 * keys k0..k<keyCount-1>. It keeps one believed leader, follows `not-leader` hints, and tries
 * the servers in turn until the operation's timeout; an operation whose outcome it cannot know
 * (a timeout, or a leader that lost its leadership after taking the write) ends as `info`.
 *
 * History: `op` records in the linearizability checker's format: `{ type: invoke|ok|fail|info,
 * process, f: get|put|delete|cas, key, value }`, cas values `[expected, new]`, get values the
 * value read (null for none). A process that ended with `info` may still take effect, so the
 * logical process continues under a new number (Jepsen's rule). Besides, an `ok` carries `rev`:
 * for a write the revision it made (0 for a delete of an absent key), for a get the key's
 * modification (or deletion) revision it saw. Metrics `etcd.op.<f>.<type>`.
 */
export const etcdClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `etcd-client ${rt.address}`;
  const o = resolveEtcdClientOptions(config, where);
  const dir = rt.directory();
  const servers = o.servers ?? dir.filter((p) => p.kind === ETCD_SERVER_KIND).map((p) => p.address);
  if (servers.length === 0) badConfig(where, "servers", "at least one etcd-server (none in the scenario)", servers);
  const clients = dir.filter((p) => p.kind === "etcd-client").map((p) => p.address);
  const total = clients.length * o.concurrency;
  const firstProcess = Math.max(0, clients.indexOf(rt.address)) * o.concurrency;
  // Like a Jepsen client, one beside a server talks to that server first.
  let leader = o.home ?? servers.find((a) => a.startsWith(`${rt.node}/`)) ?? rt.random.pick(servers);
  const home = leader;
  let sent = 0;
  let writes = 0;
  // The last value this client saw for each key: what its compare-and-swaps expect.
  const seen = new Map<string, Json>();

  const attempt = async (type: string, body: Json, serializable: boolean): Promise<Outcome> => {
    const deadline = rt.now() + o.opTimeoutUs;
    let last: Outcome = { ok: false, definite: true, leader: null, why: "no server answered" };
    for (let tries = 0; rt.now() < deadline && tries < 3 * servers.length; tries++) {
      const to = serializable ? home : leader;
      const r = await callServer(rt, to, type, body, Math.min(o.callTimeoutUs, Math.max(1, deadline - rt.now())));
      if (r.ok) return r;
      // After an unknown outcome the server may be cut off: the next operation tries another.
      if (!r.definite) { if (!serializable) leader = servers[(servers.indexOf(to) + 1) % servers.length]; return r; }
      last = r;
      leader = r.leader && r.leader !== to ? r.leader : servers[(servers.indexOf(to) + 1) % servers.length];
      if (!r.leader) await rt.sleep(20 * MS);
    }
    return last;
  };

  const one = async (process: number): Promise<"done" | "info"> => {
    const key = `k${rt.random.int(o.keyCount)}`;
    const u = rt.random.next();
    const f: OpF = u < o.getRatio ? "get" : u < o.getRatio + o.putRatio ? "put" : u < o.getRatio + o.putRatio + o.casRatio ? "cas" : "delete";
    const fresh = `${rt.process}@${rt.node}#${++writes}`;
    const cur = f === "cas" ? seen.get(key) ?? null : null;
    const value: Json = f === "get" || f === "delete" ? null : f === "cas" ? [cur, fresh] : fresh;
    rt.record("op", { type: "invoke", process, f, key, value });
    const [type, body]: [string, Json] = f === "get" ? [ETCD_MSG.get, { key, serializable: o.reads === "serializable" }]
      : f === "put" ? [ETCD_MSG.put, { key, value }] : f === "delete" ? [ETCD_MSG.delete, { key }] : [ETCD_MSG.cas, { key, expect: cur, value: fresh }];
    const r = await attempt(type, body, f === "get" && o.reads === "serializable");
    const end = (t: "ok" | "fail" | "info", v: Json, extra: Record<string, Json> = {}) => {
      rt.metrics.count(`etcd.op.${f}.${t}`);
      rt.record("op", { type: t, process, f, key, value: v, ...extra });
    };
    if (!r.ok) {
      end(r.definite ? "fail" : "info", value, { error: r.why });
      return r.definite ? "done" : "info";
    }
    if (f === "get") { end("ok", r.body.value ?? null, { rev: r.body.modRev ?? 0 }); seen.set(key, r.body.value ?? null); }
    else if (f === "cas" && r.body.succeeded !== true) { end("fail", value, { error: "compare failed" }); seen.set(key, r.body.value ?? null); }
    else { end("ok", value, { rev: r.body.rev ?? 0 }); seen.set(key, f === "delete" ? null : f === "cas" ? fresh : value); }
    return "done";
  };

  const may = () => (o.requests === null || sent < o.requests) && (o.stopAtUs === null || rt.now() < o.stopAtUs);
  const worker = async (w: number) => {
    let process = firstProcess + w;
    while (may()) {
      sent++;
      if ((await one(process)) === "info") process += total;
      await rt.sleep(o.thinkUs > 0 ? Math.max(1, Math.round(rt.random.exponential(o.thinkUs))) : 1);
    }
  };

  return {
    start() {
      return Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w))).then(() => undefined);
    },
  };
};
