import { describe, expect, it } from "vitest";
import { MINUTE, SECOND } from "../../core/time";
import { SelfPreservation } from "./self-preservation";

const sp = (expected: number, enabled = true) => new SelfPreservation(enabled, 0.85, 30 * SECOND, expected, 0);

describe("self-preservation (Eureka's arithmetic)", () => {
  it("self-preservation: threshold is (int)(expected x 2 x 0.85) with 30 s renewals", () => {
    expect(sp(10).threshold).toBe(17);
    expect(sp(11).threshold).toBe(18); // 18.7 truncated
    expect(sp(1).threshold).toBe(1); // 1.7 truncated
    expect(sp(100).threshold).toBe(170);
    expect(sp(3).threshold).toBe(5); // 5.1
  });

  it("self-preservation: a new registration adds one and a removal takes one, only while expected > 0", () => {
    const a = sp(1);
    a.onNewRegistration();
    a.onNewRegistration();
    expect(a.expected).toBe(3);
    expect(a.threshold).toBe(5);
    a.onRemoval();
    expect(a.expected).toBe(2);
    expect(a.threshold).toBe(3); // 3.4
    const zero = sp(0);
    zero.onNewRegistration();
    expect(zero.expected).toBe(0); // Eureka's `if (expected > 0)` guard: a fresh server stays at 0
    zero.onRemoval();
    expect(zero.expected).toBe(0);
  });

  it("self-preservation: leases expire only while renews in the last full minute exceed the threshold", () => {
    const a = sp(10); // threshold 17
    for (let i = 0; i < 18; i++) a.onRenew(10 * SECOND);
    expect(a.leaseExpirationEnabled(59 * SECOND)).toBe(false); // the last full minute had 0
    expect(a.renewsLastMinute(MINUTE)).toBe(18);
    expect(a.leaseExpirationEnabled(MINUTE)).toBe(true); // 18 > 17
    for (let i = 0; i < 17; i++) a.onRenew(MINUTE + SECOND);
    expect(a.leaseExpirationEnabled(2 * MINUTE)).toBe(false); // 17 > 17 is false
    expect(a.leaseExpirationEnabled(4 * MINUTE)).toBe(false); // a silent minute counts 0
  });

  it("self-preservation: a threshold of 0 never allows expiry, whatever the renewals", () => {
    const a = sp(0);
    for (let i = 0; i < 50; i++) a.onRenew(SECOND);
    expect(a.leaseExpirationEnabled(MINUTE)).toBe(false);
    expect(sp(0, false).leaseExpirationEnabled(MINUTE)).toBe(true);
  });

  it("self-preservation: the 15-minute update resets expected to the registry size only above 0.85 x expected", () => {
    const a = sp(11);
    a.recompute(10); // 10 > 9.35
    expect(a.expected).toBe(10);
    expect(a.threshold).toBe(17);
    a.recompute(8); // 8 > 8.5 is false: keep 10
    expect(a.expected).toBe(10);
    const off = sp(11, false);
    off.recompute(2);
    expect(off.expected).toBe(2);
  });

  it("self-preservation: one run evicts at most size - (int)(0.85 x size)", () => {
    const a = sp(1);
    expect(a.evictionLimit(20)).toBe(3);
    expect(a.evictionLimit(10)).toBe(2); // 10 - 8
    expect(a.evictionLimit(6)).toBe(1); // 6 - 5
    expect(a.evictionLimit(1)).toBe(1); // 1 - 0
    expect(a.evictionLimit(100)).toBe(15);
  });
});
