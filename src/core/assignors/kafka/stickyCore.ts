/**
 * The shared part of Kafka's client-side sticky assignors (`AbstractStickyAssignor`): sort out
 * who owns what (a partition claimed twice goes to the higher generation, or to nobody on a tie),
 * then hand the group to the constrained builder when every member subscribes to the same topics,
 * or to the general one. Racks are not modelled: the playground's members have none, and without
 * consumer racks Kafka skips every rack-aware step.
 */
import { buildConstrained } from './constrained';
import { buildGeneral } from './general';
import { JavaHashOrder, javaStringHash } from './javaHash';
import {
  KAFKA_DEFAULT_GENERATION,
  removeFirst,
  type KafkaPartition,
  type KafkaSubscription,
  type PartitionInterner,
} from './model';
import { sameTopicList } from '../shared';

/** The leader's input: members in the order the leader's `HashMap` iterates them. */
export interface StickyInput {
  /** Subscribed topics that exist with at least one partition → partition count. */
  readonly partitionsPerTopic: ReadonlyMap<string, number>;
  /** Member id → subscription, in the subscriptions `HashMap`'s iteration order. */
  readonly subscriptions: ReadonlyMap<string, KafkaSubscription>;
  readonly partitions: PartitionInterner;
}

export interface StickyOutcome {
  /** Member id → assigned partitions, every member present. */
  readonly assignment: Map<string, KafkaPartition[]>;
  /**
   * Partitions that change owner, with their new owner, when the constrained builder ran (it
   * tracks them); `undefined` after the general one, as in Kafka, so cooperative-sticky works
   * them out from the owned partitions.
   */
  readonly transferring: Map<KafkaPartition, string> | undefined;
}

/**
 * The highest generation any member reported to this leader: Kafka keeps it on the assignor
 * instance across calls, so it lives with the member's assignor here too.
 */
export interface LeaderMemory {
  maxGeneration: number;
}

/** `AbstractStickyAssignor.assignPartitions`. */
export function assignSticky(input: StickyInput, memory: LeaderMemory): StickyOutcome {
  const owned = new Map<string, KafkaPartition[]>();
  const multipleOwners = new Set<KafkaPartition>();
  const equal = allSubscriptionsEqual(input, memory, owned, multipleOwners);
  const ownedOrder = new JavaHashOrder<string>(javaStringHash);
  for (const member of owned.keys()) ownedOrder.add(member);
  const currentAssignment = new Map(ownedOrder.keys().map((m) => [m, owned.get(m) ?? []]));
  if (equal) {
    const transferring = new Map<KafkaPartition, string>();
    return {
      assignment: buildConstrained(input, currentAssignment, multipleOwners, transferring),
      transferring,
    };
  }
  return { assignment: buildGeneral(input, currentAssignment, memory), transferring: undefined };
}

/**
 * Whether every member subscribes to the same topics, filling `owned` with each member's
 * still-subscribable owned partitions and `multipleOwners` with partitions two members of one
 * generation both claimed. Like Kafka, a member with no topics ahead of the others in the
 * iteration resets the comparison, and owned partitions are kept whatever the member's own
 * subscription, as long as some member subscribes to their topic.
 */
function allSubscriptionsEqual(
  input: StickyInput,
  memory: LeaderMemory,
  owned: Map<string, KafkaPartition[]>,
  multipleOwners: Set<KafkaPartition>,
): boolean {
  let equal = true;
  const subscribed = new Set<string>();
  /** The list `subscribed` was filled from: the same list again needs no set lookups. */
  let first: readonly string[] = [];
  // Who claimed each partition so far: per topic, by partition number (faster than a map of
  // partitions, and partition numbers are small).
  const claimedBy = new Map<string, (string | undefined)[]>();
  const claimsOf = (topic: string) => {
    let claims = claimedBy.get(topic);
    if (claims === undefined) claimedBy.set(topic, (claims = []));
    return claims;
  };
  for (const [member, subscription] of input.subscriptions) {
    if (subscribed.size === 0) {
      for (const topic of subscription.topics) subscribed.add(topic);
      first = subscription.topics;
    } else if (
      equal &&
      !(
        subscription.topics.length === subscribed.size &&
        (sameTopicList(subscription.topics, first) ||
          subscription.topics.every((t) => subscribed.has(t)))
      )
    ) {
      equal = false;
    }
    const generation = subscription.generation ?? KAFKA_DEFAULT_GENERATION;
    memory.maxGeneration = Math.max(memory.maxGeneration, generation);
    const mine: KafkaPartition[] = [];
    owned.set(member, mine);
    let topic: string | undefined;
    let claims: (string | undefined)[] = [];
    let known = false;
    for (const tp of subscription.ownedPartitions) {
      if (tp.topic !== topic) {
        topic = tp.topic;
        known = input.partitionsPerTopic.has(topic);
        claims = claimsOf(topic);
      }
      if (!known) continue;
      const other = claims[tp.partition];
      if (other === undefined) {
        mine.push(tp);
        claims[tp.partition] = member;
        continue;
      }
      const otherGeneration =
        input.subscriptions.get(other)?.generation ?? KAFKA_DEFAULT_GENERATION;
      if (generation === otherGeneration) {
        multipleOwners.add(tp);
        removeFirst(owned.get(other) ?? [], tp);
        claims[tp.partition] = member;
      } else if (generation > otherGeneration) {
        mine.push(tp);
        removeFirst(owned.get(other) ?? [], tp);
        claims[tp.partition] = member;
      }
    }
  }
  return equal;
}
