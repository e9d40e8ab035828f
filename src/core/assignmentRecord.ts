import type { AssignmentRecord, GroupAssignment } from './types';

/**
 * A group assignment as plain data, `{member: {topic: [partitions]}}`, in member order with
 * topics in wire order. (Integer-like keys are reordered by JavaScript objects; use
 * {@link assignmentEntries} where order must survive.)
 */
export function toAssignmentRecord(assignment: GroupAssignment): AssignmentRecord {
  const record: AssignmentRecord = {};
  for (const [member, { assignment: topics }] of assignment) {
    const byTopic: Record<string, number[]> = {};
    for (const [topic, partitions] of topics) byTopic[topic] = [...partitions];
    record[member] = byTopic;
  }
  return record;
}

/** The same data as ordered entries, safe for any member id or topic name. */
export function assignmentEntries(
  assignment: GroupAssignment,
): [member: string, topics: [topic: string, partitions: number[]][]][] {
  return [...assignment].map(([member, { assignment: topics }]) => [
    member,
    topics.map(([topic, partitions]) => [topic, [...partitions]]),
  ]);
}
