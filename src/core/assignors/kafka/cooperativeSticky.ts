/**
 * Kafka's client-side `CooperativeStickyAssignor` (Java consumer, `partition.assignment.strategy
 * = cooperative-sticky`), ported so the playground can put what a Java consumer group computes
 * beside aiokafka's sticky assignor. One instance is one member: it remembers what the member
 * owns and its generation (a Java consumer always knows it), sends both in a v3 subscription,
 * and as leader runs Kafka's sticky algorithm, then withholds every partition that changes
 * owner: its owner must revoke it first, and the follow-up rebalance hands it over.
 */
import { compareCodeUnits } from '../../compare';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberAssignment,
  MemberMetadata,
  Topic,
  TopicPartitions,
} from '../../types';
import {
  groupAssignmentOf,
  JAVA_SUBSCRIPTION_VERSION,
  leaderInput,
  presentGeneration,
} from './leader';
import {
  KAFKA_DEFAULT_GENERATION,
  removeFirst,
  type KafkaPartition,
  type KafkaSubscription,
} from './model';
import { assignSticky, type LeaderMemory } from './stickyCore';

/** `COOPERATIVE_STICKY_ASSIGNOR_USER_DATA_V0`: the generation as one Int32. */
export function encodeCooperativeUserData(generation: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, generation);
  return bytes;
}

/** The generation in {@link encodeCooperativeUserData}'s bytes, or `undefined` if not 4 bytes. */
export function decodeCooperativeUserData(bytes: Uint8Array): number | undefined {
  if (bytes.length !== 4) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0);
}

export class CooperativeStickyAssignor implements Assignor {
  readonly name = 'cooperative-sticky';
  /** A Java consumer's coordinator always hands it the group generation. */
  readonly knowsGeneration = true;
  private owned: readonly TopicPartitions[] = [];
  private generation = KAFKA_DEFAULT_GENERATION;
  private readonly memory: LeaderMemory = { maxGeneration: KAFKA_DEFAULT_GENERATION };

  metadata(topics: Iterable<Topic>): MemberMetadata {
    const subscription = [...topics];
    // Before it joins, a cooperative Java consumer revokes the partitions of topics it no
    // longer subscribes to (ConsumerCoordinator.onJoinPrepare), so it no longer owns them.
    const subscribed = new Set(subscription);
    this.owned = this.owned.filter(([topic]) => subscribed.has(topic));
    return {
      version: JAVA_SUBSCRIPTION_VERSION,
      subscription,
      userData: encodeCooperativeUserData(this.generation),
      ownedPartitions: this.owned,
      generationId: this.generation,
      rackId: null,
    };
  }

  onAssignment(assignment: MemberAssignment): void {
    this.owned = ownedInWireOrder(assignment.assignment);
  }

  onGenerationAssignment(generation: number): void {
    this.generation = generation;
  }

  /**
   * KIP-429: a member whose new assignment lacks a partition it owns revokes it and rejoins at
   * once, so the group rebalances again before it settles.
   */
  revokes(assignment: MemberAssignment): boolean {
    const kept = new Set<string>();
    for (const [topic, partitions] of assignment.assignment)
      for (const p of partitions) kept.add(`${topic}\u0000${p}`);
    return this.owned.some(([topic, partitions]) =>
      partitions.some((p) => !kept.has(`${topic}\u0000${p}`)),
    );
  }

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    if (members.size === 0) return new Map();
    // From ConsumerProtocolSubscription v2 on, owned partitions and generation are fields.
    const input = leaderInput(cluster, members, (metadata) => ({
      owned: metadata.ownedPartitions ?? [],
      generation: presentGeneration(metadata.generationId),
    }));
    const outcome = assignSticky(input, this.memory);
    const transferring =
      outcome.transferring ?? transferringOwnership(input.subscriptions, outcome.assignment);
    for (const [tp, member] of transferring) removeFirst(outcome.assignment.get(member) ?? [], tp);
    return groupAssignmentOf(members, outcome.assignment);
  }
}

/** What Java's ConsumerProtocol puts on the wire: topics by name, partitions by number. */
function ownedInWireOrder(assignment: readonly TopicPartitions[]): TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const [topic, partitions] of assignment) {
    let list = byTopic.get(topic);
    if (list === undefined) byTopic.set(topic, (list = []));
    list.push(...partitions);
  }
  return [...byTopic]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([topic, list]) => [topic, [...new Set(list)].sort((x, y) => x - y)] as const);
}

/**
 * `computePartitionsTransferringOwnership`: partitions some member gains that another member
 * owned and loses, after the general builder (which does not track them).
 */
function transferringOwnership(
  subscriptions: ReadonlyMap<string, KafkaSubscription>,
  assignment: ReadonlyMap<string, readonly KafkaPartition[]>,
): Map<KafkaPartition, string> {
  const added = new Map<KafkaPartition, string>();
  const revoked = new Set<KafkaPartition>();
  for (const [member, assigned] of assignment) {
    const owned = subscriptions.get(member)?.ownedPartitions ?? [];
    const ownedSet = new Set(owned);
    for (const tp of assigned) if (!ownedSet.has(tp)) added.set(tp, member);
    const assignedSet = new Set(assigned);
    for (const tp of owned) if (!assignedSet.has(tp)) revoked.add(tp);
  }
  for (const tp of [...added.keys()]) if (!revoked.has(tp)) added.delete(tp);
  return added;
}
