// Broken on purpose: the search for the next subscriber never advances past a member that
// does not subscribe to the topic, so it spins forever.
type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;

export default {
  name: 'never-returns',
  assign(cluster: Cluster, members: Members): Result {
    const ids = [...members.keys()];
    const result = emptyResult(members);
    let next = 0;
    for (const topic of subscribedTopics(members)) {
      for (const partition of partitionsOf(cluster, topic)) {
        while (!members.get(ids[next % ids.length]!)!.subscription.includes(topic)) {
          // forgot: next++;
        }
        give(result, ids[next % ids.length]!, topic, partition);
        next++;
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
