// Broken on purpose: the loop stops one partition early.
type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;

export default {
  name: 'drops-a-partition',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members.keys()].filter((id) =>
        members.get(id)!.subscription.includes(topic),
      );
      const partitions = partitionsOf(cluster, topic);
      for (let i = 0; i < partitions.length - 1; i++) {
        give(result, subscribers[i % subscribers.length]!, topic, partitions[i]!);
      }
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
