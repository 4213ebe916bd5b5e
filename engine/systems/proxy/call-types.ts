import type { Micros } from "../../core/time";
import type { CallFailure } from "./call-failure";

/** One call through the proxy. */
export interface ProxyCall {
  service: string;
  body?: unknown;
  /** Local time by which the call must end; null or absent: only the per-attempt timeouts. */
  deadline?: Micros | null;
  /** Hash keys for the balancer: nginx `hash $key`, the request URI, the client's address. */
  key?: string;
  uri?: string;
  sourceIp?: string;
  /** The caller's request number, for the history; default the proxy's own count. */
  n?: number;
}

/** How a fallback answered. */
export type FallbackKind = "static" | "cache" | "service";

/** What a proxied call came to. It never throws: failures are values. */
export interface ProxyResult {
  ok: boolean;
  value?: unknown;
  /** The failure of the last attempt (also set when a fallback answered instead). */
  failure?: CallFailure;
  /** The instance that answered (or failed last), if any was tried. */
  instance: string | null;
  /** Attempts sent to instances (retries and hedges included). */
  attempts: number;
  latency: Micros;
  fallback: FallbackKind | null;
}

/** The result of one attempt to one instance (or of a refusal before any was sent). */
export interface AttemptResult {
  ok: boolean;
  value?: unknown;
  failure?: CallFailure;
  instance: string | null;
}
