import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { ProcessFactory } from "../../node/runtime-api";
import type { OptionTable } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import { badConfig } from "../../options/option-values";
import { addressList, addressValue } from "./config-values";
import { MSG, type ClientReplyBody, type ClientRequestBody, type WorkBody } from "./messages";
import type { Outcome } from "./vote-policy";

/** Configuration of the transaction client (the application and its transaction manager). */
export interface CommitClientConfig {
  /** The coordinator's address. */
  coordinator: string;
  /** Every participant's address; each transaction uses all of them or `participantsPerTxn`. */
  participants: string[];
  /** How many participants one transaction touches, drawn at random; default all. */
  participantsPerTxn?: number;
  /** How many transactions to run; default 100. */
  count?: number;
  /** Transactions started per second, Poisson arrivals; default 10. */
  rate?: number;
  /** Between sending the work to the participants and asking to commit; default 5 ms. */
  workTime?: Micros | string;
  /** How long the commit request may take before the client asks for the outcome; default 2 s. */
  commitTimeout?: Micros | string;
  /** Between two outcome inquiries after a commit request failed; default 500 ms. */
  statusInterval?: Micros | string;
  /** Most outcome inquiries per transaction; default 120. */
  statusAttempts?: number;
  /** Transaction ids are `<txnPrefix>#<n>`; default the client's node name. */
  txnPrefix?: string;
  /**
   * From a scenario's `workload` entry: `poisson` or `constant` arrivals at `ratePerSecond`
   * (instead of `rate`). Constant arrivals make the transaction times the same for every seed.
   */
  arrival?: { pattern: string; ratePerSecond?: number };
  /** From a `workload` entry: how many transactions (instead of `count`). */
  requests?: number;
  /** From a `workload` entry: start no transaction after this time. */
  stopAt?: Micros;
  /** From a `workload` entry: the commit request's timeout (instead of `commitTimeout`). */
  deadline?: Micros;
}

/**
 * The transaction client's plain options, each declared once (engine/options/option-table.ts).
 * A scenario's `workload` entry writes `requests` (read as `count`), `arrival` (read as `rate`),
 * `stopAt` and `deadline` (read as `commitTimeout`).
 */
export const COMMIT_CLIENT_OPTIONS = {
  participantsPerTxn: { type: "int", default: null, nullable: true, min: 1, description: "How many participants one transaction touches, drawn at random; null: all." },
  count: { type: "int", default: 100, min: 0, description: "How many transactions to run." },
  rate: { type: "rate", default: 10, description: "Transactions started per second, above 0; Poisson unless the workload's arrival is constant." },
  workTime: { type: "duration", default: 5 * MS, description: "Between sending the work and asking to commit." },
  commitTimeout: { type: "duration", default: 2 * SECOND, description: "How long the commit request may take before the client asks for the outcome." },
  statusInterval: { type: "duration", default: 500 * MS, description: "Between outcome inquiries (at least 1us)." },
  statusAttempts: { type: "int", default: 120, min: 0, description: "Most outcome inquiries per transaction." },
  stopAt: { type: "duration", default: null, nullable: true, description: "Start no transaction after this time; null: none." },
} as const satisfies OptionTable;

/** What the client publishes for the state panel. */
interface ClientState {
  started: number;
  committed: number;
  aborted: number;
  unknown: number;
  /** Transactions waiting for their outcome, by id, with their participants. */
  open: Record<string, string[]>;
}

/**
 * A stream of distributed transactions. Each one sends its work to the participants, waits
 * `workTime`, asks the coordinator to commit, and records the outcome it is told. When the
 * request fails (the coordinator crashed, a partition) it keeps asking for the outcome, as an
 * application that must know whether its transaction committed: that answer is part of the
 * history the atomicity checker reads. Its transaction counter is on disk, so a restarted client
 * never reuses an id.
 */
