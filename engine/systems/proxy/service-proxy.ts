import type { Micros } from "../../core/time";
import type { Message, Runtime } from "../../node/runtime-api";
import type { Json } from "../../core/json";
import type { Strategy } from "../balancer/strategy";
import { createStrategy } from "../balancer/catalog";
import { PassiveHealth, withPassiveHealth } from "../balancer/passive-health";
import type { ProxyOptions } from "./proxy-options";
import type { AttemptResult, ProxyCall, ProxyResult } from "./call-types";
import { classify } from "./call-failure";
import { InstanceSource } from "./instance-source";
import { BreakerSet } from "./breaker-set";
import { Guards } from "./guards";
import { prefixedMetrics } from "./prefixed-metrics";
import { KeyAffinity } from "./key-affinity";
import { metricTail } from "../registry/metric-names";
import type { Metrics } from "../../node/runtime-api";
import { RetryPolicy } from "./policies/retry";
import { RetryBudget } from "./policies/retry-budget";
import { Hedge } from "./policies/hedging";
import { exponentialBackoff, exponentialRandomBackoff, fixedInterval } from "./policies/interval-function";

/** Attempts of one call so far, shared by its retries and hedges. */
interface CallState {
  n: number;
  sent: number;
  tried: Set<string>;
  deadline: Micros | null;
}

/**
 * The client side of a service call: resolve the service name (static list or registry cache),
 * pick an instance with the balancer, guard the attempt with the circuit breaker, time it out,
 * retry with backoff under a retry budget, hedge, and limit the whole call with a rate limiter and
 * a bulkhead; when every attempt fails, a fallback may answer. An empty instance list fails with
 * `service-unavailable`.
 *
 * Order, outermost first: rate limiter, bulkhead, retry (with budget), hedging, breaker, time
 * limiter. A refused call (rate limiter, bulkhead) is not retried; a breaker-open attempt is
 * retried only when breakers are per instance, since another instance may be closed.
 *
 * History: `call-start`, one `call-attempt` per attempt sent (instance, breaker and the state it
 * admitted the attempt in), `breaker-transition`, and `call-end` (outcome, instance, attempts,
 * fallback). Metrics (under `metricsPrefix`): `calls.total`, `calls.ok`, `calls.error`, `calls.fallback`,
 * `calls.attempts`, `calls.retries`, `calls.failure.<kind>`, `calls.instance.<node>.<process>`, `keys.moved`, and
 * histograms `latency` (calls that answered) and `latency.error`.
 */
export class ServiceProxy {
  readonly source: InstanceSource;
  readonly strategy: Strategy;
  readonly breakers: BreakerSet | null;
  private readonly retry: RetryPolicy | null;
  private readonly budget: RetryBudget | null;
  private readonly guards: Guards;
  private readonly lastGood = new Map<string, unknown>();
  private readonly affinity = new KeyAffinity();
  /** The proxy's metrics, under its `metricsPrefix`. */
  readonly metrics: Metrics;
  private seq = 0;

  constructor(private readonly rt: Runtime, readonly options: ProxyOptions) {
    this.metrics = prefixedMetrics(rt.metrics, options.metricsPrefix);
    this.source = new InstanceSource(rt, options.instances, options.registry);
    const inner = createStrategy(options.strategy, options.strategyOptions, rt.random);
    this.strategy = options.passiveHealth ? withPassiveHealth(inner, new PassiveHealth(options.passiveHealth)) : inner;
    this.breakers = options.breaker ? new BreakerSet(rt, options.breaker, this.metrics) : null;
    const r = options.retry;
    if (r) {
      const intervalFunction = r.backoff === "fixed" ? fixedInterval(r.initialIntervalUs)
        : r.backoff === "exponential" ? exponentialBackoff({ initialIntervalUs: r.initialIntervalUs, multiplier: r.multiplier, maxIntervalUs: r.maxIntervalUs })
        : exponentialRandomBackoff(rt.random, { initialIntervalUs: r.initialIntervalUs, multiplier: r.multiplier, randomizationFactor: r.randomizationFactor, maxIntervalUs: r.maxIntervalUs });
      this.retry = new RetryPolicy({ maxAttempts: r.maxAttempts, intervalFunction });
    } else {
      this.retry = null;
    }
    this.budget = options.retryBudget ? new RetryBudget(options.retryBudget, rt.now()) : null;
    this.guards = new Guards(rt, options);
  }

