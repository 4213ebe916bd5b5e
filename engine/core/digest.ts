import type { Micros } from "./time";

/**
 * A running 64-bit digest of the dispatched event sequence (time, kind, target, id of every event),
 * cheap enough to fold in on every event, so two runs can be compared even with the trace off.
 */
export class EventDigest {
  private d1 = 0x2545f491;
  private d2 = 0x61c88647;

  /** Folds one dispatched event in. */
  fold(t: Micros, kind: number, target: number, id: number): void {
    let h1 = this.d1, h2 = this.d2;
    h1 = Math.imul(h1 ^ (t | 0), 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 ^ ((t / 4294967296) | 0) ^ (kind << 24) ^ target, 0x1b873593);
    h2 = ((h2 << 13) | (h2 >>> 19)) + Math.imul(id | 0, 0x9e3779b1);
    this.d1 = h1;
    this.d2 = (h2 + h1) | 0;
  }

  /** The digest after `events` events, as 16 hex digits. */
  hex(events: number): string {
    const mix = (h: number) => {
      h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
      return (h >>> 0).toString(16).padStart(8, "0");
    };
    return mix(this.d1 ^ events) + mix(this.d2 + this.d1);
  }
}
