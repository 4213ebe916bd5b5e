import type { Micros } from "../../../core/time";
import type { Runtime } from "../../../node/runtime-api";
import type { TopicMetadata } from "./topic-layout";

/**
 * A client's cache of the cluster metadata (who leads which partition), fetched from the
 * controller. Clients refresh it after an error that says the leader moved; concurrent
 * refreshes share one request.
 */
export class MetadataClient {
  private topics: Record<string, TopicMetadata & { minIsr: number }> = {};
  private inFlight: Promise<void> | null = null;

  constructor(private readonly rt: Runtime, private readonly controller: string, private readonly timeout: Micros) {}

  /** Asks the controller again; resolves (never rejects) when the answer is in or the call failed. */
  refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = (async () => {
      try {
        const reply = await this.rt.call<{ topics: Record<string, TopicMetadata & { minIsr: number }> }>(this.controller, "metadata", {}, { timeout: this.timeout });
        if (reply && reply.topics) this.topics = reply.topics;
      } catch {
        // The controller is unreachable; keep what we knew.
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  /** Number of partitions of `topic`, or undefined before the first answer. */
  partitions(topic: string): number | undefined {
    return this.topics[topic]?.partitions.length;
  }

  /** The leader of a partition as last known, or null. */
  leader(topic: string, partition: number): string | null {
    return this.topics[topic]?.partitions[partition]?.leader ?? null;
  }
}
