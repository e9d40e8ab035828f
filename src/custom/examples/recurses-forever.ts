// Broken on purpose: `deal` calls itself with the same partitions, never reaching its base case.
type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;

function deal(
  result: Result,
  topic: string,
  partitions: number[],
  ids: string[],
  turn: number,
): void {
  if (partitions.length === 0) return;
  give(result, ids[turn % ids.length]!, topic, partitions[0]!);
  deal(result, topic, partitions, ids, turn + 1); // should be partitions.slice(1)
}

export default {
  name: 'recurses-forever',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members.keys()].filter((id) =>
        members.get(id)!.subscription.includes(topic),
      );
      deal(result, topic, partitionsOf(cluster, topic), subscribers, 0);
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
