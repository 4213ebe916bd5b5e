import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import type { ApplyContext, Classified, StateMachine, StateMachineContext } from "../state-machine";
import type { ZkErrorCode, ZkEventType, ZkWatchEvent } from "./zk-messages";
import { ZK_MSG } from "./zk-messages";
import type { ZkServerOptions } from "./zk-options";
import { negotiateSessionTimeout } from "./zk-options";
import { RegistryViewRecorder, registryKeyOf } from "../registry-view-recorder";

/** One znode: its data, its data version, the zxids that created and last changed it, its owner session (0: persistent). */
interface Znode {
  data: Json;
  version: number;
  czxid: number;
  mzxid: number;
  /** ZooKeeper's ephemeralOwner: the session whose end deletes it; 0 for a persistent node. */
  owner: number;
  /** Child changes so far (ZooKeeper's cversion): the suffix of the next sequential child. */
  cversion: number;
  children: string[];
}

interface State {
  zxid: number;
  /** The log index of the last command applied: what a read after a sync waits for. */
  index: number;
  nodes: Record<string, Znode>;
  sessions: Record<string, { timeout: Micros; ephemerals: string[] }>;
}

/** A one-shot watch, held by the server that served the read that set it (as in ZooKeeper). */
interface Watch {
  id: string;
  path: string;
  kind: "data" | "child";
  to: string;
}

/** The ZooKeeper state machine with what the server around it needs: the applied index and waiting for it. */
export interface ZkStateMachine extends StateMachine {
  appliedIndex(): number;
  /** Resolves once the command at `index` (or a later one) is applied here. */
  whenApplied(index: number): Promise<void>;
}

const parentOf = (path: string) => (path.lastIndexOf("/") === 0 ? "/" : path.slice(0, path.lastIndexOf("/")));
const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const fail = (code: ZkErrorCode, path?: string): Json => ({ ok: false, code, ...(path ? { path } : {}) });

/**
 * A ZooKeeper-like data tree replicated by Raft (ZooKeeper itself replicates with ZAB; see
 * zk-server.ts). Every change is a transaction with a zxid; sessions are created through the log
 * with the timeout the server granted, kept alive by pings through the log, and expired by the
 * leader's clock: the leader proposes closeSession when a session's deadline passes, and
 * applying it deletes the session's ephemeral znodes, which fires their watches. Sequential
 * znodes take a ten-digit suffix from the parent's cversion. Watches are one-shot and live at
 * the server that served the read that set them; a change sends each triggered watch one
 * `zk.watch-event`, numbered per client so the client can tell the order they were sent in.
 *
 * History (at every server, as it applies): `zk-session-created` (session, timeout),
 * `zk-session-closed` (session, expired), `zk-created` (path, owner, zxid), `zk-deleted`
 * (path, owner, zxid); at the serving server: `zk-watch-set` (id, path, kind, client) and
 * `zk-watch-fired` (id, client, path, type, zxid, seq, epoch).
 */
