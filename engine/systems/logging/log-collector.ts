import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { resolveLogCollectorOptions } from "./logging-options";
import { LOG_FORWARD } from "./log-messages";
import type { ChunkAck, ForwardedChunk } from "./log-messages";
import { SeenRanges } from "./seen-ranges";

/** The state a collector publishes: lines stored and duplicates seen, per agent. */
export interface LogCollectorState {
  stored: Record<string, number>;
  duplicates: Record<string, number>;
}

/**
 * A log collector (a Fluentd aggregator, Logstash in front of Elasticsearch). It stores each
 * chunk it receives, remembers every (agent, sequence number) it has stored, as ranges on its
 * disk, and acknowledges only after both are synced, so an acknowledged line is never lost. A
 * line it has already stored (the agent retried after a lost ack) is counted as a duplicate and,
 * with `dedup` (the default), not stored again, like an Elasticsearch index whose document id is
 * the line's (agent, sequence).
 *
 * History: `log-stored` (agent, chunk, seqs stored, duplicates) per chunk received. Metrics:
 * `logs.stored`, `logs.duplicates`.
 */
export const logCollector: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = resolveLogCollectorOptions(config, `log-collector ${rt.address}`);
  const seen = new Map<string, SeenRanges>();
  const st: LogCollectorState = { stored: {}, duplicates: {} };

  const seenOf = (agent: string): SeenRanges => {
    let s = seen.get(agent);
    if (!s) {
      s = new SeenRanges(rt.disk.read<Array<[number, number]>>(`seen/${agent}`) ?? []);
      seen.set(agent, s);
    }
    return s;
  };

  const receive = (b: ForwardedChunk): ChunkAck => {
    const s = seenOf(b.agent);
    const fresh: number[] = [];
    for (const seq of b.seqs) if (s.add(seq)) fresh.push(seq);
    const duplicates = b.seqs.length - fresh.length;
    const stored = o.dedup ? fresh : b.seqs;
    rt.disk.write(`seen/${b.agent}`, s.toJSON() as unknown as Json);
    rt.disk.sync();
    rt.record("log-stored", { agent: b.agent, chunk: b.chunk, seqs: stored, duplicates });
    rt.metrics.count("logs.stored", stored.length);
    if (duplicates > 0) rt.metrics.count("logs.duplicates", duplicates);
    st.stored[b.agent] = (st.stored[b.agent] ?? 0) + stored.length;
    st.duplicates[b.agent] = (st.duplicates[b.agent] ?? 0) + duplicates;
    rt.publish<LogCollectorState>((x) => {
      x.stored = { ...st.stored };
      x.duplicates = { ...st.duplicates };
    });
    return { ack: b.chunk };
  };

  return {
    message(msg: Message) {
      if (msg.type === LOG_FORWARD) receive(msg.body as ForwardedChunk);
    },
    request(req: Message) {
      if (req.type !== LOG_FORWARD) throw { status: 400, code: "error", message: `${rt.address}: a collector takes "${LOG_FORWARD}", not "${req.type}"` };
      return receive(req.body as ForwardedChunk);
    },
  };
};
