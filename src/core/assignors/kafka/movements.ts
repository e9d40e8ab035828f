/**
 * Kafka's `AbstractStickyAssignor.PartitionMovements`: the net moves of one general-case
 * rebalance, by topic and (from, to) pair, so that moving a partition back the way another
 * partition of its topic came swaps in that partition instead. Which partition is swapped in is
 * "the first" of a `HashSet<TopicPartition>`, so each pair's set keeps its Java order.
 */
import { JavaHashOrder } from './javaHash';
import type { KafkaPartition } from './model';

interface Move {
  readonly from: string;
  readonly to: string;
}

const pairKey = (from: string, to: string): string => `${from}\u0000${to}`;

export class KafkaPartitionMovements {
  private readonly moves = new Map<KafkaPartition, Move>();
  private readonly byTopic = new Map<string, Map<string, JavaHashOrder<KafkaPartition>>>();

  private removeMove(tp: KafkaPartition): Move {
    const move = this.moves.get(tp) as Move;
    this.moves.delete(tp);
    const ofTopic = this.byTopic.get(tp.topic) as Map<string, JavaHashOrder<KafkaPartition>>;
    const key = pairKey(move.from, move.to);
    const set = ofTopic.get(key) as JavaHashOrder<KafkaPartition>;
    set.remove(tp);
    if (set.size === 0) ofTopic.delete(key);
    if (ofTopic.size === 0) this.byTopic.delete(tp.topic);
    return move;
  }

  private addMove(tp: KafkaPartition, move: Move): void {
    this.moves.set(tp, move);
    let ofTopic = this.byTopic.get(tp.topic);
    if (ofTopic === undefined) this.byTopic.set(tp.topic, (ofTopic = new Map()));
    const key = pairKey(move.from, move.to);
    let set = ofTopic.get(key);
    if (set === undefined) ofTopic.set(key, (set = new JavaHashOrder((p) => p.hash)));
    set.add(tp);
  }

  /** Records `tp` moving from `from` to `to`, cancelling a round trip. */
  movePartition(tp: KafkaPartition, from: string, to: string): void {
    if (this.moves.has(tp)) {
      const earlier = this.removeMove(tp);
      if (earlier.from !== to) this.addMove(tp, { from: earlier.from, to });
    } else {
      this.addMove(tp, { from, to });
    }
  }

  /** The partition to move instead of `tp` from `from` to `to`: one that came the other way. */
  partitionToMove(tp: KafkaPartition, from: string, to: string): KafkaPartition {
    const ofTopic = this.byTopic.get(tp.topic);
    if (ofTopic === undefined) return tp;
    const origin = this.moves.get(tp)?.from ?? from;
    const reverse = ofTopic.get(pairKey(to, origin));
    return reverse?.first() ?? tp;
  }
}
