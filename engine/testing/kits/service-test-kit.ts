import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { FaultSpec, Scenario, CheckSpec, NemesisSpec } from "../../scenario";
import type { HistoryEntry } from "../../check/checker";

/** One backend of a test scenario: its node and its config. */
export interface TestBackend {
  node: string;
  config?: Record<string, unknown>;
}

/** What a service-call test scenario is made of; everything has a small default. */
export interface ServiceScenarioSpec {
  name?: string;
  seed?: number;
  duration?: Micros;
  /** Registry profile, or null for no registry (static instance lists). */
  registry?: string | null;
  registries?: string[];
  registryConfig?: Record<string, unknown>;
  backends: TestBackend[];
  /** The client's config (service defaults to `api`). */
  client: Record<string, unknown>;
  clients?: string[];
  latency?: Micros;
  faults?: FaultSpec[];
  nemesis?: NemesisSpec;
  checks?: CheckSpec[];
}

/**
 * Builds a scenario of registry servers, backends of service `api` (process name `api`) and
 * clients, for the tests of the service-call path. Test code only.
 */
export function serviceScenario(s: ServiceScenarioSpec): Scenario {
  const profile = s.registry === undefined ? "eureka" : s.registry;
  const registries = profile === null ? [] : (s.registries ?? ["r1"]);
  const clients = s.clients ?? ["c1"];
  const nodes = new Set<string>([...registries, ...s.backends.map((b) => b.node), ...clients]);
  const reg = profile === null ? {} : { registry: { profile } };
  return {
    name: s.name ?? "service-test",
    seed: s.seed ?? 1,
    duration: s.duration ?? 30 * SECOND,
    nodes: [...nodes].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: s.latency ?? MS } },
    processes: [
      ...registries.map((node) => ({ node, name: "registry", kind: "registry", config: { ...(profile === null ? {} : { profile }), ...s.registryConfig } })),
      ...s.backends.map((b) => ({ node: b.node, name: "api", kind: "backend", config: { ...(profile === null ? { register: false } : reg), ...b.config } })),
      ...clients.map((node) => ({
        node, name: "client", kind: "client",
        config: { service: "api", ...s.client, proxy: { ...(profile === null ? {} : reg), ...(s.client.proxy as object | undefined) } },
      })),
    ],
    faults: s.faults,
    nemesis: s.nemesis,
    checks: s.checks,
  } as Scenario;
}

/** The history entries of one event name, optionally of one process. */
export function entries(h: readonly HistoryEntry[], event: string, address?: string): HistoryEntry[] {
  return h.filter((e) => e.event === event && (address === undefined || e.address === address));
}
