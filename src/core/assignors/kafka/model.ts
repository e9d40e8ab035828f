/**
 * What Kafka's sticky assignors work on, in their own terms: interned topic-partitions (Java
 * compares `TopicPartition`s by value; one object per value lets a `Map` do the same), each
 * member's `Subscription` as the leader deserialized it, and the errors Java would throw.
 */
import { compareCodeUnits } from '../../compare';
import { javaStringHash, topicPartitionHashOf } from './javaHash';

export interface KafkaPartition {
  readonly topic: string;
  readonly partition: number;
  /** `TopicPartition.hashCode()`, for the `HashSet` orders Kafka's code depends on. */
  readonly hash: number;
}

interface InternedTopic {
  readonly partitions: KafkaPartition[];
  /** `topic.hashCode()`, computed once per topic rather than once per partition. */
  readonly hash: number;
}

/** One object per topic-partition for the length of an assign call. */
export class PartitionInterner {
  private readonly byTopic = new Map<string, InternedTopic>();

  get(topic: string, partition: number): KafkaPartition {
    let interned = this.byTopic.get(topic);
    if (interned === undefined)
      this.byTopic.set(topic, (interned = { partitions: [], hash: javaStringHash(topic) }));
    let tp = interned.partitions[partition];
    if (tp === undefined)
      interned.partitions[partition] = tp = {
        topic,
        partition,
        hash: topicPartitionHashOf(interned.hash, partition),
      };
    return tp;
  }
}

/**
 * `ConsumerPartitionAssignor.Subscription` as the leader sees it (ConsumerProtocolSubscription
 * v3): the topics, the partitions the member owns now, and its generation, absent when the
 * member sent a negative one (a member that never completed a rebalance sends -1).
 */
export interface KafkaSubscription {
  readonly topics: readonly string[];
  readonly ownedPartitions: readonly KafkaPartition[];
  readonly generation: number | undefined;
}

/** Kafka's `DEFAULT_GENERATION`. */
export const KAFKA_DEFAULT_GENERATION = -1;

/**
 * Where Kafka's own code throws (an `IllegalStateException` it raises on purpose, or a
 * `NullPointerException` on an input it never expected), the port throws this, with the Java
 * exception's name, so a replay shows that the Java leader would fail here too.
 */
export class KafkaAssignorError extends Error {
  constructor(
    readonly javaException: 'IllegalStateException' | 'NullPointerException',
    message: string,
  ) {
    super(`${javaException} in Kafka's assignor: ${message}`);
    this.name = 'KafkaAssignorError';
  }
}

/**
 * `Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition)`. Java's
 * `String.compareTo` compares UTF-16 code units, as {@link compareCodeUnits} does.
 */
export function byTopicThenPartition(a: KafkaPartition, b: KafkaPartition): number {
  return compareCodeUnits(a.topic, b.topic) || a.partition - b.partition;
}

/** `List.remove(Object)`: the first occurrence, if any. */
export function removeFirst<T>(list: T[], value: T): boolean {
  const index = list.indexOf(value);
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}
