import { ServerAssignorError, type ServerAssignment, type ServerGroup } from './types';
import {
  existingPartitions,
  existingSubscription,
  indexTopics,
  toServerAssignment,
  type IndexedTopic,
} from './groupIndex';
import { javaHashSetOrder, topicIdHashCode } from './topicId';

/**
 * Uniform for a group whose members all subscribe to the same topics (Kafka's
 * `UniformHomogeneousAssignmentBuilder`). Balance first, then stickiness:
 *
 * 1. Every member gets a quota, `total / members`, and the first `total % members` members in
 *    group order one more.
 * 2. Each member keeps its current partitions up to its quota, walking its current assignment
 *    in order; what is over quota goes back to the pool after the partitions nobody owns.
 * 3. Members still under quota, in group order, fill up from the pool in pool order.
 *
 * The pool starts with the unowned partitions topic by topic in the iteration order of Kafka's
 * `HashSet` of topic ids, which is why the ids matter here.
 */
export function assignUniformHomogeneous(group: ServerGroup): ServerAssignment {
  const topics = indexTopics(group);
  const memberIds = group.members.map((m) => m.id);
  const target = new Map<string, Map<string, Set<number>>>();
  const first = group.members[0];
  const subscribedNames =
    first === undefined ? [] : existingSubscription(first.subscription, topics);
  if (subscribedNames.length === 0) return toServerAssignment(memberIds, target);

  const subscribed = javaHashSetOrder(
    subscribedNames.map((name) => topics.get(name) as IndexedTopic),
    (topic) => topicIdHashCode(topic.id),
  );
  const subscribedSet = new Set(subscribedNames);

  const owned = new Set<string>();
  for (const member of group.members) {
    for (const [topic, partitions] of member.current) {
      for (const p of existingPartitions(partitions, topics.get(topic)?.partitions ?? 0)) {
        owned.add(`${topic}\u0000${p}`);
      }
    }
  }

  const pool: [topic: string, partition: number][] = [];
  let total = 0;
  for (const topic of subscribed) {
    for (let p = 0; p < topic.partitions; p++) {
      if (!owned.has(`${topic.name}\u0000${p}`)) pool.push([topic.name, p]);
    }
    total += topic.partitions;
  }

  const minQuota = Math.floor(total / group.members.length);
  let withExtra = total % group.members.length;
  const unfilled: { memberId: string; quota: number }[] = [];

  for (const member of group.members) {
    let quota = minQuota;
    if (withExtra > 0) {
      quota++;
      withExtra--;
    }
    const assignment = new Map<string, Set<number>>();
    for (const [topic, all] of member.current) {
      if (!subscribedSet.has(topic)) continue; // the member dropped the topic: all of it goes
      const partitions = existingPartitions(all, topics.get(topic)?.partitions ?? 0);
      const kept = new Set<number>();
      if (partitions.length <= quota) {
        quota -= partitions.length;
        for (const p of partitions) kept.add(p);
      } else {
        for (const p of partitions) {
          if (quota > 0) {
            quota--;
            kept.add(p);
          } else {
            pool.push([topic, p]);
          }
        }
      }
      if (kept.size > 0) assignment.set(topic, kept);
    }
    if (quota > 0) unfilled.push({ memberId: member.id, quota });
    target.set(member.id, assignment);
  }

  let next = 0;
  for (const { memberId, quota } of unfilled) {
    const assignment = target.get(memberId) as Map<string, Set<number>>;
    for (let i = 0; i < quota && next < pool.length; i++) {
      const [topic, partition] = pool[next++] as [string, number];
      let set = assignment.get(topic);
      if (set === undefined) {
        set = new Set();
        assignment.set(topic, set);
      }
      set.add(partition);
    }
  }
  if (next < pool.length) {
    throw new ServerAssignorError('Partitions were left unassigned');
  }
  return toServerAssignment(memberIds, target);
}
