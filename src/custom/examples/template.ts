/**
 * Your assignor. Export it as the module's default export, in any of three styles:
 * an object (like this one), a class with instance methods, or a class with static
 * methods (aiokafka's style). `name` and `assign` are required; `metadata`,
 * `onAssignment` and `onGenerationAssignment` are optional.
 *
 * Every member of the simulated group gets its own copy, so `this.x = …` is that
 * member's state. Everything is synchronous. Types are removed, not checked; imports
 * are not available. The full interface: docs/assignors.md.
 */

type Topic = string;
type MemberId = string;

interface ClusterMetadata {
  /** Every topic the cluster has. */
  topics(): ReadonlySet<Topic>;
  /** The partition ids of `topic`, or undefined when the cluster does not have it. */
  partitionsForTopic(topic: Topic): ReadonlySet<number> | undefined;
}

/** What a member sent when it joined: its subscription and its assignor's user data. */
interface MemberMetadata {
  version: number;
  subscription: readonly Topic[];
  userData: Uint8Array;
}

/** What a member gets: [topic, partitions] pairs. version and userData are optional. */
interface MemberAssignment {
  version?: number;
  assignment: [Topic, number[]][];
  userData?: Uint8Array;
}

export default {
  /** The protocol name members advertise. */
  name: 'my-assignor',

  /**
   * Runs on the group leader at every rebalance; `members` is in join order.
   * Return an entry for every member (an empty assignment for one that gets nothing),
   * and give each partition of each subscribed topic to exactly one of its subscribers.
   */
  assign(
    cluster: ClusterMetadata,
    members: ReadonlyMap<MemberId, MemberMetadata>,
  ): Map<MemberId, MemberAssignment> {
    const result = new Map<MemberId, MemberAssignment>();
    for (const id of members.keys()) result.set(id, { assignment: [] });

    const topics = new Set([...members.values()].flatMap((m) => m.subscription));
    for (const topic of [...topics].sort()) {
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      const subscribers = [...members].filter(([, m]) => m.subscription.includes(topic));
      // Deal the topic's partitions out to its subscribers in turn.
      subscribers.forEach(([id], i) => {
        const mine = partitions.filter((_, p) => p % subscribers.length === i);
        if (mine.length > 0) result.get(id)!.assignment.push([topic, mine]);
      });
    }
    return result;
  },

  /**
   * Optional. What this member sends when it joins; without it, the subscription and no
   * user data. Put what the leader should know (e.g. this member's previous partitions)
   * in `userData`: the leader sees other members only through it.
   */
  metadata(topics: Iterable<Topic>): Partial<MemberMetadata> {
    return { subscription: [...topics] };
  },

  /** Optional. This member's assignment after each rebalance: remember what you need. */
  onAssignment(assignment: MemberAssignment): void {
    void assignment;
  },
};
