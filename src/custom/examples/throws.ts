// Broken on purpose: reads user data that no member's metadata() ever sends.
type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;

export default {
  name: 'throws',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const [id, metadata] of members) {
      const previous = JSON.parse(new TextDecoder().decode(metadata.userData));
      for (const [topic, partitions] of previous.owned) {
        for (const partition of partitions) give(result, id, topic, partition);
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
