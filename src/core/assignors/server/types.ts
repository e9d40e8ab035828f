/**
 * The input and output of the KIP-848 server-side assignors (Kafka's group coordinator runs
 * them, not a group leader). Plain data in the playground's terms: topic names with partition
 * counts, members with subscriptions and the partitions they currently own.
 */

/** A topic as the coordinator knows it. `id` is Kafka's topic `Uuid` as 32 hex digits. */
export interface ServerTopic {
  readonly name: string;
  /** 32 hex digits: the most significant 64 bits, then the least significant 64 bits. */
  readonly id: string;
  readonly partitions: number;
}

/** A member of a consumer group as the coordinator hands it to the assignor. */
export interface ServerMember {
  readonly id: string;
  /** `group.instance.id` of a static member; server-side range sorts by it first. */
  readonly instanceId?: string;
  /** Topic names, in the order the member listed them. */
  readonly subscription: readonly string[];
  /**
   * The member's current target assignment, `[topic, partitions]` in iteration order. Order
   * matters to uniform (it decides which partitions an over-quota member gives up), so it is
   * an ordered list and not a set.
   */
  readonly current: readonly (readonly [topic: string, partitions: readonly number[]])[];
}

/**
 * The group, members in the order the coordinator iterates them (Kafka uses its member map's
 * order; uniform's result depends on it, range sorts the members itself).
 */
export interface ServerGroup {
  readonly topics: readonly ServerTopic[];
  readonly members: readonly ServerMember[];
}

/** The target assignment: every member, topics with at least one partition, ascending. */
export type ServerAssignment = Record<string, Record<string, number[]>>;

export interface ServerAssignor {
  readonly name: 'uniform' | 'range';
  assign(group: ServerGroup): ServerAssignment;
}

/** Kafka's `PartitionAssignorException`: the input cannot be assigned (e.g. unknown topic). */
export class ServerAssignorError extends Error {
  override readonly name = 'ServerAssignorError';
}
