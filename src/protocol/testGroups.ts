/**
 * Seeded random groups for the protocol tests: a previous generation, a changed membership and a
 * target. Test support only (imported by *.test.ts).
 */
import { mulberry32 } from '../core/random';
import type { AssignmentRecord } from '../core/types';
import type { GenerationInput } from './types';

/** Every failing case can be replayed from its seed. */
export const seeded = mulberry32;

function add(record: AssignmentRecord, member: string, topic: string, partition: number): void {
  const byTopic = (record[member] ??= {});
  (byTopic[topic] ??= []).push(partition);
}

/**
 * Previous owners spread at random over the old members; the new group drops and adds members;
 * the target keeps a partition with its owner when the owner stays (with some chance), else picks
 * a random new member — sticky-ish like uniform, with real moves between live members.
 */
export function randomGeneration(seed: number): GenerationInput {
  const random = seeded(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const topics = Array.from({ length: 1 + int(3) }, (_, i) => ({
    name: `t${i}`,
    partitions: 1 + int(8),
  }));
  const oldMembers = Array.from({ length: 1 + int(5) }, (_, i) => `m${i}`);
  const members = oldMembers.filter(() => random() > 0.2);
  const joiners = int(3);
  for (let i = 0; i < joiners; i++) members.splice(int(members.length + 1), 0, `new${i}`);
  if (members.length === 0) members.push('new-only');
  const previous: AssignmentRecord = {};
  for (const m of oldMembers) previous[m] = {};
  const target: AssignmentRecord = {};
  for (const m of members) target[m] = {};
  for (const { name, partitions } of topics) {
    for (let p = 0; p < partitions; p++) {
      const partitionIsNew = random() < 0.1;
      const owner = oldMembers[int(oldMembers.length)] as string;
      if (!partitionIsNew) add(previous, owner, name, p);
      const keep = !partitionIsNew && members.includes(owner) && random() < 0.6;
      add(target, keep ? owner : (members[int(members.length)] as string), name, p);
    }
  }
  return { previous, members, target, epoch: int(5) };
}
