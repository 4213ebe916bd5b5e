import type { Json } from "../../core/json";
import type { ProcessFactory } from "../../node/runtime-api";
import { OpenArrivals } from "../workload/arrivals";
import { resolveLogAgentOptions, retryInterval } from "./logging-options";
import { LogBuffer } from "./log-buffer";
import type { LogChunk } from "./log-buffer";
import { LOG_COLLECTOR_KIND, LOG_FORWARD } from "./log-messages";
import type { ForwardedChunk } from "./log-messages";

/** Sequence numbers are reserved on disk this many at a time, so a restart never reuses one. */
const SEQ_BLOCK = 1000;

/** The state a log agent publishes. */
export interface LogAgentState {
  buffered: number;
  /** Lines waiting in the application's log file while the buffer blocks. */
  backlog: number;
  produced: number;
  acked: number;
  dropped: number;
  retries: number;
}

/**
 * A log agent (Fluentd, Fluent Bit, Filebeat) beside an application on one node. The
 * application writes numbered lines at the configured rate; the agent buffers them on disk in
 * chunks (synced, so a crash loses none), closes a chunk when it is full or every
 * `flushIntervalUs`, and ships chunks one at a time, oldest first, to a collector. With
 * `requireAckResponse` a chunk leaves the buffer only when the collector acknowledges it, and a
 * failed or unanswered send is retried after 1, 2, 4 ... seconds (Fluentd's exponential
 * backoff), each time to the next collector: at-least-once, so a lost ack means a duplicate.
 * Without it (Fluentd's own default) a chunk is forgotten as soon as it is sent.
 * When the buffer is full, `overflowAction` decides: refuse the line, drop the oldest chunk,
 * or block (lines wait in the application's log file, read again as room appears).
 *
 * History: `log-line` (seq) per line written, `log-dropped` (seqs, reason) for lines the buffer
 * policy gave up, `log-acked` (chunk, lines) per acknowledged chunk. Metrics: `logs.produced`,
 * `logs.acked`, `logs.dropped`, `logs.retries`, `logs.blocked`, each also per agent as
 * `logs.agent.<node>.<name>`.
 */
export const logAgent: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `log-agent ${rt.address}`;
  const o = resolveLogAgentOptions(config, where);
  const collectors = o.collectors ?? rt.directory().filter((p) => p.kind === LOG_COLLECTOR_KIND).map((p) => p.address);
  if (collectors.length === 0) throw new Error(`${where}: no collectors (add a process of kind "${LOG_COLLECTOR_KIND}" or set collectors)`);
  const buffer = new LogBuffer({ chunkLimitLines: o.chunkLimitLines, totalLimitLines: o.totalLimitLines, overflowAction: o.overflowAction });
  const disk = rt.disk;
  let seqNext = 0, seqReserved = 0;
  /** Lines in the application's file not yet read into the buffer: [from, to], consecutive. */
  let backlog: { from: number; to: number } | null = null;
  let current = 0, retries = 0, sending = false;
  const st: LogAgentState = { buffered: 0, backlog: 0, produced: 0, acked: 0, dropped: 0, retries: 0 };
  let dirty = true;

  const count = (name: string, by = 1) => {
    rt.metrics.count(`logs.${name}`, by);
    rt.metrics.count(`logs.agent.${rt.node}.${name}`, by);
  };
  const saveChunk = (c: LogChunk) => disk.write(`chunk/${c.id}`, c as unknown as Json);
  const saveBacklog = () => (backlog ? disk.write("file", backlog) : disk.delete("file"));

  const allocate = (): number => {
    if (seqNext >= seqReserved) {
      seqReserved = seqNext + SEQ_BLOCK;
      disk.write("seq", seqReserved);
      disk.sync();
    }
    return seqNext++;
  };

  const drop = (seqs: number[], reason: string) => {
    rt.record("log-dropped", { seqs, reason });
    count("dropped", seqs.length);
    st.dropped += seqs.length;
  };

  /** Puts one line into the buffer; false when the buffer blocks. */
  const take = (seq: number): boolean => {
    const r = buffer.append(seq, rt.now());
    if (r.kind === "blocked") return false;
    if (r.kind === "refused") drop([seq], o.overflowAction);
    else {
      saveChunk(r.into);
      for (const c of r.dropped) {
        disk.delete(`chunk/${c.id}`);
        drop(c.seqs, "drop_oldest_chunk");
      }
    }
    return true;
  };

  /** A line the application wrote: it goes behind any backlog, so lines keep their order. */
  const write = (seq: number) => {
    rt.record("log-line", { seq });
    count("produced");
    st.produced++;
    if (backlog) backlog.to = seq;
    else if (!take(seq)) {
      backlog = { from: seq, to: seq };
      count("blocked");
    }
    saveBacklog();
    disk.sync();
    dirty = true;
    void pump();
  };

  /** Reads lines waiting in the file into the buffer, as far as there is room. */
  const drainBacklog = () => {
    while (backlog && take(backlog.from)) backlog = backlog.from === backlog.to ? null : { from: backlog.from + 1, to: backlog.to };
    saveBacklog();
  };

  const pump = async (): Promise<void> => {
    if (sending) return;
    sending = true;
    try {
      for (let c = buffer.next(); c !== null; c = buffer.next()) {
        const to = collectors[current % collectors.length];
        const body: ForwardedChunk = { agent: rt.address, chunk: c.id, seqs: c.seqs };
        if (o.requireAckResponse) {
          try {
            await rt.call(to, LOG_FORWARD, body, { timeout: o.ackResponseTimeoutUs });
          } catch {
            buffer.retry(c.id);
            retries++;
            st.retries++;
            count("retries");
            current++;
            dirty = true;
            await rt.sleep(retryInterval(o, retries));
            continue;
          }
        } else {
          rt.send(to, LOG_FORWARD, body);
        }
        buffer.ack(c.id);
        disk.delete(`chunk/${c.id}`);
        retries = 0;
        rt.record("log-acked", { chunk: c.id, lines: c.seqs.length });
        count("acked", c.seqs.length);
        st.acked += c.seqs.length;
        drainBacklog();
        disk.sync();
        dirty = true;
      }
    } finally {
      sending = false;
    }
  };

  const publish = () => {
    if (dirty) {
      dirty = false;
      st.buffered = buffer.size;
      st.backlog = backlog ? backlog.to - backlog.from + 1 : 0;
      rt.publish<LogAgentState>((s) => Object.assign(s, st));
    }
    rt.setTimer(1_000_000, publish, "publish");
  };

  const flush = () => {
    buffer.closeStaged();
    void pump();
    rt.setTimer(o.flushIntervalUs, flush, "flush");
  };

  return {
    start() {
      seqNext = seqReserved = disk.read<number>("seq") ?? 0;
      buffer.restore(disk.keys("chunk/").map((k) => disk.read(k) as unknown as LogChunk));
      backlog = disk.read<{ from: number; to: number }>("file") ?? null;
      publish();
      rt.setTimer(o.flushIntervalUs, flush, "flush");
      void pump();
      const arrivals = new OpenArrivals(o.arrival, rt.random, rt.now());
      const writing = () => o.stopAtUs === null || rt.now() < o.stopAtUs;
      const schedule = () => {
        const next = arrivals.next(rt.now());
        if (next === null) return;
        rt.setTimer(next.delay, () => {
          if (!writing()) return;
          for (let i = 0; i < next.count; i++) write(allocate());
          schedule();
        }, "log-write");
      };
      schedule();
    },
  };
};
