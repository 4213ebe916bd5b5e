import type { Json } from "../../core/json";
import { MS, SECOND } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { badConfig, checkKeys } from "../../options/option-values";
import { readOptions } from "../../options/option-table";
import { REDIS_MSG, REDIS_SENTINEL_KIND, REDIS_SERVER_KIND } from "./redis-messages";
import type { HelloMessage, InfoReply, IsDownReply, IsDownRequest } from "./redis-messages";
import { REDIS_SENTINEL_OPTIONS } from "./redis-options";

/** What a sentinel keeps on disk, as it rewrites sentinel.conf: its epochs, its vote and the primary. */
interface SentinelConfig {
  currentEpoch: number;
  configEpoch: number;
  primary: string;
  leaderEpoch: number;
  leader: string | null;
}

/** What a sentinel knows of one server. */
interface ServerView {
  lastOkAt: number;
  upSince: number;
  info: InfoReply | null;
  reported: string;
  reportedSince: number;
  reconfiguredAt: number;
}

/** A failover this sentinel leads or tries to. */
interface Failover {
  epoch: number;
  startedAt: number;
  votes: Set<string>;
  promoting: boolean;
}

/** The state a sentinel publishes. */
export interface RedisSentinelState {
  primary: string;
  epoch: number;
  sdown: string[];
  odown: boolean;
  failover: string | null;
}

/** Redis Sentinel's fixed periods (sentinel.c): INFO, hello, replies to is-master-down kept. */
const INFO_PERIOD = SECOND;
const HELLO_PERIOD = 2 * SECOND;
const ASK_VALIDITY = 5 * SECOND;
const ELECTION_TIMEOUT = 10 * SECOND;
const RECONF_WAIT = 4 * HELLO_PERIOD;

/**
 * Redis Sentinel for one primary [REDIS-S]. Every second it asks each server for INFO; a
 * server without a valid reply for `down-after-milliseconds` is subjectively down (SDOWN).
 * While it deems the primary down it asks the other sentinels whether they do too
 * (SENTINEL is-master-down-by-addr); when at least `quorum` sentinels agree, itself included,
 * the primary is objectively down (ODOWN) and the sentinel tries to fail over: it increments
 * its epoch, votes for itself, and asks the others for their vote in that epoch; each sentinel
 * votes once per epoch, for the first that asks. Elected by a majority of all sentinels (and
 * at least `quorum`), it promotes the best replica — reachable, `replica-priority` not 0,
 * lowest priority, then largest replication offset, then smallest run id — with
 * REPLICAOF NO ONE, points the other servers at it, and announces the new configuration with
 * its epoch (hello); the newest epoch wins everywhere. A sentinel that voted for another does
 * not start a failover of its own for twice `failover-timeout`; an election that gets no
 * majority within min(10 s, failover-timeout) is abandoned. A server that contradicts the
 * configuration is told REPLICAOF the current primary, when the current primary looks sane:
 * an old primary back as a primary once it has answered, unchanged, for 8 s; a replica of the
 * wrong primary once it has reported that primary for `failover-timeout`.
 *
 * Departures: INFO is polled every second throughout (Redis polls every 10 s, every second
 * during a failover), and it stands for PING too; servers and sentinels are found in the
 * directory instead of through INFO and the hello channel, and hellos go straight to the
 * other sentinels instead of through the servers' pub/sub. The failover's steps (promote,
 * reconfigure) are not timed out separately, and `parallel-syncs` is not modelled (every
 * replica is reconfigured at once).
 *
 * History: `sentinel-sdown`, `sentinel-odown` (primary, epoch), `sentinel-failover-start`
 * (epoch), `sentinel-vote` (for, epoch), `sentinel-elected` (epoch, votes),
 * `sentinel-failover` (from, to, epoch), `sentinel-failover-aborted` (why),
 * `sentinel-reconfigure` (server, primary).
 */
