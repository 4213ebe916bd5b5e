/** A topic partition, as group assignments name them. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * Kafka's RangeAssignor: for each topic, the members subscribed to it (sorted by member id)
 * get contiguous ranges of its partitions; the first `partitions % members` get one more.
 * Members beyond the partition count get nothing from that topic.
 */
export function rangeAssign(members: ReadonlyArray<{ id: string; topics: Record<string, number> }>): Map<string, TopicPartition[]> {
  const out = new Map<string, TopicPartition[]>(members.map((m) => [m.id, []]));
  const topics = [...new Set(members.flatMap((m) => Object.keys(m.topics)))].sort();
  for (const topic of topics) {
    const subscribed = members.filter((m) => topic in m.topics).map((m) => m.id).sort();
    const partitions = Math.max(...members.filter((m) => topic in m.topics).map((m) => m.topics[topic]));
    const per = Math.floor(partitions / subscribed.length);
    const extra = partitions % subscribed.length;
    subscribed.forEach((id, i) => {
      const start = i * per + Math.min(i, extra);
      const length = per + (i < extra ? 1 : 0);
      for (let p = start; p < start + length; p++) out.get(id)!.push({ topic, partition: p });
    });
  }
  return out;
}
