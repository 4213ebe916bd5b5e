import type { Micros } from "../../core/time";
import { MINUTE } from "../../core/time";

/**
 * Eureka's self-preservation arithmetic (AbstractInstanceRegistry, PeerAwareInstanceRegistryImpl,
 * MeasuredRate), as pure code on the server's local time:
 *
 * - `expected` (expectedNumberOfClientsSendingRenews) starts at the count the server opened
 *   with; a new registration adds 1 and a cancel or eviction takes 1 away, both only while it is
 *   above 0, exactly as the Java does;
 * - threshold (numberOfRenewsPerMinThreshold) = (int)(expected x (60 s / renewal interval) x
 *   renewalPercentThreshold), so (int)(expected x 2 x 0.85) with 30 s renewals;
 * - renewals are counted per minute in buckets (MeasuredRate), the count of the last full minute
 *   is what is compared;
 * - leases may expire only while threshold > 0 and renewsLastMinute > threshold (or when
 *   self-preservation is off);
 * - every 15 minutes, expected is reset to the actual registry size if that is above
 *   0.85 x expected (or self-preservation is off);
 * - one eviction run removes at most size - (int)(size x 0.85) leases.
 */
export class SelfPreservation {
  expected: number;
  threshold = 0;
  private currentBucket = 0;
  private lastBucket = 0;
  private bucketStart: Micros;

  constructor(
    readonly enabled: boolean,
    readonly percent: number,
    readonly renewalIntervalUs: Micros,
    expectedAtStart: number,
    now: Micros,
  ) {
    this.expected = expectedAtStart;
    this.bucketStart = now;
    this.updateThreshold();
  }

  /** Eureka's updateRenewsPerMinThreshold, with Java's (int) truncation. */
  updateThreshold(): void {
    this.threshold = Math.trunc(this.expected * (MINUTE / this.renewalIntervalUs) * this.percent);
  }

  /** A registration of an instance the server did not have. */
  onNewRegistration(): void {
    if (this.expected > 0) {
      this.expected++;
      this.updateThreshold();
    }
  }

  /** A cancel or an eviction. */
  onRemoval(): void {
    if (this.expected > 0) {
      this.expected--;
      this.updateThreshold();
    }
  }

  /** One renewal (client or replicated: Eureka counts both). */
  onRenew(now: Micros): void {
    this.roll(now);
    this.currentBucket++;
  }

  /** Renewals in the last full minute (MeasuredRate.getCount). */
  renewsLastMinute(now: Micros): number {
    this.roll(now);
    return this.lastBucket;
  }

  /** PeerAwareInstanceRegistryImpl.isLeaseExpirationEnabled. */
  leaseExpirationEnabled(now: Micros): boolean {
    if (!this.enabled) return true;
    return this.threshold > 0 && this.renewsLastMinute(now) > this.threshold;
  }

  /** The 15-minute updateRenewalThreshold, given the number of registered instances. */
  recompute(count: number): void {
    if (count > this.percent * this.expected || !this.enabled) {
      this.expected = count;
      this.updateThreshold();
    }
  }

  /** The most leases one eviction run may remove from a registry of `size`. */
  evictionLimit(size: number): number {
    return size - Math.trunc(size * this.percent);
  }

  /** Swaps buckets for every full minute since the current bucket began (MeasuredRate's timer). */
  private roll(now: Micros): void {
    if (now < this.bucketStart + MINUTE) return;
    const minutes = Math.floor((now - this.bucketStart) / MINUTE);
    this.lastBucket = minutes === 1 ? this.currentBucket : 0;
    this.currentBucket = 0;
    this.bucketStart += minutes * MINUTE;
  }
}
