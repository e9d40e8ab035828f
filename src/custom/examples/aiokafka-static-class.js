// aiokafka's style: classmethods (static methods here) and state on the class. The
// playground gives each member its own subclass, so `this.rebalances = …` lands on that
// member's copy and members never overwrite each other's state (aiokafka#1175).
class RoundRobinPort {
  static name = 'roundrobin-port';
  static rebalances = 0; // where every member starts

  static assign(cluster, members) {
    const ids = [...members.keys()].sort();
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
    const topics = [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
    let next = 0;
    for (const topic of topics) {
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      for (const partition of partitions) {
        // The next member, in turn, that subscribes to the topic.
        let id = ids[next++ % ids.length];
        while (!members.get(id).subscription.includes(topic)) id = ids[next++ % ids.length];
        const entries = result.get(id).assignment;
        const entry = entries.find(([t]) => t === topic);
        if (entry) entry[1].push(partition);
        else entries.push([topic, [partition]]);
      }
    }
    return result;
  }

  // aiokafka calls this on_assignment; here it is onAssignment.
  static onAssignment(assignment) {
    this.rebalances += 1;
  }
}

module.exports = RoundRobinPort;
