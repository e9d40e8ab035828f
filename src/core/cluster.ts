import type { ClusterMetadata, Topic } from './types';

/** Topic name → partition count. A count of 0 means the topic exists with no partitions. */
export type PartitionCounts = Readonly<Record<Topic, number>>;

/**
 * Cluster metadata where every topic's partitions are `0..count-1`, as in the scenario
 * files and the conformance data. Partition sets are built once per topic and shared.
 */
export class StaticCluster implements ClusterMetadata {
  private readonly topicSet: ReadonlySet<Topic>;
  private readonly partitionSets = new Map<Topic, ReadonlySet<number>>();
  private readonly partitionArrays = new Map<Topic, readonly number[]>();

  constructor(private readonly counts: PartitionCounts) {
    for (const [topic, count] of Object.entries(counts)) {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(
          `topic ${JSON.stringify(topic)} has an invalid partition count ${String(count)}`,
        );
      }
    }
    this.topicSet = new Set(Object.keys(counts));
  }

  topics(): ReadonlySet<Topic> {
    return this.topicSet;
  }

  partitionsForTopic(topic: Topic): ReadonlySet<number> | undefined {
    if (!Object.hasOwn(this.counts, topic)) return undefined;
    let partitions = this.partitionSets.get(topic);
    if (partitions === undefined) {
      partitions = new Set(Array.from({ length: this.counts[topic] ?? 0 }, (_, i) => i));
      this.partitionSets.set(topic, partitions);
    }
    return partitions;
  }

  /**
   * The partition ids of `topic` in ascending order (`0..count-1`), or `undefined` when the
   * cluster does not know it. Built once per topic and shared, so assignors need not copy
   * and sort the set on every call; callers must not mutate it. (Not frozen: V8 slices a
   * frozen array several times slower, and range hands out slices.)
   */
  sortedPartitionArray(topic: Topic): readonly number[] | undefined {
    if (!Object.hasOwn(this.counts, topic)) return undefined;
    let partitions = this.partitionArrays.get(topic);
    if (partitions === undefined) {
      const count = this.counts[topic] ?? 0;
      const ids = new Array<number>(count);
      for (let i = 0; i < count; i++) ids[i] = i;
      partitions = ids;
      this.partitionArrays.set(topic, partitions);
    }
    return partitions;
  }

  /** The partition count of `topic`, or `undefined` when the cluster does not know it. */
  partitionCount(topic: Topic): number | undefined {
    return Object.hasOwn(this.counts, topic) ? this.counts[topic] : undefined;
  }
}