  /** Hands registry pushes on; returns false for other messages. */
  handleMessage(msg: Message): boolean {
    return this.source.handleMessage(msg);
  }

  /** Makes one call. It never throws; the result says how it ended. */
  async call(c: ProxyCall): Promise<ProxyResult> {
    const rt = this.rt;
    const started = rt.now();
    const st: CallState = { n: c.n ?? ++this.seq, sent: 0, tried: new Set(), deadline: c.deadline ?? null };
    const startFields: Record<string, Json> = { n: st.n, service: c.service };
    if (st.deadline !== null) startFields.deadlineUs = st.deadline - started;
    if (c.key !== undefined) startFields.key = c.key;
    if (this.options.recordHistory) rt.record("call-start", startFields);
    this.metrics.count("calls.total");
    this.budget?.deposit(started);
    let r = await this.guarded(c, st);
    let fallback: ProxyResult["fallback"] = null;
    const cacheKey = `${c.service}\u0000${c.key ?? c.uri ?? ""}`;
    if (r.ok && this.options.fallback?.type === "cache") this.lastGood.set(cacheKey, r.value);
    if (!r.ok && this.options.fallback) {
      const fb = this.options.fallback;
      if (fb.type === "static") {
        r = { ...r, ok: true, value: fb.value };
        fallback = "static";
      } else if (fb.type === "cache" && this.lastGood.has(cacheKey)) {
        r = { ...r, ok: true, value: this.lastGood.get(cacheKey) };
        fallback = "cache";
      } else if (fb.type === "service") {
        const r2 = await this.guarded({ ...c, service: fb.service }, st);
        if (r2.ok) {
          r = { ...r2, failure: r.failure };
          fallback = "service";
        }
      }
    }
    const latency = rt.now() - started;
    const end: Record<string, Json> = { n: st.n, service: c.service, ok: r.ok, outcome: r.ok ? "ok" : r.failure ?? "error", instance: r.instance, attempts: st.sent, latency };
    if (r.failure !== undefined) end.failure = r.failure;
    if (fallback !== null) end.fallback = fallback;
    if (this.options.recordHistory) rt.record("call-end", end);
    if (r.ok) {
      this.metrics.count("calls.ok");
      this.metrics.observe("latency", latency);
    } else {
      this.metrics.count("calls.error");
      this.metrics.observe("latency.error", latency);
    }
    if (r.failure !== undefined) this.metrics.count(`calls.failure.${r.failure}`);
    const key = c.key ?? c.uri;
    if (r.ok && fallback === null && key !== undefined && r.instance !== null && this.affinity.observe(key, r.instance)) this.metrics.count("keys.moved");
    if (fallback !== null) this.metrics.count("calls.fallback");
    return { ok: r.ok, value: r.value, failure: r.failure, instance: r.instance, attempts: st.sent, latency, fallback };
  }

  /** The rate limiter and the bulkhead around the attempts. */
  private async guarded(c: ProxyCall, st: CallState): Promise<AttemptResult> {
    const refused = await this.guards.enter(st.deadline);
    if (refused !== null) return { ok: false, failure: refused, instance: null };
    try {
      return await this.withRetries(c, st);
    } finally {
      this.guards.leave();
    }
  }

  private async withRetries(c: ProxyCall, st: CallState): Promise<AttemptResult> {
    const rt = this.rt;
    for (let round = 1; ; round++) {
      const r = this.options.hedging ? await this.hedged(c, st) : await this.attempt(c, st);
      if (r.ok || !this.retry || !this.options.retry) return r;
      const retryable = this.options.retry.retryOn.includes(r.failure!) && (r.failure !== "breaker-open" || this.breakers?.settings.scope === "instance");
      const d = this.retry.onFailure(round, rt.now(), { retryable, budget: this.budget ?? undefined });
      if (!d.retry) {
        if (d.reason === "budget-exhausted") this.metrics.count("calls.retry-budget-exhausted");
        return r;
      }
      if (st.deadline !== null && d.at >= st.deadline) return r;
      this.metrics.count("calls.retries");
      if (d.waitUs > 0) await rt.sleep(d.waitUs);
    }
  }