export function zkStateMachine(ctx: StateMachineContext, o: ZkServerOptions, epoch: string): ZkStateMachine {
  const root = (): Znode => ({ data: null, version: 0, czxid: 0, mzxid: 0, owner: 0, cversion: 0, children: [] });
  let s: State = { zxid: 0, index: 0, nodes: { "/": root() }, sessions: {} };
  // Leader-only: session deadlines by the leader's clock, and closes already proposed.
  const deadlines = new Map<string, Micros>();
  const closing = new Set<string>();
  let watches: Watch[] = [];
  let watchIds = 0;
  const sent = new Map<string, number>();
  let waiters: Array<{ index: number; resolve: () => void }> = [];
  // Znodes /services/<service>/<id> are registry instances: record what discovery sees.
  const views = new RegistryViewRecorder(ctx.record);
  let expiring = false;
  const viewChanged = (path: string, cause: string) => {
    const r = registryKeyOf(path);
    if (r?.root !== "services") return;
    views.update(r.service, (s.nodes[parentOf(path)]?.children ?? []).map((c) => decodeURIComponent(c)), cause);
  };

  const fire = (path: string, kind: Watch["kind"], type: ZkEventType) => {
    const hit = watches.filter((w) => w.path === path && w.kind === kind);
    if (hit.length === 0) return;
    if (o.bug !== "watch-not-cleared") watches = watches.filter((w) => !hit.includes(w));
    for (const w of hit) {
      const seq = (sent.get(w.to) ?? 0) + 1;
      sent.set(w.to, seq);
      const e: ZkWatchEvent = { id: w.id, path, type, zxid: s.zxid, seq, epoch };
      ctx.record("zk-watch-fired", { ...e, client: w.to });
      ctx.send(w.to, ZK_MSG.watchEvent, e as unknown as Json);
    }
  };
  const remove = (path: string) => {
    const n = s.nodes[path];
    delete s.nodes[path];
    const p = s.nodes[parentOf(path)];
    p.children = p.children.filter((c) => c !== nameOf(path));
    p.cversion++;
    if (n.owner) { const ss = s.sessions[n.owner]; if (ss) ss.ephemerals = ss.ephemerals.filter((e) => e !== path); }
    ctx.record("zk-deleted", { path, owner: n.owner, zxid: s.zxid });
    viewChanged(path, expiring ? "evict" : "cancel");
    fire(path, "data", "NodeDeleted");
    fire(path, "child", "NodeDeleted");
    fire(parentOf(path), "child", "NodeChildrenChanged");
  };
  const closeSession = (id: string, expired: boolean): Json => {
    const ss = s.sessions[id];
    deadlines.delete(id);
    closing.delete(id);
    if (!ss) return fail("SESSIONEXPIRED");
    // The bug: the session goes, its ephemerals stay, and nobody watching them hears a thing.
    expiring = expired;
    if (o.bug !== "ephemeral-survives-expiry" || !expired) for (const path of [...ss.ephemerals]) { s.zxid++; remove(path); }
    expiring = false;
    delete s.sessions[id];
    ctx.record("zk-session-closed", { session: Number(id), expired });
    return { ok: true, zxid: s.zxid };
  };
  const str = (v: unknown, what: string) => {
    if (typeof v !== "string" || v === "") throw new Error(`${what} must be a non-empty string`);
    return v;
  };
  const path = (v: unknown) => {
    const p = str(v, "path");
    if (!p.startsWith("/") || (p.length > 1 && p.endsWith("/")) || p.includes("//")) throw new Error(`path must be absolute, such as /lock/n-, got ${p}`);
    return p;
  };
  const readOf = (op: string, b: Record<string, Json>): Classified => ({ read: { op, path: path(b.path), watch: b.watch === true, to: typeof b.to === "string" ? b.to : "" }, serializable: true });

  return {
    classify(type, body): Classified {
      const b = (body ?? {}) as Record<string, Json>;
      const session = Number(b.session ?? 0);
      switch (type) {
        case ZK_MSG.createSession:
          if (typeof b.timeout !== "number" || b.timeout <= 0) throw new Error("zk.create-session needs a timeout in microseconds above zero");
          return { write: { op: "session-create", timeout: negotiateSessionTimeout(b.timeout, o) } };
        case ZK_MSG.ping: return { write: { op: "touch", session } };
        case ZK_MSG.closeSession: return { write: { op: "session-close", session } };
        case ZK_MSG.create: return { write: { op: "create", session, path: path(b.path), data: b.data ?? null, ephemeral: b.ephemeral === true, sequential: b.sequential === true } };
        case ZK_MSG.setData: return { write: { op: "set", session, path: path(b.path), data: b.data ?? null, version: typeof b.version === "number" ? b.version : -1 } };
        case ZK_MSG.delete: return { write: { op: "delete", session, path: path(b.path), version: typeof b.version === "number" ? b.version : -1 } };
        case ZK_MSG.sync: return { write: { op: "sync" } };
        case ZK_MSG.getData: return readOf("get", b);
        case ZK_MSG.exists: return readOf("exists", b);
        case ZK_MSG.getChildren: return readOf("children", b);
      }
      throw new Error(`unknown request type "${type}"`);
    },
    apply(cmd: Json, a: ApplyContext): Json {
      const c = cmd as Record<string, Json>;
      s.index = a.index;
      try { return applyOne(c, a); } finally { waiters = waiters.filter((w) => (w.index <= s.index ? (w.resolve(), false) : true)); }
    },
    query(q: Json): Json {
      const r = q as { op: string; path: string; watch: boolean; to: string };
      const n = s.nodes[r.path];
      const watch = (kind: Watch["kind"]) => {
        if (!r.watch || r.to === "") return;
        const w: Watch = { id: `${epoch}#${++watchIds}`, path: r.path, kind, to: r.to };
        watches.push(w);
        ctx.record("zk-watch-set", { id: w.id, path: w.path, kind, client: w.to });
        return w.id;
      };
      if (r.op === "exists") return { ok: true, exists: n !== undefined, mzxid: n?.mzxid ?? 0, zxid: s.zxid, watch: watch("data") ?? null };
      if (!n) return fail("NONODE", r.path);
      if (r.op === "get") return { ok: true, data: n.data, version: n.version, mzxid: n.mzxid, zxid: s.zxid, watch: watch("data") ?? null };
      return { ok: true, children: [...n.children].sort(), zxid: s.zxid, watch: watch("child") ?? null };
    },
    snapshot: () => structuredClone(s) as unknown as Json,
    restore(state: Json) {
      s = structuredClone(state) as unknown as State;
      waiters = waiters.filter((w) => (w.index <= s.index ? (w.resolve(), false) : true));
    },
    tick(now: Micros): Json[] {
      const out: Json[] = [];
      for (const [id, at] of deadlines) {
        if (at > now || closing.has(id)) continue;
        closing.add(id);
        out.push({ op: "session-close", session: Number(id), expired: true });
      }
      return out;
    },
    onLeaderChange(leading: boolean, now: Micros) {
      deadlines.clear();
      closing.clear();
      // A new leader gives every session a whole timeout afresh, as ZooKeeper's leader does on election.
      if (leading) for (const [id, ss] of Object.entries(s.sessions)) deadlines.set(id, now + ss.timeout);
    },
    appliedIndex: () => s.index,
    whenApplied(index: number): Promise<void> {
      if (index <= s.index) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ index, resolve }));
    },
  };

  function applyOne(c: Record<string, Json>, a: ApplyContext): Json {
    const session = String(c.session ?? 0);
    const live = () => s.sessions[session] !== undefined;
    switch (c.op) {
      case "session-create": {
        // The log index is the same on every replica, so it names the session everywhere.
        const id = String(a.index);
        s.sessions[id] = { timeout: c.timeout as number, ephemerals: [] };
        if (a.leader) deadlines.set(id, ctx.now() + (c.timeout as number));
        ctx.record("zk-session-created", { session: a.index, timeout: c.timeout });
        return { ok: true, session: a.index, timeout: c.timeout };
      }
      case "touch":
        if (!live()) return fail("SESSIONEXPIRED");
        if (a.leader && !closing.has(session)) deadlines.set(session, ctx.now() + s.sessions[session].timeout);
        return { ok: true };
      case "session-close": return closeSession(session, c.expired === true);
      case "sync": return { ok: true, index: a.index };
      case "create": {
        if (!live()) return fail("SESSIONEXPIRED");
        const parent = s.nodes[parentOf(c.path as string)];
        if (!parent) return fail("NONODE", parentOf(c.path as string));
        if (parent.owner) return fail("NOCHILDRENFOREPHEMERALS", parentOf(c.path as string));
        const p = c.sequential ? `${c.path as string}${String(parent.cversion).padStart(10, "0")}` : (c.path as string);
        if (s.nodes[p]) return fail("NODEEXISTS", p);
        s.zxid++;
        const owner = c.ephemeral ? Number(session) : 0;
        s.nodes[p] = { data: c.data, version: 0, czxid: s.zxid, mzxid: s.zxid, owner, cversion: 0, children: [] };
        parent.children.push(nameOf(p));
        parent.cversion++;
        if (owner) s.sessions[session].ephemerals.push(p);
        ctx.record("zk-created", { path: p, owner, zxid: s.zxid });
        viewChanged(p, "register");
        fire(p, "data", "NodeCreated");
        fire(parentOf(p), "child", "NodeChildrenChanged");
        return { ok: true, path: p, zxid: s.zxid };
      }
      case "set": {
        if (!live()) return fail("SESSIONEXPIRED");
        const n = s.nodes[c.path as string];
        if (!n) return fail("NONODE", c.path as string);
        if (c.version !== -1 && c.version !== n.version) return fail("BADVERSION", c.path as string);
        s.zxid++;
        Object.assign(n, { data: c.data, version: n.version + 1, mzxid: s.zxid });
        fire(c.path as string, "data", "NodeDataChanged");
        return { ok: true, zxid: s.zxid, version: n.version };
      }
      case "delete": {
        if (!live()) return fail("SESSIONEXPIRED");
        const n = s.nodes[c.path as string];
        if (!n || c.path === "/") return fail("NONODE", c.path as string);
        if (c.version !== -1 && c.version !== n.version) return fail("BADVERSION", c.path as string);
        if (n.children.length > 0) return fail("NOTEMPTY", c.path as string);
        s.zxid++;
        remove(c.path as string);
        return { ok: true, zxid: s.zxid };
      }
    }
    throw new Error(`unknown command ${JSON.stringify(c)}`);
  }
}
