import { StaticCluster } from '../../cluster';
import { compareStrings } from '../../compare';
import type { ClusterMetadata, Topic } from '../../types';
import { partitionList } from '../shared';

/**
 * Every partition of the cluster numbered densely, topic by topic, so the sticky executor can
 * keep per-partition state in typed arrays instead of maps keyed by `TopicPartition` objects.
 */
export class PartitionIndex {
  /** Topic names by topic number, in ascending name order. */
  readonly topicNames: readonly Topic[];
  /** Topic number by name; only topics the cluster knows. */
  readonly topicNumbers: ReadonlyMap<Topic, number>;
  /** First partition number of each topic; `topicStart[t + 1] - topicStart[t]` is its size. */
  readonly topicStart: Int32Array;
  /** Topic number of each partition. */
  readonly topicOf: Int32Array;
  /** Kafka partition id of each partition. */
  readonly partitionIdOf: Int32Array;
  readonly size: number;
  /** Per topic number: whether its ids are simply `0..n-1`. */
  private readonly dense: boolean[];
  /** Partition id → number, only for topics whose ids are not simply `0..n-1`. */
  private readonly sparse = new Map<number, Map<number, number>>();

  /**
   * The index of `cluster`. A `StaticCluster` never changes, so its index is built once and
   * shared by every rebalance on it (the index is read-only), as Kafka's `Cluster` builds its
   * per-topic lookups once in its constructor; any other cluster may change between calls and
   * gets a fresh index.
   */
  static of(cluster: ClusterMetadata): PartitionIndex {
    if (!(cluster instanceof StaticCluster)) return new PartitionIndex(cluster);
    let index = staticIndexes.get(cluster);
    if (index === undefined) {
      index = new PartitionIndex(cluster);
      staticIndexes.set(cluster, index);
    }
    return index;
  }

  constructor(cluster: ClusterMetadata) {
    const names = [...cluster.topics()].sort(compareStrings);
    const idsByTopic: (readonly number[])[] = [];
    const known: Topic[] = [];
    for (const topic of names) {
      // Sorted ids; a StaticCluster hands out its shared array, which is only read here.
      const partitions = partitionList(cluster, topic);
      // aiokafka skips such a topic with a warning; the executor logs it where aiokafka does.
      if (partitions === undefined) continue;
      known.push(topic);
      idsByTopic.push(partitions);
    }
    this.topicNames = known;
    const numbers = new Map<Topic, number>();
    for (let t = 0; t < known.length; t++) numbers.set(known[t] as Topic, t);
    this.topicNumbers = numbers;
    this.topicStart = new Int32Array(known.length + 1);
    let total = 0;
    for (let t = 0; t < idsByTopic.length; t++) {
      this.topicStart[t] = total;
      total += (idsByTopic[t] as readonly number[]).length;
    }
    this.topicStart[known.length] = total;
    this.size = total;
    this.topicOf = new Int32Array(total);
    this.partitionIdOf = new Int32Array(total);
    this.dense = [];
    for (let t = 0; t < idsByTopic.length; t++) {
      const ids = idsByTopic[t] as readonly number[];
      const start = this.topicStart[t] as number;
      let dense = true;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        this.topicOf[start + i] = t;
        this.partitionIdOf[start + i] = id;
        if (id !== i) dense = false;
      }
      this.dense.push(dense);
      if (!dense) this.sparse.set(t, new Map(ids.map((id, i) => [id, start + i])));
    }
  }

  partitionCount(topic: number): number {
    return (this.topicStart[topic + 1] as number) - (this.topicStart[topic] as number);
  }

  /** The number of `topic`-`partitionId`, or -1 when the cluster has no such partition. */
  lookup(topic: Topic, partitionId: number): number {
    const t = this.topicNumbers.get(topic);
    return t === undefined ? -1 : this.lookupIn(t, partitionId);
  }

  /**
   * Whether topic number `t`'s partition ids are `0..n-1`, so that partition `id` is number
   * `topicStart[t] + id` for every integer `0 <= id < n`.
   */
  isDense(t: number): boolean {
    return this.dense[t] === true;
  }

  /** The number of partition `partitionId` of topic number `t`, or -1 when it has none. */
  lookupIn(t: number, partitionId: number): number {
    const sparse = this.sparse.get(t);
    if (sparse !== undefined) return sparse.get(partitionId) ?? -1;
    return Number.isInteger(partitionId) && partitionId >= 0 && partitionId < this.partitionCount(t)
      ? (this.topicStart[t] as number) + partitionId
      : -1;
  }

  topicName(partition: number): Topic {
    return this.topicNames[this.topicOf[partition] as number] as Topic;
  }
}

const staticIndexes = new WeakMap<StaticCluster, PartitionIndex>();
