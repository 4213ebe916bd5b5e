import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";
import type { Message, ProcessFactory, TimerId } from "../../node/runtime-api";
import { RaftLog } from "./raft-log";
import type { AppendReply, AppendRequest, LogEntry, Membership, SnapshotRequest, VoteReply, VoteRequest } from "./raft-messages";
import { RAFT_MSG } from "./raft-messages";
import { resolveRaftOptions } from "./raft-options";
import { acceptAppend, atLeastAsUpToDate, majorityCommitIndex, nextIndexAfterConflict } from "./raft-rules";
import { ReadQueue } from "./read-queue";
import { describeEntry, LOG_TAIL_LENGTH, type LogTailEntry } from "./log-tail";
import type { StateMachineFactory } from "./state-machine";

/** A server's role. `pre-candidate` is the pre-vote phase (thesis §9.6). */
export type RaftRole = "follower" | "pre-candidate" | "candidate" | "leader";

/** What a Raft server publishes for the visualizer's state panel. */
export interface RaftServerState {
  role: RaftRole;
  term: number;
  leader: string | null;
  lastIndex: number;
  commit: number;
  applied: number;
  snapshot: number;
  /** The newest few entries (at most LOG_TAIL_LENGTH, oldest first), compacted ones left out. */
  tail: LogTailEntry[];
}

/** The error a server answers a client with (thrown as a remote error's detail). */
export interface RaftRefusal {
  /** `not-leader`: nothing happened, ask `leader`; `unknown`: the command may or may not take effect. */
  code: "not-leader" | "unknown" | "bad-request";
  leader?: string | null;
  message: string;
}

/** Client request types every Raft server takes besides its state machine's. */
export const RAFT_ADMIN = { addLearner: "raft.add-learner", addVoter: "raft.add-voter", remove: "raft.remove" } as const;

/**
 * A Raft server (Ongaro & Ousterhout 2014, Figure 2, with the thesis's pre-vote, check-quorum,
 * ReadIndex and lease reads, snapshots and single-server membership changes) replicating the
 * state machine `makeSm` builds. Messages are one-way, as in the paper; clients call it with
 * the state machine's request types and get `not-leader` with a hint from a non-leader.
 *
 * Persistence: currentTerm, votedFor and the log are written to disk and synced before any
 * message that depends on them leaves (every send syncs first), so a crash loses nothing a
 * reply promised. History: `raft-role` (role, term), `raft-leader` (term, log term runs),
 * `raft-commit` at the leader (index, term, entryTerm),
 * `raft-vote` (term, for), `raft-apply` (index, term, id), `raft-lease-read` (term), which the
 * consensus checkers read.
 */
