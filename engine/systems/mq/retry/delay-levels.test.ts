import { describe, expect, it } from "vitest";
import { MINUTE, SECOND } from "../../../core/time";
import { DEFAULT_MAX_RECONSUME_TIMES, ROCKETMQ_DELAY_LEVELS, goesToDlq, levelDelay, parseDelayLevels, retryLevel } from "./delay-levels";

const levels = parseDelayLevels(ROCKETMQ_DELAY_LEVELS, "test");

describe("RocketMQ delay levels (REFERENCE §4)", () => {
  it("the default messageDelayLevel has 18 levels, from 1s to 2h", () => {
    expect(levels).toHaveLength(18);
    expect(levels[0]).toBe(1 * SECOND);
    expect(levels[17]).toBe(120 * MINUTE);
  });

  it("retry r uses level 3 + r: retries 0, 1, 2 wait 10s, 30s, 1m", () => {
    expect([0, 1, 2].map((r) => levelDelay(levels, retryLevel(r, levels.length)))).toEqual([10 * SECOND, 30 * SECOND, 1 * MINUTE]);
  });

  it("the last of 16 retries (r = 15) uses level 18, 2h; later levels are capped", () => {
    expect(retryLevel(15, levels.length)).toBe(18);
    expect(levelDelay(levels, retryLevel(15, levels.length))).toBe(120 * MINUTE);
    expect(retryLevel(20, levels.length)).toBe(18);
  });

  it("maxReconsumeTimes -1 means 16: reconsumeTimes 0..15 retry, 16 goes to %DLQ%", () => {
    expect(DEFAULT_MAX_RECONSUME_TIMES).toBe(16);
    expect(goesToDlq(15, -1)).toBe(false);
    expect(goesToDlq(16, -1)).toBe(true);
    expect(goesToDlq(3, 3)).toBe(true);
  });

  it("a consumer's explicit level wins over 3 + r", () => {
    expect(retryLevel(0, 18, 1)).toBe(1);
  });

  it("a malformed level string is refused with the default as the example", () => {
    expect(() => parseDelayLevels("1s 5x", "broker.messageDelayLevel")).toThrow(/broker.messageDelayLevel: expected delay levels such as "1s 5s 10s/);
  });
});
