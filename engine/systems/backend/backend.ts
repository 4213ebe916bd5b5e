import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { RegistryClient } from "../registry/registry-client";
import { metricTail } from "../registry/metric-names";
import { resolveBackendOptions } from "./backend-options";
import { OutcomeSource } from "./outcome-source";
import { Admission } from "./admission";
import type { Refusal } from "./admission";

/** The body of a backend's error reply: `status` as HTTP would say it, `code` for programs. */
export interface BackendError {
  status: number;
  code: "error" | "overloaded" | "unavailable";
  message: string;
  from: string;
}

/** The body of a backend's successful reply. */
export interface BackendReply {
  from: string;
  /** The request body, echoed. */
  echo: unknown;
}

/** The state a backend publishes. */
export interface BackendState {
  service: string;
  inService: number;
  queued: number;
  served: number;
  errors: number;
  refused: number;
  phase: number;
  stopped: boolean;
}

/**
 * A configurable service instance: it registers with the registry, then serves requests with
 * service times and errors drawn from its distributions (or its script, or the phase in force),
 * through a concurrency limit and a FIFO queue, so an overloaded backend really queues and
 * refuses. Any request type is served. Errors are remote errors whose body is a `BackendError`.
 *
 * Metrics: `backend.requests`, `backend.errors`, `backend.refused`, histograms `backend.sojourn`
 * (queue wait plus service) and `backend.wait`, and `backend.requests.<node>.<process>` per instance.
 */
export const backend: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `backend ${rt.address}`;
  const o = resolveBackendOptions(config, rt.process, where);
  const outcomes = new OutcomeSource(o, rt.random);
  const admission = new Admission(o.concurrency, o.queueLimit, o.queueTimeoutUs);
  const registry = o.register ? new RegistryClient(rt, o.registry) : null;
  const perInstance = `backend.requests.${metricTail(rt.address)}`;
  let stopped = false;
  let served = 0, errors = 0, refused = 0;
  let dirty = true;

  const fail = (status: number, code: BackendError["code"], message: string): BackendError =>
    ({ status, code, message: `${rt.address}: ${message}`, from: rt.address });

  const refuse = (why: Refusal | "stopped"): BackendError => {
    refused++;
    dirty = true;
    rt.metrics.count("backend.refused");
    return why === "stopped" ? fail(503, "unavailable", "shutting down") : fail(503, "overloaded", why === "queue-full" ? "queue full" : "waited too long in the queue");
  };

  const publish = () => {
    if (!dirty) return;
    dirty = false;
    rt.publish<BackendState>((s) => {
      s.service = o.service;
      s.inService = admission.inService;
      s.queued = admission.queued;
      s.served = served;
      s.errors = errors;
      s.refused = refused;
      s.phase = outcomes.phaseAt(rt.now());
      s.stopped = stopped;
    });
  };

  return {
    start() {
      publish();
      if (registry) registry.register({ service: o.service, weight: o.weight });
      const tick = () => {
        publish();
        rt.setTimer(o.publishIntervalUs, tick, "publish");
      };
      rt.setTimer(o.publishIntervalUs, tick, "publish");
      if (o.stopAtUs !== null) {
        rt.setTimer(Math.max(0, o.stopAtUs - rt.now()), () => {
          stopped = true;
          dirty = true;
          rt.record("backend-stop", { service: o.service, id: rt.address });
          if (registry) void registry.deregister();
        }, "stop");
      }
    },
    message(msg: Message) {
      registry?.handleMessage(msg);
    },
    async request(req: Message) {
      const arrived = rt.now();
      rt.metrics.count("backend.requests");
      rt.metrics.count(perInstance);
      if (stopped) throw refuse("stopped");
      const got = admission.acquire(arrived);
      const refusal = got === null || typeof got === "string" ? got : await got;
      if (refusal !== null) throw refuse(refusal);
      const began = rt.now();
      const step = outcomes.draw(began);
      dirty = true;
      if (step.latencyUs > 0) await rt.sleep(step.latencyUs);
      const done = rt.now();
      admission.release(done);
      rt.metrics.observe("backend.sojourn", done - arrived);
      rt.metrics.observe("backend.wait", began - arrived);
      if (o.recordServes) {
        const fields: Record<string, Json> = { outcome: step.outcome, wait: began - arrived, service: done - began };
        rt.record("serve", fields);
      }
      if (step.outcome === "hang") return new Promise<never>(() => {});
      if (step.outcome === "error") {
        errors++;
        rt.metrics.count("backend.errors");
        throw fail(500, "error", "request failed");
      }
      served++;
      return { from: rt.address, echo: req.body ?? null } satisfies BackendReply;
    },
  };
};
