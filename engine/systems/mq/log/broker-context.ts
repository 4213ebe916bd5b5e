import type { Runtime } from "../../../node/runtime-api";
import type { Flusher } from "../flusher";
import type { BrokerOptions } from "./broker-options";
import type { Replica } from "./replica";

/** What the broker's request handlers and its fetchers share. */
export interface BrokerContext {
  rt: Runtime;
  o: BrokerOptions;
  flusher: Flusher;
  /** The replica of a partition this broker hosts, if any. */
  replica(topic: string, partition: number): Replica | undefined;
  /** Asks the controller to change a partition's ISR (AlterPartition), if none is in flight. */
  proposeIsr(r: Replica, isr: string[]): void;
  /** Shows the replica's state in the visualizer. */
  show(r: Replica): void;
}

/**
 * Waits for the durability an append needs under the flush policy. With the bug zoo's
 * `ack-before-sync` it does not wait: the caller acknowledges while the fsync is still running.
 */
export async function durable(ctx: BrokerContext, appended: number): Promise<void> {
  const sync = ctx.flusher.appended(appended);
  if (sync && ctx.o.bug !== "ack-before-sync") await sync;
}
