import { SECOND } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { badConfig, checkKeys } from "../../options/option-values";
import { readOptions } from "../../options/option-table";
import { MYSQL_MSG, MYSQL_SERVER_KIND } from "./mysql-messages";
import type { ServerStatus } from "./mysql-messages";
import { MYSQL_FAILOVER_OPTIONS } from "./mysql-options";

/** Failures in a row after which MHA declares the source dead. */
const FAILURES = 3;

/** The state the failover manager publishes. */
export interface MysqlFailoverState {
  source: string;
  failures: number;
}

/**
 * A failover manager in the manner of MHA (MySQL Master HA): it pings the source every
 * `ping_interval` seconds and, after three failures in a row, promotes the reachable replica
 * that has received the most of the binary log (the "latest slave"), points the other
 * replicas at it, and from then on tells clients the new source (as MHA's IP failover script
 * moves a virtual IP). The old source is not taken back: MHA leaves it out of the set. MySQL
 * itself has no automatic failover; this is the part of the picture that decides which
 * transactions survive, and it can only choose among what the replicas received.
 *
 * History: `mysql-failover` (from, to, received), `mysql-failover-waiting` (no replica reachable).
 */
export const mysqlFailover: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `mysql-failover ${rt.address}`;
  checkKeys(config, [...Object.keys(MYSQL_FAILOVER_OPTIONS), "source"], where);
  const o = readOptions(MYSQL_FAILOVER_OPTIONS, config, where);
  if (typeof config.source !== "string" || !config.source.includes("/")) badConfig(where, "source", 'the source\'s address, such as "m/mysql"', config.source);
  const name = config.source.split("/")[1];
  const servers = rt.directory().filter((p) => p.kind === MYSQL_SERVER_KIND && p.process === name).map((p) => p.address);
  let source = rt.disk.read<string>("mha/source") ?? config.source;
  let failures = 0, busy = false, waitingSaid = false;
  const publish = () => rt.publish<MysqlFailoverState>((s) => { s.source = source; s.failures = failures; });

  const failover = async (): Promise<void> => {
    const others = servers.filter((s) => s !== source);
    const status = await Promise.all(others.map((s) => rt.call<ServerStatus>(s, MYSQL_MSG.status, {}, { timeout: SECOND }).then((st) => ({ s, st }), () => null)));
    const candidates = status.filter((x): x is { s: string; st: ServerStatus } => x !== null).sort((a, b) => b.st.received - a.st.received || (a.s < b.s ? -1 : 1));
    if (candidates.length === 0) {
      if (!waitingSaid) rt.record("mysql-failover-waiting", { source });
      waitingSaid = true;
      return;
    }
    const chosen = candidates[0];
    try {
      await rt.call(chosen.s, MYSQL_MSG.promote, {}, { timeout: SECOND });
    } catch {
      return;
    }
    const old = source;
    source = chosen.s;
    rt.disk.write("mha/source", source);
    rt.disk.sync();
    failures = 0;
    rt.record("mysql-failover", { from: old, to: source, received: chosen.st.received });
    for (const c of candidates.slice(1)) void rt.call(c.s, MYSQL_MSG.changeSource, { source }, { timeout: SECOND }).catch(() => undefined);
  };

  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await rt.call(source, MYSQL_MSG.ping, {}, { timeout: SECOND });
      failures = 0;
    } catch {
      failures++;
      if (failures >= FAILURES) await failover();
    } finally {
      busy = false;
      publish();
    }
  };

  return {
    start() {
      publish();
      rt.setTimer(o.ping_interval * SECOND, function loop() {
        rt.setTimer(o.ping_interval * SECOND, loop, "mha-ping");
        return tick();
      }, "mha-ping");
    },
    request(req: Message) {
      if (req.type === MYSQL_MSG.getSource) return { source };
      throw { status: 400, code: "error", message: `${rt.address} answers ${MYSQL_MSG.getSource}` };
    },
  };
};