export const commitClient: ProcessFactory<CommitClientConfig> = (rt, config) => {
  const where = `commit-client ${rt.address} config`;
  const coordinator = addressValue(config.coordinator, `${where}.coordinator`);
  const all = addressList(config.participants, `${where}.participants`);
  const c = config as unknown as Record<string, unknown>;
  const o = readOptions(COMMIT_CLIENT_OPTIONS, {
    ...c, count: c.requests ?? c.count, rate: config.arrival?.ratePerSecond ?? c.rate, commitTimeout: c.deadline ?? c.commitTimeout,
  }, where);
  const perTxn = Math.min(all.length, Math.max(1, Math.round(o.participantsPerTxn ?? all.length)));
  const count = o.count;
  const arrivalPattern = config.arrival?.pattern ?? "poisson";
  if (arrivalPattern !== "poisson" && arrivalPattern !== "constant") {
    throw new Error(`${where}.arrival: the commit client supports poisson and constant arrivals, not "${arrivalPattern}"`);
  }
  const rate = o.rate;
  if (!(rate > 0)) badConfig(where, "rate", "a rate above 0", rate);
  const stopAt = o.stopAt ?? Infinity;
  const workTime = o.workTime;
  const commitTimeout = o.commitTimeout;
  const statusInterval = Math.max(1, o.statusInterval);
  const statusAttempts = o.statusAttempts;
  const prefix = config.txnPrefix ?? rt.node;
  let next = rt.disk.read<number>("next") ?? 0;

  const publish = (fn: (s: ClientState) => void) => rt.publish<ClientState>(fn);
  const choose = (): string[] => {
    if (perTxn >= all.length) return [...all];
    const picked = new Set(rt.random.shuffle(all).slice(0, perTxn));
    return all.filter((p) => picked.has(p)); // list order, so "the lowest id" means the same to all
  };
  const finish = (txn: string, outcome: Outcome | "unknown", via: string, since: Micros) => {
    rt.record("txn-outcome", { txn, outcome, via });
    rt.metrics.count(`txn.${outcome === "commit" ? "committed" : outcome === "abort" ? "aborted" : "unknown"}`);
    if (outcome !== "unknown") rt.metrics.observe("txn.latency", rt.now() - since);
    publish((s) => {
      if (outcome === "commit") s.committed++;
      else if (outcome === "abort") s.aborted++;
      else s.unknown++;
      delete s.open[txn];
    });
  };

  const one = async (n: number) => {
    const txn = `${prefix}#${n}`;
    const participants = choose();
    const body: ClientRequestBody = { txn, participants };
    rt.record("txn-begin", { txn, participants, coordinator });
    rt.metrics.count("txn.started");
    publish((s) => { s.started++; s.open[txn] = participants; });
    const work: WorkBody = { txn, coordinator, participants };
    for (const p of participants) rt.send(p, MSG.work, work);
    await rt.sleep(workTime);
    const since = rt.now();
    try {
      const reply = await rt.call<ClientReplyBody>(coordinator, MSG.commitTxn, body, { timeout: commitTimeout });
      if (reply.outcome === "commit" || reply.outcome === "abort") return finish(txn, reply.outcome, "commit", since);
    } catch {
      // The request failed or timed out: the outcome is unknown, so ask for it below.
    }
    for (let attempt = 0; attempt < statusAttempts; attempt++) {
      await rt.sleep(statusInterval);
      try {
        const reply = await rt.call<ClientReplyBody>(coordinator, MSG.txnStatus, body, { timeout: statusInterval });
        if (reply.outcome === "commit" || reply.outcome === "abort") return finish(txn, reply.outcome, "status", since);
      } catch {
        // Still no answer: the coordinator is down or cut off; try again.
      }
    }
    finish(txn, "unknown", "gave-up", since);
  };

  const arrival = () => Math.max(1, Math.round(arrivalPattern === "constant" ? SECOND / rate : rt.random.exponential(SECOND / rate)));
  const tick = () => {
    if (next >= count || rt.now() > stopAt) return;
    next++;
    rt.disk.write("next", next);
    rt.disk.sync();
    void one(next);
    if (next < count) rt.setTimer(arrival(), tick, "txn");
  };
  return {
    start() {
      publish((s) => { s.started = 0; s.committed = 0; s.aborted = 0; s.unknown = 0; s.open = {}; });
      if (next < count) rt.setTimer(arrival(), tick, "txn");
    },
  };
};