  /** gRPC-style hedging: further attempts every `hedgingDelayUs` until one answers. */
  private async hedged(c: ProxyCall, st: CallState): Promise<AttemptResult> {
    const rt = this.rt;
    const h = new Hedge(this.options.hedging!, rt.now());
    const inflight = new Map<number, Promise<{ k: number; r: AttemptResult }>>();
    const launch = (k: number) => inflight.set(k, this.attempt(c, st).then((r) => ({ k, r })));
    for (const k of h.due(rt.now())) launch(k);
    let last: AttemptResult = { ok: false, failure: "service-unavailable", instance: null };
    for (;;) {
      const racers: Array<Promise<{ k: number; r: AttemptResult } | null>> = [...inflight.values()];
      const at = h.nextHedgeAt();
      if (at !== null) racers.push(rt.sleep(Math.max(0, at - rt.now())).then(() => null));
      if (racers.length === 0) return last;
      const got = await Promise.race(racers);
      if (got === null) {
        for (const k of h.due(rt.now())) launch(k);
        continue;
      }
      inflight.delete(got.k);
      last = got.r;
      const act = h.onOutcome(got.k, got.r.ok ? "success" : "non-fatal", rt.now());
      if (act.kind === "send") launch(act.attempt);
      else if (act.kind === "commit" || act.kind === "fail") return got.r;
    }
  }

  /** One attempt: resolve, pick, ask the breaker, call with a timeout, report the outcome. */
  private async attempt(c: ProxyCall, st: CallState): Promise<AttemptResult> {
    const rt = this.rt;
    const o = this.options;
    const src = this.source;
    if (!src.isStatic(c.service)) {
      const left = st.deadline === null ? o.resolveTimeoutUs : Math.min(o.resolveTimeoutUs, st.deadline - rt.now());
      if (left > 0) await src.ready(c.service, left);
    }
    const list = src.list(c.service);
    const now = rt.now();
    const req = { now, sourceIp: c.sourceIp ?? rt.ip, uri: c.uri, key: c.key };
    let inst = this.strategy.pick(list, { ...req, tried: st.tried });
    if (!inst && st.tried.size > 0) inst = this.strategy.pick(list, req);
    if (!inst) return { ok: false, failure: "service-unavailable", instance: null };
    st.tried.add(inst.id);
    let breaker: ReturnType<BreakerSet["get"]> | null = null;
    let breakerName: string | null = null;
    if (this.breakers) {
      breakerName = this.breakers.nameFor(c.service, inst.id);
      breaker = this.breakers.get(breakerName);
      if (!breaker.tryAcquirePermission(now)) return { ok: false, failure: "breaker-open", instance: inst.id };
    }
    const timeout = st.deadline === null ? o.timeoutUs : Math.min(o.timeoutUs, st.deadline - now);
    if (timeout <= 0) {
      breaker?.releasePermission();
      return { ok: false, failure: "deadline", instance: inst.id };
    }
    st.sent++;
    const fields: Record<string, Json> = { n: st.n, attempt: st.sent, service: c.service, instance: inst.id, address: inst.address };
    if (breaker) {
      fields.breaker = breakerName;
      fields.state = breaker.state;
    }
    if (o.recordHistory) rt.record("call-attempt", fields);
    this.metrics.count("calls.attempts");
    this.metrics.count(`calls.instance.${metricTail(inst.address)}`);
    this.strategy.onStart(inst.id);
    const t0 = rt.now();
    let value: unknown;
    let failure: AttemptResult["failure"];
    try {
      value = await rt.call(inst.address, o.requestType, c.body ?? null, { timeout });
    } catch (e) {
      failure = classify(e);
    }
    const t1 = rt.now();
    const ok = failure === undefined;
    this.strategy.onEnd(inst.id, { ok, latency: t1 - t0, now: t1, timeout: failure === "timeout" });
    if (breaker) {
      if (ok) breaker.onSuccess(t1 - t0, t1);
      else breaker.onError(t1 - t0, t1);
    }
    return ok ? { ok, value, instance: inst.id } : { ok, failure, instance: inst.id };
  }
}