export function raftServer(kind: string, makeSm: StateMachineFactory): ProcessFactory<Record<string, unknown>> {
  return (rt, config) => {
    const where = `${kind} ${rt.address}`;
    const o = resolveRaftOptions(config, where);
    const self = rt.address;
    const initial: Membership = {
      voters: o.voters ?? rt.directory().filter((p) => p.kind === kind && p.process === rt.process && !o.learners.includes(p.address)).map((p) => p.address),
      learners: o.learners,
    };
    const log = new RaftLog(rt.disk);
    const out = (to: string, type: string, body: unknown) => {
      // Stable storage first: no message may promise what a crash could take back.
      log.sync();
      rt.send(to, type, body);
    };
    const sm = makeSm({ address: self, now: () => rt.now(), record: (e, f) => rt.record(e, f), send: (to, type, body) => rt.send(to, type, body) });
    if (log.snapshot) sm.restore(log.snapshot.state);

    let role: RaftRole = "follower";
    let leader: string | null = null;
    let commitIndex = log.base;
    let lastApplied = log.base;
    let electionTimer: TimerId | null = null;
    let leaderTimers: TimerId[] = [];
    let heardFromLeaderAt: Micros = Number.NEGATIVE_INFINITY;
    let votes = new Set<string>();
    let seq = 0;
    // Leader state, reset at each election won.
    const next = new Map<string, number>();
    const match = new Map<string, number>();
    let recentActive = new Set<string>();
    let noopIndex = Number.POSITIVE_INFINITY;
    const pending = new Map<number, { id: string; resolve: (v: Json) => void; reject: (e: RaftRefusal) => void }>();
    const reads = new ReadQueue();

    const members = () => log.membership(initial);
    const isVoter = () => members().voters.includes(self);
    const peers = () => { const m = members(); return [...m.voters, ...m.learners].filter((a) => a !== self); };
    const majority = (set: (a: string) => boolean) => { const v = members().voters; return v.filter(set).length * 2 > v.length; };
    const ownTermCommitted = () => role === "leader" && commitIndex >= noopIndex;
    // The tail is written only when it changed, so an unchanged log adds no patch to the trace.
    let tailKey = "";
    const publish = () => rt.publish<RaftServerState>((s) => {
      Object.assign(s, { role, term: log.term, leader, lastIndex: log.lastIndex, commit: commitIndex, applied: lastApplied, snapshot: log.base });
      const from = Math.max(log.base + 1, log.lastIndex - LOG_TAIL_LENGTH + 1);
      const entries = log.slice(from, LOG_TAIL_LENGTH);
      const key = `${from}:${entries.map((e) => `${e.term}/${e.id}`).join(",")}`;
      if (key === tailKey && s.tail) return;
      tailKey = key;
      s.tail = entries.map((e, k) => ({ index: from + k, term: e.term, what: describeEntry(e) }));
    });
    const setRole = (r: RaftRole) => {
      if (r === role) return;
      const was = role;
      role = r;
      rt.record("raft-role", { role, term: log.term });
      if (was === "leader") { stopLeading(); resetElectionTimer(); }
      publish();
    };

    const resetElectionTimer = () => {
      if (electionTimer) rt.clearTimer(electionTimer);
      electionTimer = null;
      if (role === "leader" || !isVoter()) return;
      const delay = Math.floor(rt.random.range(o.electionMinUs, o.electionMaxUs));
      electionTimer = rt.setTimer(delay, () => {
        electionTimer = null;
        if (o.preVote) startPreVote();
        else startElection();
      }, "election-timeout");
    };

    const becomeFollower = (term: number, newLeader: string | null) => {
      if (term > log.term) log.setTerm(term, null);
      leader = newLeader;
      setRole("follower");
    };

    let voteRetry: TimerId | null = null;
    /**
     * Asks every voter that has not answered, and asks again each heartbeat interval while the
     * election lasts (§5.1: servers retry RPCs that get no timely answer), so one lost message
     * does not cost a whole election timeout.
     */
    const requestVotes = (term: number, pre: boolean) => {
      const phase = role;
      const body: VoteRequest = { term, candidate: self, lastIndex: log.lastIndex, lastTerm: log.lastTerm, pre };
      for (const v of members().voters) if (v !== self && !votes.has(v)) out(v, RAFT_MSG.vote, body);
      if (voteRetry) rt.clearTimer(voteRetry);
      voteRetry = rt.setTimer(o.heartbeatUs, () => {
        voteRetry = null;
        if (role === phase && log.term === (pre ? term - 1 : term)) requestVotes(term, pre);
      }, "vote-retry");
    };

    const startPreVote = () => {
      setRole("pre-candidate");
      leader = null;
      votes = new Set([self]);
      resetElectionTimer();
      if (majority((a) => votes.has(a))) return startElection();
      requestVotes(log.term + 1, true);
    };

    const startElection = () => {
      log.setTerm(log.term + 1, self, o.bug !== "vote-not-persisted");
      leader = null;
      role = "follower";
      setRole("candidate");
      votes = new Set([self]);
      resetElectionTimer();
      if (majority((a) => votes.has(a))) return becomeLeader();
      requestVotes(log.term, false);
    };

    const becomeLeader = () => {
      setRole("leader");
      leader = self;
      if (electionTimer) rt.clearTimer(electionTimer);
      electionTimer = null;
      for (const p of peers()) { next.set(p, log.lastIndex + 1); match.set(p, 0); }
      reads.reset();
      recentActive = new Set();
      // A no-op of the new term commits the older entries with it (§5.4.2) and gives ReadIndex its anchor (§8).
      noopIndex = log.append({ term: log.term, kind: "noop", id: `${self}/${rt.incarnation}#noop${log.term}` });
      log.sync();
      rt.record("raft-leader", { term: log.term, lastIndex: log.lastIndex, base: log.base, runs: log.termRuns() as unknown as Json });
      broadcast();
      leaderTimers = [
        rt.setTimer(o.heartbeatUs, function beat() { broadcast(); leaderTimers[0] = rt.setTimer(o.heartbeatUs, beat, "heartbeat"); }, "heartbeat"),
        rt.setTimer(o.electionMinUs, function quorum() {
          if (o.checkQuorum && !majority((a) => a === self || recentActive.has(a))) {
            rt.record("raft-step-down", { term: log.term, reason: "check-quorum" });
            leader = null;
            setRole("follower");
            resetElectionTimer();
            return;
          }
          recentActive = new Set();
          leaderTimers[1] = rt.setTimer(o.electionMinUs, quorum, "check-quorum");
        }, "check-quorum"),
      ];
      if (sm.tick) {
        leaderTimers.push(rt.setTimer(o.leaseCheckUs, function tick() {
          // Nobody waits for these answers; a leader that steps down rejects them, and the state
          // machine proposes again if it still needs to, so the rejection is dropped here.
          for (const cmd of sm.tick!(rt.now())) propose({ term: log.term, kind: "cmd", cmd, id: `${self}/${rt.incarnation}#${++seq}` }).catch(() => {});
          leaderTimers[2] = rt.setTimer(o.leaseCheckUs, tick, "lease-check");
        }, "lease-check"));
      }
      sm.onLeaderChange?.(true, rt.now());
      advanceCommit();
      publish();
    };

    const stopLeading = () => {
      for (const t of leaderTimers) rt.clearTimer(t);
      leaderTimers = [];
      noopIndex = Number.POSITIVE_INFINITY;
      for (const [, p] of pending) p.reject({ code: "unknown", leader, message: `${self} stopped leading; the command may still commit` });
      pending.clear();
      reads.failAll({ code: "not-leader", leader: null, message: `${self} stopped leading` });
      sm.onLeaderChange?.(false, rt.now());
    };

    const sendAppend = (peer: string) => {
      const ni = next.get(peer) ?? log.lastIndex + 1;
      if (ni <= log.base) {
        const s = log.snapshot!;
        const body: SnapshotRequest = { term: log.term, leader: self, index: s.index, lastTerm: s.term, membership: s.membership, state: s.state, round: reads.round };
        out(peer, RAFT_MSG.snapshot, body);
        return;
      }
      const body: AppendRequest = { term: log.term, leader: self, prevIndex: ni - 1, prevTerm: log.termAt(ni - 1), entries: log.slice(ni, o.maxBatch), commit: commitIndex, round: reads.round };
      out(peer, RAFT_MSG.append, body);
    };

    const broadcast = () => {
      reads.startRound(rt.now());
      heardFromLeaderAt = rt.now();
      for (const p of peers()) sendAppend(p);
      serveReads();
    };

    const advanceCommit = () => {
      if (role !== "leader") return;
      const m = members();
      const matches = m.voters.map((v) => (v === self ? log.lastIndex : match.get(v) ?? 0));
      // A leader that removed itself still commits its config entry, counting only the others (thesis §4.2.2).
      const c = majorityCommitIndex(log, matches, log.term, commitIndex, o.bug === "commit-old-term");
      if (c > commitIndex) {
        // Whether the newest committed entry is of this term: with the Figure 8 bug it may not be.
        rt.record("raft-commit", { index: c, term: log.term, entryTerm: log.termAt(c) });
        commitIndex = c;
        applyCommitted();
      }
    };

    const applyCommitted = () => {
      while (lastApplied < commitIndex) {
        const i = ++lastApplied;
        const e = log.at(i)!;
        rt.record("raft-apply", { index: i, term: e.term, id: e.id });
        const result = e.kind === "cmd" ? sm.apply(e.cmd!, { index: i, leader: role === "leader" }) : null;
        const p = pending.get(i);
        if (p) {
          pending.delete(i);
          if (p.id === e.id) p.resolve(result);
          else p.reject({ code: "unknown", leader, message: `another entry took index ${i}` });
        }
        if (e.kind === "config" && role === "leader" && !e.config!.voters.includes(self)) {
          rt.record("raft-step-down", { term: log.term, reason: "removed" });
          leader = null;
          setRole("follower");
        }
      }
      if (o.snapshotEvery > 0 && lastApplied - log.base >= o.snapshotEvery) {
        log.installSnapshot({ index: lastApplied, term: log.termAt(lastApplied), membership: log.membershipAt(lastApplied, initial), state: sm.snapshot() });
        log.sync();
      }
      serveReads();
      publish();
    };

    const serveReads = () => {
      if (role !== "leader") return;
      for (const r of reads.ready(lastApplied, members().voters, self)) r.resolve(sm.query(r.query));
    };

    const propose = (entry: LogEntry): Promise<Json> => {
      const index = log.append(entry);
      log.sync();
      const answer = new Promise<Json>((resolve, reject) => pending.set(index, { id: entry.id, resolve, reject }));
      for (const p of peers()) sendAppend(p);
      advanceCommit();
      return answer;
    };

    const refuse = (): never => {
      throw { code: "not-leader", leader, message: `${self} is not the leader (term ${log.term})` } satisfies RaftRefusal;
    };

    const withTimeout = <T>(p: Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
      const t = rt.setTimer(o.proposalTimeoutUs, () => reject({ code: "unknown", leader, message: `${self}: no answer within the proposal timeout` } satisfies RaftRefusal), "proposal-timeout");
      p.then((v) => { rt.clearTimer(t); resolve(v); }, (e) => { rt.clearTimer(t); reject(e); });
    });

    const linearizableRead = (query: Json): Json | Promise<Json> => {
      if (role !== "leader") return refuse();
      if (o.bug === "read-unconfirmed") return sm.query(query);
      if (!ownTermCommitted()) throw { code: "not-leader", leader: self, message: `${self} has not committed an entry of term ${log.term} yet` } satisfies RaftRefusal;
      if (o.reads === "lease" && reads.leaseHolds(rt.now(), o.electionMinUs, members().voters, self)) {
        rt.record("raft-lease-read", { term: log.term });
        return sm.query(query);
      }
      const answer = reads.add(query, commitIndex);
      broadcast();
      return withTimeout(answer);
    };

    // Consul's default mode: a server that believes it leads answers from what it has applied.
    const leaderLocalRead = (query: Json): Json => (role === "leader" ? sm.query(query) : refuse());

    const membershipChange = (type: string, body: unknown): Promise<Json> => {
      if (role !== "leader") return refuse();
      const address = (body as { address?: unknown } | null)?.address;
      if (typeof address !== "string" || !address.includes("/")) throw { code: "bad-request", message: `${type} needs { address: "node/process" }` } satisfies RaftRefusal;
      // One change at a time, and only once this term has committed an entry (thesis §4.1 and its 2015 erratum).
      if (!ownTermCommitted() || log.lastConfigIndex() > commitIndex) throw { code: "not-leader", leader: self, message: `${self}: a configuration change is still in progress` } satisfies RaftRefusal;
      const m = members();
      const without = (l: string[]) => l.filter((a) => a !== address);
      const config: Membership = type === RAFT_ADMIN.addLearner ? { voters: without(m.voters), learners: [...without(m.learners), address] }
        : type === RAFT_ADMIN.addVoter ? { voters: [...without(m.voters), address], learners: without(m.learners) }
          : { voters: without(m.voters), learners: without(m.learners) };
      if (!next.has(address)) { next.set(address, log.lastIndex + 1); match.set(address, 0); }
      return withTimeout(propose({ term: log.term, kind: "config", config, id: `${self}/${rt.incarnation}#${++seq}` }));
    };

    const onVote = (req: VoteRequest) => {
      // A follower that heard from a live leader within the minimum election timeout ignores
      // elections (etcd with check-quorum), which is also what makes a leader lease safe.
      const inLease = (o.checkQuorum || o.reads === "lease") && leader !== null && rt.now() - heardFromLeaderAt < o.electionMinUs;
      if (inLease && req.term > log.term) return;
      const upToDate = atLeastAsUpToDate(req.lastTerm, req.lastIndex, log.lastTerm, log.lastIndex);
      if (req.pre) {
        const granted = req.term > log.term && upToDate && isVoter();
        out(req.candidate, RAFT_MSG.voteReply, { term: granted ? req.term : log.term, granted, pre: true } satisfies VoteReply);
        return;
      }
      if (req.term > log.term) becomeFollower(req.term, null);
      const granted = req.term === log.term && isVoter() && (log.votedFor === null || log.votedFor === req.candidate) && upToDate;
      if (granted) {
        log.setTerm(log.term, req.candidate, o.bug !== "vote-not-persisted");
        rt.record("raft-vote", { term: log.term, for: req.candidate });
        resetElectionTimer();
      }
      out(req.candidate, RAFT_MSG.voteReply, { term: log.term, granted, pre: false } satisfies VoteReply);
    };

    const onVoteReply = (from: string, r: VoteReply) => {
      if (r.pre) {
        if (role !== "pre-candidate") return;
        if (!r.granted && r.term > log.term) return becomeFollower(r.term, null);
        if (r.granted && r.term === log.term + 1) { votes.add(from); if (majority((a) => votes.has(a))) startElection(); }
        return;
      }
      if (r.term > log.term) { becomeFollower(r.term, null); resetElectionTimer(); return; }
      if (role !== "candidate" || r.term !== log.term || !r.granted) return;
      votes.add(from);
      if (majority((a) => votes.has(a))) becomeLeader();
    };

    /** Common to AppendEntries and InstallSnapshot: false when the sender's term is stale. */
    const acceptLeader = (term: number, from: string): boolean => {
      if (term < log.term) return false;
      becomeFollower(term, from);
      heardFromLeaderAt = rt.now();
      resetElectionTimer();
      return true;
    };

    const onAppend = (req: AppendRequest) => {
      const fail: AppendReply = { term: log.term, success: false, match: 0, conflictTerm: 0, conflictIndex: 0, round: req.round };
      if (!acceptLeader(req.term, req.leader)) return out(req.leader, RAFT_MSG.appendReply, fail);
      const r = acceptAppend(log, req, commitIndex);
      commitIndex = r.commit;
      out(req.leader, RAFT_MSG.appendReply, { ...r.reply, term: log.term, round: req.round } satisfies AppendReply);
      applyCommitted();
    };

    const onSnapshot = (req: SnapshotRequest) => {
      if (!acceptLeader(req.term, req.leader)) return out(req.leader, RAFT_MSG.appendReply, { term: log.term, success: false, match: 0, conflictTerm: 0, conflictIndex: 0, round: req.round } satisfies AppendReply);
      if (req.index > commitIndex) {
        log.installSnapshot({ index: req.index, term: req.lastTerm, membership: req.membership, state: structuredClone(req.state) });
        sm.restore(structuredClone(req.state));
        commitIndex = lastApplied = req.index;
        rt.record("raft-snapshot-installed", { index: req.index, term: req.lastTerm });
      }
      out(req.leader, RAFT_MSG.appendReply, { term: log.term, success: true, match: req.index, conflictTerm: 0, conflictIndex: 0, round: req.round } satisfies AppendReply);
      publish();
    };

    const onAppendReply = (from: string, r: AppendReply) => {
      if (r.term > log.term) { becomeFollower(r.term, null); resetElectionTimer(); return; }
      if (role !== "leader" || r.term !== log.term) return;
      recentActive.add(from);
      reads.ack(from, r.round);
      serveReads();
      if (r.success) {
        match.set(from, Math.max(match.get(from) ?? 0, r.match));
        next.set(from, Math.max(next.get(from) ?? 0, r.match + 1));
        advanceCommit();
        if ((next.get(from) ?? 0) <= log.lastIndex) sendAppend(from);
      } else {
        next.set(from, Math.min(nextIndexAfterConflict(log, r), log.lastIndex + 1));
        sendAppend(from);
      }
    };

    return {
      start() {
        rt.record("raft-role", { role, term: log.term });
        resetElectionTimer();
        publish();
      },
      message(msg: Message) {
        const b = msg.body as never;
        switch (msg.type) {
          case RAFT_MSG.vote: return onVote(b);
          case RAFT_MSG.voteReply: return onVoteReply(msg.from, b);
          case RAFT_MSG.append: return onAppend(b);
          case RAFT_MSG.appendReply: return onAppendReply(msg.from, b);
          case RAFT_MSG.snapshot: return onSnapshot(b);
        }
      },
      request(req: Message) {
        if (req.type === RAFT_ADMIN.addLearner || req.type === RAFT_ADMIN.addVoter || req.type === RAFT_ADMIN.remove) return membershipChange(req.type, req.body);
        let c;
        try { c = sm.classify(req.type, req.body); } catch (e) { throw { code: "bad-request", message: e instanceof Error ? e.message : String(e) } satisfies RaftRefusal; }
        if ("read" in c) return c.serializable ? sm.query(c.read) : c.leaderLocal === true ? leaderLocalRead(c.read) : linearizableRead(c.read);
        if (role !== "leader") return refuse();
        return withTimeout(propose({ term: log.term, kind: "cmd", cmd: c.write, id: `${self}/${rt.incarnation}#${++seq}` }));
      },
    };
  };
}
