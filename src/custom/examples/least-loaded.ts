// Least loaded: each partition goes to the member with the fewest partitions among the
// topic's subscribers (ties: the earliest to join). Balanced, but not sticky: compare it
// with sticky to see partitions move that did not have to.
type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;

export default class LeastLoaded {
  name = 'least-loaded';

  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    const load = new Map([...members.keys()].map((id) => [id, 0]));
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members].filter(([, m]) => m.subscription.includes(topic));
      for (const partition of partitionsOf(cluster, topic)) {
        let best = subscribers[0]![0];
        for (const [id] of subscribers) if (load.get(id)! < load.get(best)!) best = id;
        give(result, best, topic, partition);
        load.set(best, load.get(best)! + 1);
      }
    }
    return result;
  }
}

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
