import { MS, SECOND } from "../../core/time";
import type { Scenario, Seed } from "../../scenario";
import type { CoordinatorBug, ParticipantBug } from "./commit-options";
import { commitScenario } from "./commit-scenario";

/** The atomic commit bugs a scenario can switch on. */
export type CommitBug = Exclude<CoordinatorBug, "none"> | Exclude<ParticipantBug, "none">;

/** Every commit bug, with what it breaks and how a run shows it. */
export const COMMIT_BUGS: Record<CommitBug, { where: "coordinator" | "participant"; breaks: string; shows: string }> = {
  "commit-before-durable": {
    where: "coordinator",
    breaks: "The coordinator sends COMMIT before its commit record is durable.",
    shows: "A crash inside the fsync loses the decision; the participants commit, the restarted coordinator " +
      "presumes abort, and the client that asks for the outcome is told abort.",
  },
  "forget-vote": {
    where: "participant",
    breaks: "A participant does not treat its logged YES as binding after a restart.",
    shows: "A crash between the vote and the decision makes the participant roll back a transaction " +
      "the coordinator commits on the strength of that vote.",
  },
};

/**
 * A run in which the random nemesis can expose a bug: 2PC with three participants, a client
 * starting 20 transactions a second, and a nemesis that crashes the coordinator or a participant
 * about once a second for 0.1 to 1 s. The disk takes 10 ms to force a record (a network block
 * device, not a local SSD), which makes the coordinator's window as wide as such a disk makes it.
 * With `bug: null` the same run is the correct protocol, for comparison.
 */
export function bugZooScenario(bug: CommitBug | null, seed: Seed): Scenario {
  const forceLatency = 10 * MS;
  return commitScenario({
    protocol: "2pc",
    name: bug ? `2pc-bug-${bug}` : "2pc-under-crashes",
    seed,
    duration: 20 * SECOND,
    coordinator: { forceLatency, bug: bug === "commit-before-durable" ? bug : "none" },
    participant: { forceLatency, bug: bug === "forget-vote" ? bug : "none" },
    client: { count: 300, rate: 20 },
    nemesis: {
      mix: { crash: 1 },
      interval: { dist: "exponential", mean: 1 * SECOND },
      duration: { dist: "uniform", min: 100 * MS, max: 1 * SECOND },
      targets: ["c", "p1", "p2", "p3"],
    },
  });
}
