/**
 * Core data types shared by every assignor, the protocol codecs, the scenario model,
 * the worker and the CLI. Plain data only: nothing here may touch the DOM or Node.
 */

export type MemberId = string;
export type Topic = string;

export interface TopicPartition {
  readonly topic: Topic;
  readonly partition: number;
}

/**
 * What an assignor may ask about the cluster, the same two questions aiokafka's
 * `ClusterMetadata` answers for assignors.
 */
export interface ClusterMetadata {
  /** Every topic the cluster knows, including topics with zero partitions. */
  topics(): ReadonlySet<Topic>;
  /** The partition ids of `topic`, or `undefined` when the cluster does not know it. */
  partitionsForTopic(topic: Topic): ReadonlySet<number> | undefined;
}

/** `ConsumerProtocolMemberMetadata`: what a member sends in its JoinGroup request. */
export interface MemberMetadata {
  readonly version: number;
  readonly subscription: readonly Topic[];
  /** Assignor-specific bytes; empty for range and roundrobin. */
  readonly userData: Uint8Array;
  /**
   * What a Java consumer adds from ConsumerProtocolSubscription v1 on (aiokafka sends v0 and
   * leaves it out): the partitions it owns now, grouped by topic in name order.
   */
  readonly ownedPartitions?: readonly TopicPartitions[];
  /** v2+: the generation of the member's last rebalance, -1 before its first. */
  readonly generationId?: number;
  /** v3+: the member's rack, `null` without one. */
  readonly rackId?: string | null;
}

/** One `(topic, partitions)` entry of a member assignment, in wire order. */
export type TopicPartitions = readonly [topic: Topic, partitions: readonly number[]];

/** `ConsumerProtocolMemberAssignment`: what the leader hands each member. */
export interface MemberAssignment {
  readonly version: number;
  readonly assignment: readonly TopicPartitions[];
  readonly userData: Uint8Array;
}

/** `StickyAssignorUserDataV1`: a sticky member's previous assignment and its generation. */
export interface StickyUserData {
  readonly previousAssignment: readonly TopicPartitions[];
  readonly generation: number;
}

/**
 * The members of a group in JoinGroup order. A `Map` because order matters to sticky and
 * a plain object would reorder integer-like member ids.
 */
export type GroupMembers = ReadonlyMap<MemberId, MemberMetadata>;

/** The leader's result: one assignment per member, in member order. */
export type GroupAssignment = Map<MemberId, MemberAssignment>;

/**
 * The assignor interface of aiokafka's `AbstractPartitionAssignor`, as an object.
 *
 * Unlike aiokafka, whose sticky assignor keeps its state on the class, an `Assignor` value
 * belongs to one member: `metadata()` and `onAssignment()` read and write that member's
 * state only. Use an {@link AssignorFactory} to give each simulated member its own.
 */
export interface Assignor {
  readonly name: string;
  /** The leader's job: every member's assignment for this rebalance. */
  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment;
  /** What this member sends at the next rebalance for the given subscription. */
  metadata(topics: Iterable<Topic>): MemberMetadata;
  /** Called with this member's new assignment after each rebalance. */
  onAssignment(assignment: MemberAssignment): void;
  /** Called with the group generation of that assignment (aiokafka never calls it). */
  onGenerationAssignment?(generation: number): void;
  /**
   * True for a client whose coordinator always hands its assignor the generation (a Java
   * consumer): it gets {@link onGenerationAssignment} whatever the scenario's user data mode.
   */
  readonly knowsGeneration?: boolean;
  /**
   * For a cooperative (KIP-429) member: whether taking `assignment` revokes a partition it
   * owns. Such a member rejoins at once, so the group rebalances again before it settles.
   * Asked before {@link onAssignment}.
   */
  revokes?(assignment: MemberAssignment): boolean;
}

/** Makes a fresh assignor, with its own state, for one member. */
export type AssignorFactory = () => Assignor;

/** An assignment in the conformance data's shape: `{member: {topic: [partitions]}}`. */
export type AssignmentRecord = Record<MemberId, Record<Topic, number[]>>;
