import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import { MS } from "../../../core/time";
import type { Runtime, TimerId } from "../../../node/runtime-api";
import { CallError } from "../../../node/runtime-api";
import { ZK_MSG } from "./zk-messages";
import type { ZkWatchEvent } from "./zk-messages";
import type { ZkClientOptions } from "./zk-options";
import type { ZkRefusal } from "./zk-server";

/**
 * How one call ended: an answer (`ok`), a ZooKeeper error or a refusal that certainly changed
 * nothing (`definite`), or an outcome nobody knows (a timeout, or a leader lost mid-write).
 */
export type ZkResult = { ok: true; body: Record<string, Json> } | { ok: false; code: string; definite: boolean };

/**
 * A client's session, as ZooKeeper's client library keeps it: one server connection at a time
 * (the next server after a refusal or a timeout), pings every third of the negotiated timeout,
 * and "disconnected" once no ping was answered for two thirds of it, counted from the send of
 * the last answered ping: the leader touched the session after that send, so it cannot expire
 * it before that send plus the whole timeout, and a lock holder that lets go at two thirds is
 * safe while clocks run at about the same rate. A SESSIONEXPIRED answer ends the session for
 * good; the owner opens a new one (as an application must after ZooKeeper's Expired event).
 *
 * History: `zk-session` (session, timeout granted, requested), `zk-disconnected` (session),
 * `zk-reconnected` (session; every waiter wakes, standing in for ZooKeeper's re-registered watches), `zk-session-expired-seen` (session), `zk-watch-event` (the event's
 * id, path, type, zxid, seq, epoch).
 */
export class ZkSession {
  id = 0;
  timeoutUs: Micros = 0;
  /** The send time of the newest ping that was answered. */
  lastAckSentAt: Micros = Number.NEGATIVE_INFINITY;
  disconnected = true;
  private server: string;
  private timer: TimerId | null = null;
  private readonly waiting = new Map<string, Array<() => void>>();
  /** Called when the session is first disconnected (a lock holder lets go). */
  onDisconnect: () => void = () => {};

  constructor(private readonly rt: Runtime, private readonly o: ZkClientOptions, private readonly servers: string[]) {
    this.server = o.home !== "" ? o.home : servers.find((a) => a.startsWith(`${rt.node}/`)) ?? rt.random.pick(servers);
  }

  /** Whether the session is known to be live now (not expired, not disconnected). */
  get live(): boolean {
    return this.id !== 0 && !this.disconnected;
  }

  /** One call to the current server; after a refusal or a timeout the next call goes to the next server. */
  async call(type: string, body: Record<string, Json>): Promise<ZkResult> {
    const to = this.server;
    try {
      const r = await this.rt.call<Record<string, Json>>(to, type, body, { timeout: this.o.callTimeoutUs });
      if (r.ok === false) return { ok: false, code: String(r.code), definite: true };
      return { ok: true, body: r };
    } catch (e) {
      if (!(e instanceof CallError)) throw e;
      const d = e.detail as ZkRefusal | undefined;
      const definite = e.code === "remote" && d !== undefined && d.code !== "unknown";
      if (e.code !== "remote" || d?.code === "not-connected" || d?.code === "unknown") this.server = this.servers[(this.servers.indexOf(to) + 1) % this.servers.length];
      return { ok: false, code: e.code === "remote" ? d?.code ?? "remote" : e.code, definite };
    }
  }

  /** Opens a session, retrying until one is granted. */
  async open(): Promise<void> {
    for (;;) {
      const sentAt = this.rt.now();
      const r = await this.call(ZK_MSG.createSession, { timeout: this.o.sessionTimeoutUs });
      if (r.ok) {
        this.id = Number(r.body.session);
        this.timeoutUs = Number(r.body.timeout);
        this.disconnected = false;
        this.acked(sentAt);
        this.rt.record("zk-session", { session: this.id, timeout: this.timeoutUs, requested: this.o.sessionTimeoutUs });
        return;
      }
      await this.rt.sleep(50 * MS);
    }
  }

  /** Pings while the session lives; returns when it has expired. */
  async keepAlive(): Promise<void> {
    const id = this.id;
    while (this.id === id) {
      await this.rt.sleep(Math.max(1, Math.floor(this.timeoutUs / 3)));
      if (this.id !== id) return;
      const sentAt = this.rt.now();
      const r = await this.call(ZK_MSG.ping, { session: id });
      if (this.id !== id) return;
      if (r.ok) this.acked(sentAt);
      else if (r.code === "SESSIONEXPIRED") this.expired();
    }
  }

  /** The session has ended: say so, and wake everything that waits. */
  expired(): void {
    if (this.id === 0) return;
    this.rt.record("zk-session-expired-seen", { session: this.id });
    this.rt.metrics.count("zk.session.expired");
    this.id = 0;
    if (!this.disconnected) { this.disconnected = true; this.onDisconnect(); }
    if (this.timer) this.rt.clearTimer(this.timer);
    this.timer = null;
    for (const [path] of this.waiting) this.wake(path);
  }

  /** A watch event arrived from a server. */
  event(e: ZkWatchEvent): void {
    this.rt.record("zk-watch-event", { id: e.id, path: e.path, type: e.type, zxid: e.zxid, seq: e.seq, epoch: e.epoch });
    this.rt.metrics.count("zk.watch.events");
    this.wake(e.path);
  }

  /** Waits for a watch event on `path`, the session's end, or `maxUs`. */
  waitFor(path: string, maxUs: Micros): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = this.rt.setTimer(maxUs, () => resolve(), "zk-watch-wait");
      const list = this.waiting.get(path) ?? [];
      list.push(() => { this.rt.clearTimer(t); resolve(); });
      this.waiting.set(path, list);
    });
  }

  private wake(path: string): void {
    const list = this.waiting.get(path) ?? [];
    this.waiting.delete(path);
    for (const f of list) f();
  }

  private acked(sentAt: Micros): void {
    this.lastAckSentAt = Math.max(this.lastAckSentAt, sentAt);
    const back = this.disconnected && this.id !== 0;
    this.disconnected = false;
    if (back) {
      this.rt.record("zk-reconnected", { session: this.id });
      // Notifications sent while disconnected may be lost. ZooKeeper's client re-registers its
      // watches on reconnecting and the server fires those whose node changed meanwhile; here
      // every waiter wakes and reads again, which the recipes do after any event.
      for (const [path] of this.waiting) this.wake(path);
    }
    if (this.timer) this.rt.clearTimer(this.timer);
    const id = this.id;
    this.timer = this.rt.setTimer(Math.max(1, this.lastAckSentAt + Math.floor((2 * this.timeoutUs) / 3) - this.rt.now()), () => {
      this.timer = null;
      if (this.id !== id || this.disconnected) return;
      this.disconnected = true;
      this.rt.record("zk-disconnected", { session: id });
      this.onDisconnect();
    }, "zk-read-timeout");
  }
}
