import type { JsonObject } from "../../core/json";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { commitClient } from "./commit-client";
import { CLIENT_SCHEMA, COORDINATOR_SCHEMA, PARTICIPANT_SCHEMA } from "./config-schemas";
import { threePcCoordinator } from "./three-pc-coordinator";
import { threePcParticipant } from "./three-pc-participant";
import { twoPcCoordinator } from "./two-pc-coordinator";
import { twoPcParticipant } from "./two-pc-participant";
import { atomicity } from "./checks/atomicity";
import { blocking } from "./checks/blocking";
import { commitTermination } from "./checks/commit-termination";
import { validity } from "./checks/validity";

/**
 * The logging disciplines a scenario can name with `profile:`. Presumed abort is what R* (and
 * after it X/Open XA implementations) use, and the default; presumed nothing is the textbook
 * 2PC of BHG ch. 7, which forces and acknowledges every decision.
 */
const PRESUMPTION_PROFILES: Record<string, JsonObject> = {
  "presumed-abort": { presumption: "abort" },
  "presumed-nothing": { presumption: "nothing" },
};

/** The atomic commit process kinds, by the names scenario files use. */
export const commitProcesses: ProcessCatalog = {
  "2pc-coordinator": {
    factory: twoPcCoordinator,
    description: "Two-phase commit coordinator: votes, forced decisions, re-sent until acknowledged, presumed abort.",
    configSchema: COORDINATOR_SCHEMA,
    profiles: PRESUMPTION_PROFILES,
  },
  "2pc-participant": {
    factory: twoPcParticipant,
    description: "Two-phase commit participant: forced YES, cooperative termination when uncertain, recovery from its log.",
    configSchema: PARTICIPANT_SCHEMA,
    profiles: {
      ...PRESUMPTION_PROFILES,
      /** Plain 2PC without the cooperative termination protocol: only the coordinator is asked. */
      "coordinator-only": { termination: "coordinator-only" },
    },
  },
  "3pc-coordinator": {
    factory: threePcCoordinator,
    description: "Three-phase commit coordinator: CanCommit, PreCommit with acks, DoCommit.",
    configSchema: COORDINATOR_SCHEMA,
    profiles: PRESUMPTION_PROFILES,
  },
  "3pc-participant": {
    factory: threePcParticipant,
    description: "Three-phase commit participant: termination by a newly elected coordinator (lowest live id).",
    configSchema: PARTICIPANT_SCHEMA,
    profiles: PRESUMPTION_PROFILES,
  },
  "commit-client": {
    factory: commitClient,
    description: "A stream of distributed transactions: work at the participants, then commit at the coordinator.",
    configSchema: CLIENT_SCHEMA,
  },
};

/** The atomic commit checkers. */
export const commitCheckers: CheckerCatalog = {
  atomicity: { factory: atomicity, description: "No process commits a transaction that another aborts, and no decision is ever reversed." },
  validity: { factory: validity, description: "A transaction commits only if every participant voted yes." },
  blocking: { factory: blocking, description: "Measures how long participants stayed uncertain and blocked; fails only past params.maxBlocked." },
  "commit-termination": { factory: commitTermination, description: "Every participant that voted yes decides, within a grace period after the faults heal." },
};
