import type { Micros } from "../../../core/time";
import { parseDuration } from "../../../core/time";

/** RocketMQ's `messageDelayLevel` default (MessageStoreConfig): levels 1 to 18. */
export const ROCKETMQ_DELAY_LEVELS = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

/** `maxReconsumeTimes` -1 means 16 for a concurrent consumer (DefaultMQPushConsumerImpl). */
export const DEFAULT_MAX_RECONSUME_TIMES = 16;

/** Parses a `messageDelayLevel` string into delays, level 1 first. */
export function parseDelayLevels(text: string, where: string): Micros[] {
  const parts = text.trim().split(/\s+/);
  const out = parts.map((p) => parseDuration(p));
  if (parts.length === 0 || out.some((d) => d === null || d <= 0)) {
    throw new Error(`${where}: expected delay levels such as "${ROCKETMQ_DELAY_LEVELS}", got ${JSON.stringify(text)}`);
  }
  return out as Micros[];
}

/**
 * The delay level of retry `reconsumeTimes` (0-based): RocketMQ's broker uses `3 + reconsumeTimes`
 * when the consumer asks for level 0 (AbstractSendMessageProcessor), capped at the last level.
 */
export function retryLevel(reconsumeTimes: number, levels: number, requested = 0): number {
  const level = requested > 0 ? requested : 3 + reconsumeTimes;
  return Math.min(level, levels);
}

/** The delay of a level (1-based). */
export function levelDelay(levels: readonly Micros[], level: number): Micros {
  return levels[Math.min(Math.max(level, 1), levels.length) - 1];
}

/**
 * Whether a message that failed for the `reconsumeTimes`-th time goes to the dead-letter queue:
 * RocketMQ sends it to `%DLQ%<group>` once `reconsumeTimes >= maxReconsumeTimes`.
 */
export function goesToDlq(reconsumeTimes: number, maxReconsumeTimes: number): boolean {
  const max = maxReconsumeTimes < 0 ? DEFAULT_MAX_RECONSUME_TIMES : maxReconsumeTimes;
  return reconsumeTimes >= max;
}

/** The retry and dead-letter queue names of a consumer group. */
export function retryQueue(group: string): string {
  return `%RETRY%${group}`;
}

export function dlqQueue(group: string): string {
  return `%DLQ%${group}`;
}
