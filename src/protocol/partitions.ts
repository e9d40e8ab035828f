import type { AssignmentRecord } from '../core/types';
import type { PartitionRef } from './types';

/** A partition as one string, for sets and maps (NUL cannot occur in a topic name). */
export type PartitionKey = string;

export function keyOf(topic: string, partition: number): PartitionKey {
  return `${topic}\u0000${partition}`;
}

export function refOf(key: PartitionKey): PartitionRef {
  const cut = key.lastIndexOf('\u0000');
  return { topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)) };
}

/** The partitions `member` owns in `assignment`, as keys. */
export function ownedBy(assignment: AssignmentRecord, member: string): Set<PartitionKey> {
  const keys = new Set<PartitionKey>();
  for (const [topic, partitions] of Object.entries(assignment[member] ?? {})) {
    for (const p of partitions) keys.add(keyOf(topic, p));
  }
  return keys;
}

/** Partition → owner; throws when an assignment gives one partition to two members. */
export function ownerMap(assignment: AssignmentRecord, what: string): Map<PartitionKey, string> {
  const owners = new Map<PartitionKey, string>();
  for (const member of Object.keys(assignment)) {
    for (const key of ownedBy(assignment, member)) {
      const other = owners.get(key);
      if (other !== undefined) {
        const { topic, partition } = refOf(key);
        throw new Error(`${what} gives ${topic}-${partition} to both "${other}" and "${member}"`);
      }
      owners.set(key, member);
    }
  }
  return owners;
}

/** Keys as refs, sorted by topic then partition, so events read the same every run. */
export function sortedRefs(keys: Iterable<PartitionKey>): PartitionRef[] {
  return [...keys]
    .map(refOf)
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

export function difference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  return new Set([...a].filter((x) => !b.has(x)));
}
