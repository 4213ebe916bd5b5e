import type { Lesson } from "../lesson-types";
import { discovery } from "./01-discovery";
import { selfPreservation } from "./02-self-preservation";
import { balancing } from "./03-balancing";
import { failover } from "./04-failover";
import { breaker } from "./05-breaker";
import { rateLimit } from "./06-rate-limit";
import { quorum } from "./07-quorum";
import { kafka } from "./08-kafka";
import { twoPhaseCommit } from "./09-two-phase-commit";
import { coordinatorCrash } from "./10-coordinator-crash";
import { seataDirtyRead } from "./11-seata-dirty-read";
import { raftElection } from "./12-raft-election";

/** The path, in the seed document's order: discovery, balancing, failover and breaking, data, queues, transactions, consensus. */
export const LESSONS: readonly Lesson[] = [
  discovery, selfPreservation, balancing, failover, breaker, rateLimit, quorum, kafka, twoPhaseCommit, coordinatorCrash, seataDirtyRead, raftElection,
];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
