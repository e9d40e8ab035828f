// Broken on purpose: each member's range reaches one partition into the next member's.
type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;

export default {
  name: 'overlapping-ranges',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members.keys()].filter((id) =>
        members.get(id)!.subscription.includes(topic),
      );
      const partitions = partitionsOf(cluster, topic);
      const size = Math.ceil(partitions.length / subscribers.length);
      subscribers.forEach((id, i) => {
        for (const partition of partitions.slice(i * size, (i + 1) * size + 1)) {
          give(result, id, topic, partition);
        }
      });
    }
    return result;
  },
};

function emptyResult(members: Members): Result {
  return new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
}

function give(result: Result, member: string, topic: string, partition: number): void {
  const entries = result.get(member)!.assignment;
  const entry = entries.find(([t]) => t === topic);
  if (entry) entry[1].push(partition);
  else entries.push([topic, [partition]]);
}

function subscribedTopics(members: Members): string[] {
  return [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
}

function partitionsOf(cluster: Cluster, topic: string): number[] {
  return [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
}
