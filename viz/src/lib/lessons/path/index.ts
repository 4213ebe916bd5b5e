import type { Lesson } from "../lesson-types";
import { discovery } from "./01-discovery";
import { selfPreservation } from "./02-self-preservation";
import { balancing } from "./03-balancing";
import { failover } from "./04-failover";
import { breaker } from "./05-breaker";
import { rateLimit } from "./06-rate-limit";
import { configCenter } from "./07-config-center";
import { quorum } from "./08-quorum";
import { kafka } from "./09-kafka";
import { twoPhaseCommit } from "./10-two-phase-commit";
import { coordinatorCrash } from "./11-coordinator-crash";
import { seataDirtyRead } from "./12-seata-dirty-read";
import { raftElection } from "./13-raft-election";

/** The path, in the seed document's order: discovery, balancing, failover and breaking, data, queues, transactions, consensus. */
export const LESSONS: readonly Lesson[] = [
  discovery, selfPreservation, balancing, failover, breaker, rateLimit, configCenter, quorum, kafka, twoPhaseCommit, coordinatorCrash, seataDirtyRead, raftElection,
];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
