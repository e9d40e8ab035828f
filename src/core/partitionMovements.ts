import type { MemberId, Topic } from './types';

/** A move of one partition from `src` to `dst`, net of any moves in between. */
export interface ConsumerPair {
  readonly src: MemberId;
  readonly dst: MemberId;
}

/** An invariant of the movement log broke: a caller described a move that cannot be. */
export class MovementLogError extends Error {
  override readonly name = 'MovementLogError';
}

/**
 * The sticky assignor's log of partition moves during one rebalance, net of round trips.
 *
 * It serves two questions: which partition to move so that partitions of one topic do not
 * travel both ways between two members ({@link partitionToBeMoved}), and whether the
 * rebalance kept that promise ({@link isSticky}).
 *
 * `P` is how the caller names a partition (an interned `TopicPartition` object or a dense
 * number); it must be usable as a `Map` key, and `topicOf` tells its topic.
 */
export class PartitionMovements<P> {
  /** Every moved partition's net movement. */
  private readonly movements = new Map<P, ConsumerPair>();
  /** topic → src → dst → partitions that moved that way (insertion-ordered). */
  private readonly byTopic = new Map<Topic, Map<MemberId, Map<MemberId, Set<P>>>>();

  constructor(private readonly topicOf: (partition: P) => Topic) {}

  /** Records that `partition` moved from `oldConsumer` to `newConsumer`. */
  movePartition(partition: P, oldConsumer: MemberId, newConsumer: MemberId): void {
    const existing = this.movements.get(partition);
    if (existing === undefined) {
      this.record(partition, { src: oldConsumer, dst: newConsumer });
      return;
    }
    this.forget(partition, existing);
    if (existing.dst !== oldConsumer) {
      throw new MovementLogError(
        `partition last moved to ${existing.dst}, not to ${oldConsumer} that now gives it away`,
      );
    }
    // A partition returning to where it started has, on balance, not moved.
    if (existing.src !== newConsumer)
      this.record(partition, { src: existing.src, dst: newConsumer });
  }

  /**
   * The partition to move when `partition` should go from `oldConsumer` to `newConsumer`:
   * `partition` itself, unless a partition of the same topic already moved the opposite way
   * between the same two members, in which case moving that one back keeps things sticky.
   */
  partitionToBeMoved(partition: P, oldConsumer: MemberId, newConsumer: MemberId): P {
    const topicMoves = this.byTopic.get(this.topicOf(partition));
    if (topicMoves === undefined) return partition;
    let origin = oldConsumer;
    const existing = this.movements.get(partition);
    if (existing !== undefined) {
      if (existing.dst !== oldConsumer) {
        throw new MovementLogError(
          `partition last moved to ${existing.dst}, but ${oldConsumer} is said to hold it`,
        );
      }
      origin = existing.src;
    }
    const reverse = topicMoves.get(newConsumer)?.get(origin);
    if (reverse === undefined) return partition;
    // aiokafka takes whichever element its set yields first; the oldest is as good and stable.
    for (const candidate of reverse) return candidate;
    return partition;
  }

  /** True when no topic had partitions moving both ways between the same two members. */
  isSticky(): boolean {
    for (const sources of this.byTopic.values()) {
      for (const [src, destinations] of sources) {
        for (const dst of destinations.keys()) {
          if (sources.get(dst)?.has(src)) return false;
        }
      }
    }
    return true;
  }

  /** The net movement of every partition that moved, in the order they first moved. */
  moves(): ReadonlyMap<P, ConsumerPair> {
    return this.movements;
  }

  private record(partition: P, pair: ConsumerPair): void {
    this.movements.set(partition, pair);
    const topic = this.topicOf(partition);
    let sources = this.byTopic.get(topic);
    if (sources === undefined) this.byTopic.set(topic, (sources = new Map()));
    let destinations = sources.get(pair.src);
    if (destinations === undefined) sources.set(pair.src, (destinations = new Map()));
    let partitions = destinations.get(pair.dst);
    if (partitions === undefined) destinations.set(pair.dst, (partitions = new Set()));
    partitions.add(partition);
  }

  private forget(partition: P, pair: ConsumerPair): void {
    this.movements.delete(partition);
    const topic = this.topicOf(partition);
    const sources = this.byTopic.get(topic);
    const destinations = sources?.get(pair.src);
    const partitions = destinations?.get(pair.dst);
    if (sources === undefined || destinations === undefined || partitions === undefined) return;
    partitions.delete(partition);
    if (partitions.size > 0) return;
    destinations.delete(pair.dst);
    if (destinations.size > 0) return;
    sources.delete(pair.src);
    if (sources.size === 0) this.byTopic.delete(topic);
  }
}
