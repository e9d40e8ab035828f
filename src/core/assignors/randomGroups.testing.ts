/**
 * Pieces the differential tests share to build seeded random groups: a cluster that is not a
 * StaticCluster (so fast paths that trust one are bypassed) and small random choices.
 */
import type { ClusterMetadata, Topic } from '../types';

/** A cluster that is not a StaticCluster, with gaps in its partition ids. */
export class SparseCluster implements ClusterMetadata {
  constructor(private readonly partitions: ReadonlyMap<Topic, ReadonlySet<number>>) {}
  topics(): ReadonlySet<Topic> {
    return new Set(this.partitions.keys());
  }
  partitionsForTopic(topic: Topic): ReadonlySet<number> | undefined {
    return this.partitions.get(topic);
  }
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