export const redisSentinel: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `redis-sentinel ${rt.address}`;
  checkKeys(config, Object.keys(REDIS_SENTINEL_OPTIONS), where);
  const o = readOptions(REDIS_SENTINEL_OPTIONS, config, where);
  if (!o.monitor.includes("/")) badConfig(where, "monitor", 'the primary\'s address, such as "p/redis"', config.monitor);
  const downAfter = o["down-after-milliseconds"] * MS, failoverTimeout = o["failover-timeout"] * MS;
  const serverName = o.monitor.split("/")[1];
  const servers = rt.directory().filter((p) => p.kind === REDIS_SERVER_KIND && p.process === serverName).map((p) => p.address);
  if (!servers.includes(o.monitor)) badConfig(where, "monitor", `the address of a ${REDIS_SERVER_KIND} (${servers.join(", ") || "none found"})`, o.monitor);
  const sentinels = rt.directory().filter((p) => p.kind === REDIS_SENTINEL_KIND).map((p) => p.address);
  const others = sentinels.filter((a) => a !== rt.address);
  const needed = Math.max(o.quorum, Math.floor(sentinels.length / 2) + 1);

  const cfg: SentinelConfig = rt.disk.read<SentinelConfig & Record<string, Json>>("sentinel/config") ?? { currentEpoch: 0, configEpoch: 0, primary: o.monitor, leaderEpoch: 0, leader: null };
  const save = () => { rt.disk.write("sentinel/config", cfg as unknown as Json); rt.disk.sync(); };
  const started = rt.now();
  const views = new Map<string, ServerView>(servers.map((s) => [s, { lastOkAt: started, upSince: started, info: null, reported: "", reportedSince: started, reconfiguredAt: -Infinity }]));
  const downReplies = new Map<string, number>();
  let failover: Failover | null = null;
  let noFailoverUntil = -Infinity;
  let sdownSeen = new Set<string>();
  let odownSeen = false;

  const sdown = (s: string) => rt.now() - views.get(s)!.lastOkAt > downAfter;
  const odown = () => {
    if (!sdown(cfg.primary)) return false;
    let n = 1;
    for (const at of downReplies.values()) if (rt.now() - at <= ASK_VALIDITY) n++;
    return n >= o.quorum;
  };
  const publish = () => rt.publish<RedisSentinelState>((s) => {
    s.primary = cfg.primary;
    s.epoch = cfg.currentEpoch;
    s.sdown = servers.filter(sdown);
    s.odown = odown();
    s.failover = failover ? (failover.promoting ? "promoting" : "electing") : null;
  });
  const sane = () => !sdown(cfg.primary) && views.get(cfg.primary)!.info?.role === "master";

  const onInfo = (s: string, info: InfoReply) => {
    const v = views.get(s)!;
    const now = rt.now();
    if (now - v.lastOkAt > 2 * INFO_PERIOD) v.upSince = now;
    v.lastOkAt = now;
    v.info = info;
    const reported = info.role === "master" ? "master" : `slave of ${info.primary}`;
    if (reported !== v.reported) { v.reported = reported; v.reportedSince = now; }
    if (s === cfg.primary || failover !== null) return;
    // sentinel.c: a server claiming to be a primary is turned back into a replica after it has
    // said so for 4 hello periods (8 s); a replica of the wrong primary only after
    // failover-timeout since its reported primary changed.
    const wait = info.role === "master" ? RECONF_WAIT : info.primary !== cfg.primary ? failoverTimeout : Infinity;
    if (wait !== Infinity && sane() && now - v.upSince > RECONF_WAIT && now - v.reportedSince > wait && now - v.reconfiguredAt > RECONF_WAIT) {
      v.reconfiguredAt = now;
      rt.record("sentinel-reconfigure", { server: s, primary: cfg.primary });
      void rt.call(s, REDIS_MSG.replicaof, { primary: cfg.primary }, { timeout: SECOND }).catch(() => undefined);
    }
  };

  const ask = (runid: string) => {
    for (const other of others) {
      const req: IsDownRequest = { primary: cfg.primary, epoch: cfg.currentEpoch, runid };
      void rt.call<IsDownReply>(other, REDIS_MSG.isDown, req as unknown as Json, { timeout: SECOND }).then((r) => {
        if (r.down) downReplies.set(other, rt.now());
        else downReplies.delete(other);
        if (failover && !failover.promoting && r.leader === rt.address && r.leaderEpoch === failover.epoch) {
          failover.votes.add(other);
          if (failover.votes.size >= needed) return promote(failover);
        }
      }, () => undefined);
    }
  };

  const startFailover = () => {
    cfg.currentEpoch++;
    cfg.leaderEpoch = cfg.currentEpoch;
    cfg.leader = rt.address;
    save();
    failover = { epoch: cfg.currentEpoch, startedAt: rt.now(), votes: new Set([rt.address]), promoting: false };
    noFailoverUntil = rt.now() + 2 * failoverTimeout;
    rt.record("sentinel-failover-start", { primary: cfg.primary, epoch: cfg.currentEpoch });
    if (failover.votes.size >= needed) return promote(failover);
    ask(rt.address);
  };

  const abort = (why: string) => {
    rt.record("sentinel-failover-aborted", { primary: cfg.primary, epoch: failover?.epoch ?? cfg.currentEpoch, why });
    failover = null;
  };

  const promote = async (f: Failover): Promise<void> => {
    f.promoting = true;
    rt.record("sentinel-elected", { epoch: f.epoch, votes: f.votes.size });
    const candidates = servers.filter((s) => {
      const v = views.get(s)!;
      return s !== cfg.primary && v.info !== null && v.info.role === "slave" && v.info.priority > 0 && rt.now() - v.lastOkAt <= 5 * INFO_PERIOD;
    }).sort((a, b) => {
      const x = views.get(a)!.info!, y = views.get(b)!.info!;
      return x.priority - y.priority || y.offset - x.offset || (x.runid < y.runid ? -1 : 1);
    });
    if (candidates.length === 0) return abort("no good replica");
    const chosen = candidates[0];
    try {
      await rt.call(chosen, REDIS_MSG.replicaof, { primary: null }, { timeout: SECOND });
    } catch {
      return abort(`${chosen} did not answer REPLICAOF NO ONE`);
    }
    if (failover !== f) return;
    const old = cfg.primary;
    cfg.primary = chosen;
    cfg.configEpoch = f.epoch;
    save();
    failover = null;
    rt.record("sentinel-failover", { from: old, to: chosen, epoch: f.epoch, offset: views.get(chosen)!.info!.offset });
    // The other replicas follow the new primary now; the old primary, once it is back.
    for (const s of servers) {
      if (s === chosen || s === old) continue;
      views.get(s)!.reconfiguredAt = rt.now();
      void rt.call(s, REDIS_MSG.replicaof, { primary: chosen }, { timeout: SECOND }).catch(() => undefined);
    }
    hello();
    publish();
  };

  const hello = () => {
    for (const other of others) rt.send(other, REDIS_MSG.hello, { epoch: cfg.configEpoch, primary: cfg.primary } satisfies HelloMessage);
  };

  const tick = () => {
    for (const s of servers) {
      void rt.call<InfoReply>(s, REDIS_MSG.info, {}, { timeout: INFO_PERIOD }).then((info) => onInfo(s, info), () => undefined);
    }
    const down = new Set(servers.filter(sdown));
    for (const s of down) if (!sdownSeen.has(s)) rt.record("sentinel-sdown", { server: s });
    sdownSeen = down;
    if (down.has(cfg.primary)) ask(failover && !failover.promoting ? rt.address : "*");
    else downReplies.clear();
    const od = odown();
    if (od && !odownSeen) rt.record("sentinel-odown", { primary: cfg.primary, epoch: cfg.currentEpoch });
    odownSeen = od;
    if (failover && !failover.promoting && rt.now() - failover.startedAt > Math.min(ELECTION_TIMEOUT, failoverTimeout)) abort("no majority voted for this sentinel in time");
    if (od && failover === null && rt.now() >= noFailoverUntil) startFailover();
    publish();
  };

  return {
    start() {
      publish();
      rt.setTimer(rt.random.int(INFO_PERIOD) + 1, function loop() {
        tick();
        rt.setTimer(INFO_PERIOD, loop, "sentinel-tick");
      }, "sentinel-tick");
      rt.setTimer(rt.random.int(HELLO_PERIOD) + 1, function loop() {
        hello();
        rt.setTimer(HELLO_PERIOD, loop, "sentinel-hello");
      }, "sentinel-hello");
    },
    message(msg: Message) {
      if (msg.type !== REDIS_MSG.hello) return;
      const h = msg.body as HelloMessage;
      if (h.epoch > cfg.currentEpoch) cfg.currentEpoch = h.epoch;
      if (h.epoch > cfg.configEpoch && h.primary !== cfg.primary) {
        cfg.primary = h.primary;
        cfg.configEpoch = h.epoch;
        downReplies.clear();
        save();
        publish();
      }
    },
    request(req: Message) {
      if (req.type === REDIS_MSG.getMaster) return { primary: cfg.primary, epoch: cfg.configEpoch };
      if (req.type !== REDIS_MSG.isDown) throw { status: 400, code: "ERR", message: `ERR unknown command '${req.type}'` };
      const r = req.body as IsDownRequest;
      const down = r.primary === cfg.primary && sdown(r.primary);
      if (r.runid !== "*") {
        if (r.epoch > cfg.currentEpoch) cfg.currentEpoch = r.epoch;
        if (cfg.leaderEpoch < r.epoch && cfg.currentEpoch <= r.epoch) {
          cfg.leaderEpoch = r.epoch;
          cfg.leader = r.runid;
          save();
          rt.record("sentinel-vote", { for: r.runid, epoch: r.epoch });
          if (r.runid !== rt.address) noFailoverUntil = Math.max(noFailoverUntil, rt.now() + rt.random.int(SECOND) + 2 * failoverTimeout);
        }
      }
      return { down, leader: cfg.leader, leaderEpoch: cfg.leaderEpoch } satisfies IsDownReply;
    },
  };
};
