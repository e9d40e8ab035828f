/**
 * One partition across the generations of a replay: who owned it after each rebalance, and
 * how that changed. What the partition inspector shows, for one assignor.
 */
import type { MemberId, Topic } from '../core/types';
import type { GenerationResult } from '../scenario/replay';

export type OwnershipChange =
  /** Same owner as the generation before. */
  | 'kept'
  /** A different owner, although the previous one is still in the group. */
  | 'moved'
  /** A different owner because the previous one left. */
  | 'orphaned'
  /** Owned now, not before (new partition, first rebalance, or unowned before). */
  | 'new'
  /** Nobody owns it (it exists). */
  | 'unassigned'
  /** The partition does not exist at this generation (not created yet, or deleted). */
  | 'absent'
  /** The rebalance failed: no assignment at all. */
  | 'failed';

export interface PartitionAtGeneration {
  readonly generation: number;
  /** Its owners, in member order: one for a valid assignment, several for an invalid one. */
  readonly owners: readonly MemberId[];
  readonly change: OwnershipChange;
  /** The step's summary, e.g. "C1 leaves". */
  readonly summary: string;
}

function ownersOf(result: GenerationResult, topic: Topic, partition: number): MemberId[] {
  const owners: MemberId[] = [];
  for (const member of result.members) {
    for (const [t, partitions] of member.assignment) {
      if (t === topic && partitions.includes(partition) && !owners.includes(member.id)) {
        owners.push(member.id);
      }
    }
  }
  return owners;
}

function exists(result: GenerationResult, topic: Topic, partition: number): boolean {
  const count = Object.hasOwn(result.cluster, topic) ? result.cluster[topic] : undefined;
  return count !== undefined && partition >= 0 && partition < count;
}

/** `topic`-`partition` at every generation of `generations`, first to last. */
export function partitionHistory(
  generations: readonly GenerationResult[],
  topic: Topic,
  partition: number,
): PartitionAtGeneration[] {
  const history: PartitionAtGeneration[] = [];
  let previousOwners: readonly MemberId[] = [];
  let previousMembers = new Set<MemberId>();
  for (const result of generations) {
    const owners = ownersOf(result, topic, partition);
    let change: OwnershipChange;
    if (result.error !== undefined) change = 'failed';
    else if (owners.length === 0)
      change = exists(result, topic, partition) ? 'unassigned' : 'absent';
    else if (previousOwners.length === 0) change = 'new';
    else if (owners.some((o) => previousOwners.includes(o))) change = 'kept';
    else if (previousOwners.some((o) => result.members.some((m) => m.id === o))) change = 'moved';
    else change = previousMembers.size > 0 ? 'orphaned' : 'new';
    history.push({ generation: result.generation, owners, change, summary: result.summary });
    // A failed rebalance assigns nothing; the next one is compared with the last that worked.
    if (result.error === undefined) {
      previousOwners = owners;
      previousMembers = new Set(result.members.map((m) => m.id));
    }
  }
  return history;
}
