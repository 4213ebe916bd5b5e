import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, NemesisSpec, Scenario, Seed, TriggerSpec } from "../../scenario";
import type { LatencySpec } from "../../net/latency-spec";

/** What `commitScenario` builds: a coordinator, a client and `participants` participants. */
export interface CommitScenarioOptions {
  protocol: "2pc" | "3pc";
  name?: string;
  seed?: Seed;
  /** Default 10 s. */
  duration?: Micros;
  /** How many participants (nodes `p1`, `p2`...); default 3. */
  participants?: number;
  /** The coordinator's config. */
  coordinator?: Record<string, unknown>;
  /** Every participant's config, or one per participant (by index, 0-based). */
  participant?: Record<string, unknown> | ((i: number) => Record<string, unknown>);
  /** The client's config beyond coordinator and participants (count, rate...). */
  client?: Record<string, unknown>;
  /** Latency of every link; default uniform between 1 and 3 ms. */
  latency?: LatencySpec;
  faults?: FaultSpec[];
  triggers?: TriggerSpec[];
  nemesis?: NemesisSpec;
  /** Default: atomicity, validity, blocking and commit-termination, all expected to hold. */
  checks?: CheckSpec[];
}

/** Node and process names the scenarios use: `c/coordinator`, `p1/participant`, `client/client`. */
export const COMMIT_NAMES = {
  coordinatorNode: "c",
  coordinator: "c/coordinator",
  clientNode: "client",
  participant: (i: number) => `p${i + 1}/participant`,
  participantNode: (i: number) => `p${i + 1}`,
};

/** The checks every commit scenario runs unless it says otherwise. */
export const COMMIT_CHECKS: CheckSpec[] = [
  { name: "atomicity" }, { name: "validity" }, { name: "blocking" }, { name: "commit-termination" },
];

/**
 * Builds an atomic commit scenario: one coordinator, one client running a stream of
 * transactions over every participant, and the commit checkers. Tests and programs that build
 * scenarios in code use it; the library's YAML files spell out the same shape.
 */
export function commitScenario(o: CommitScenarioOptions): Scenario {
  const n = o.participants ?? 3;
  const ids = Array.from({ length: n }, (_, i) => i);
  const participantConfig = (i: number) => (typeof o.participant === "function" ? o.participant(i) : o.participant ?? {});
  return {
    name: o.name ?? `${o.protocol}-commit`,
    seed: o.seed ?? 1,
    duration: o.duration ?? 10 * SECOND,
    nodes: [{ name: COMMIT_NAMES.coordinatorNode }, { name: COMMIT_NAMES.clientNode }, ...ids.map((i) => ({ name: COMMIT_NAMES.participantNode(i) }))],
    processes: [
      { node: COMMIT_NAMES.coordinatorNode, name: "coordinator", kind: `${o.protocol}-coordinator`, config: o.coordinator ?? {} },
      ...ids.map((i) => ({ node: COMMIT_NAMES.participantNode(i), name: "participant", kind: `${o.protocol}-participant`, config: participantConfig(i) })),
      {
        node: COMMIT_NAMES.clientNode, name: "client", kind: "commit-client",
        config: { coordinator: COMMIT_NAMES.coordinator, participants: ids.map(COMMIT_NAMES.participant), ...o.client },
      },
    ],
    network: { latency: o.latency ?? { dist: "uniform", min: 1 * MS, max: 3 * MS } },
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.triggers ? { triggers: o.triggers } : {}),
    ...(o.nemesis ? { nemesis: o.nemesis } : {}),
    checks: o.checks ?? COMMIT_CHECKS,
  };
}
