// Broken on purpose: walks the cluster's topics and all members, not the subscriptions.
type Members = ReadonlyMap<string, { subscription: readonly string[] }>;
type Cluster = {
  topics(): ReadonlySet<string>;
  partitionsForTopic(topic: string): ReadonlySet<number> | undefined;
};

export default {
  name: 'ignores-subscriptions',
  assign(cluster: Cluster, members: Members) {
    const ids = [...members.keys()];
    const result = new Map(ids.map((id) => [id, { assignment: [] as [string, number[]][] }]));
    let next = 0;
    for (const topic of [...cluster.topics()].sort()) {
      for (const partition of cluster.partitionsForTopic(topic) ?? []) {
        const entries = result.get(ids[next++ % ids.length]!)!.assignment;
        const entry = entries.find(([t]) => t === topic);
        if (entry) entry[1].push(partition);
        else entries.push([topic, [partition]]);
      }
    }
    return result;
  },
};
