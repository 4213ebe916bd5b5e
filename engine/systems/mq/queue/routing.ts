import type { ExchangeConfig } from "./queue-options";

/**
 * Where an exchange sends a message: the default exchange (`""`) to the queue named by the
 * routing key; a direct exchange to the queues bound with that key; a fanout exchange to every
 * bound queue. An unknown exchange or an unmatched key routes nowhere.
 */
export function route(exchanges: readonly ExchangeConfig[], exchange: string, routingKey: string, queueExists: (q: string) => boolean): string[] {
  if (exchange === "") return queueExists(routingKey) ? [routingKey] : [];
  const x = exchanges.find((e) => e.name === exchange);
  if (!x) return [];
  const targets = x.type === "fanout" ? x.bindings.map((b) => b.queue) : x.bindings.filter((b) => b.routingKey === routingKey).map((b) => b.queue);
  return [...new Set(targets)];
}
