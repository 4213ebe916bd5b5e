import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import { MS } from "../../../core/time";
import type { Runtime } from "../../../node/runtime-api";
import { callServer } from "../../consensus/etcd-client";

/** How a call to the store ended: an answer, or a refusal (`definite`: it certainly changed nothing). */
export type KvOutcome = { ok: true; body: Record<string, Json>; server: string } | { ok: false; definite: boolean; why: string };

/**
 * A client's connection to a Raft-replicated key-value store (the etcd-like servers, or the
 * Consul and Nacos servers built on the same state machine): it keeps one believed leader,
 * follows `not-leader` hints, moves to the next server after a timeout, and gives up after
 * `opTimeout`. A read that any server may answer (`local`) goes to the server it talks to now.
 */
export class KvConnection {
  private leader: string;

  constructor(private readonly rt: Runtime, readonly servers: string[], private readonly callTimeoutUs: Micros) {
    this.leader = servers.find((a) => a.startsWith(`${rt.node}/`)) ?? rt.random.pick(servers);
  }

  /** The server this connection talks to now. */
  get current(): string {
    return this.leader;
  }

  /** One operation, retried across servers until an answer or `callTimeout` × (servers + 1) has passed. */
  async call(type: string, body: Json): Promise<KvOutcome> {
    const deadline = this.rt.now() + this.callTimeoutUs * (this.servers.length + 1);
    let last: KvOutcome = { ok: false, definite: true, why: "no server answered" };
    for (let tries = 0; this.rt.now() < deadline && tries < 2 * this.servers.length; tries++) {
      const to = this.leader;
      const r = await callServer(this.rt, to, type, body, Math.min(this.callTimeoutUs, Math.max(1, deadline - this.rt.now())));
      if (r.ok) return { ok: true, body: r.body, server: to };
      last = { ok: false, definite: r.definite, why: r.why };
      this.leader = r.leader && r.leader !== to ? r.leader : this.servers[(this.servers.indexOf(to) + 1) % this.servers.length];
      if (!r.leader) await this.rt.sleep(20 * MS);
    }
    return last;
  }
}
