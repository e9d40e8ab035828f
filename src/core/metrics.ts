import type { AssignmentRecord, ClusterMetadata, MemberId, Topic } from './types';

/** aiokafka's balance score: the sum of load differences over all pairs of members. */
export function balanceScore(loads: readonly number[]): number {
  const sorted = [...loads].sort((a, b) => a - b);
  let score = 0;
  sorted.forEach((load, i) => {
    score += load * (2 * i - (sorted.length - 1));
  });
  return score;
}

/** The largest load minus the smallest; 0 for an empty group. */
export function spread(loads: readonly number[]): number {
  return loads.length === 0 ? 0 : Math.max(...loads) - Math.min(...loads);
}

/** How many partitions each member holds, in member order. */
export function memberLoads(assignment: AssignmentRecord): number[] {
  return Object.values(assignment).map((topics) =>
    Object.values(topics).reduce((sum, partitions) => sum + partitions.length, 0),
  );
}

export type AssignmentProblem =
  | { kind: 'unknown-member'; member: MemberId }
  | { kind: 'unknown-topic'; member: MemberId; topic: Topic }
  | { kind: 'unknown-partition'; member: MemberId; topic: Topic; partition: number }
  | { kind: 'not-subscribed'; member: MemberId; topic: Topic; partition: number }
  | { kind: 'duplicate'; topic: Topic; partition: number; members: MemberId[] }
  | { kind: 'unassigned'; topic: Topic; partition: number };

/**
 * Checks an assignment against its rebalance's input: every partition of every existing
 * subscribed topic is assigned exactly once, only to a member subscribed to its topic, and
 * nothing names an unknown member, topic or partition.
 */
export function validateAssignment(
  cluster: ClusterMetadata,
  subscriptions: ReadonlyMap<MemberId, readonly Topic[]>,
  assignment: AssignmentRecord,
): AssignmentProblem[] {
  const problems: AssignmentProblem[] = [];
  const owners = new Map<string, MemberId[]>();
  for (const [member, topics] of Object.entries(assignment)) {
    const subscription = subscriptions.get(member);
    if (subscription === undefined) {
      problems.push({ kind: 'unknown-member', member });
      continue;
    }
    for (const [topic, partitions] of Object.entries(topics)) {
      const known = cluster.partitionsForTopic(topic);
      if (known === undefined) {
        problems.push({ kind: 'unknown-topic', member, topic });
        continue;
      }
      for (const partition of partitions) {
        if (!known.has(partition)) {
          problems.push({ kind: 'unknown-partition', member, topic, partition });
          continue;
        }
        if (!subscription.includes(topic))
          problems.push({ kind: 'not-subscribed', member, topic, partition });
        const key = JSON.stringify([topic, partition]);
        const claimants = owners.get(key);
        if (claimants === undefined) owners.set(key, [member]);
        else claimants.push(member);
      }
    }
  }
  const subscribed = new Set([...subscriptions.values()].flat());
  for (const topic of [...subscribed].sort()) {
    const partitions = cluster.partitionsForTopic(topic);
    if (partitions === undefined) continue;
    for (const partition of [...partitions].sort((a, b) => a - b)) {
      const claimants = owners.get(JSON.stringify([topic, partition]));
      if (claimants === undefined) problems.push({ kind: 'unassigned', topic, partition });
      else if (claimants.length > 1)
        problems.push({ kind: 'duplicate', topic, partition, members: claimants });
    }
  }
  return problems;
}

/** One line of text for a problem, for reports and the page. */
export function describeProblem(problem: AssignmentProblem): string {
  switch (problem.kind) {
    case 'unknown-member':
      return `assignment names member ${problem.member}, which is not in the group`;
    case 'unknown-topic':
      return `${problem.member} is given topic ${problem.topic}, which the cluster does not have`;
    case 'unknown-partition':
      return `${problem.member} is given ${problem.topic}-${problem.partition}, which does not exist`;
    case 'not-subscribed':
      return `${problem.member} is given ${problem.topic}-${problem.partition} but does not subscribe to ${problem.topic}`;
    case 'duplicate':
      return `${problem.topic}-${problem.partition} is given to ${problem.members.length} members: ${problem.members.join(', ')}`;
    case 'unassigned':
      return `${problem.topic}-${problem.partition} is assigned to no member`;
  }
}
