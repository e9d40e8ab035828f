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
  /** Partition id → number, only for topics whose ids are not simply `0..n-1`. */
  private readonly sparse = new Map<number, Map<number, number>>();

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
    this.topicNumbers = new Map(known.map((topic, t) => [topic, t]));
    this.topicStart = new Int32Array(known.length + 1);
    let total = 0;
    idsByTopic.forEach((ids, t) => {
      this.topicStart[t] = total;
      total += ids.length;
    });
    this.topicStart[known.length] = total;
    this.size = total;
    this.topicOf = new Int32Array(total);
    this.partitionIdOf = new Int32Array(total);
    idsByTopic.forEach((ids, t) => {
      const start = this.topicStart[t] as number;
      let dense = true;
      ids.forEach((id, i) => {
        this.topicOf[start + i] = t;
        this.partitionIdOf[start + i] = id;
        if (id !== i) dense = false;
      });
      if (!dense) this.sparse.set(t, new Map(ids.map((id, i) => [id, start + i])));
    });
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
    return !this.sparse.has(t);
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
