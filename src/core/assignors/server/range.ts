import { compareCodeUnits } from '../../compare';
import { existingSubscription, indexTopics, toServerAssignment } from './groupIndex';
import type { ServerAssignment, ServerAssignor, ServerGroup, ServerMember } from './types';

/**
 * KIP-848's server-side `range` (Kafka's `org.apache.kafka.coordinator.group.assignor.RangeAssignor`):
 * for each topic, the members subscribed to it, in a fixed order, get consecutive ranges of
 * partitions, the first `partitions % subscribers` of them one more than the rest. Unlike the
 * client range assignor the member order is static members first by `group.instance.id`, then
 * the others by member id; it ignores the current assignment, so every topic's layout is a pure
 * function of who subscribes.
 */
export class ServerRangeAssignor implements ServerAssignor {
  readonly name = 'range';

  assign(group: ServerGroup): ServerAssignment {
    const topics = indexTopics(group);
    const members = sortMembers(group.members);
    const target = new Map<string, Map<string, Set<number>>>();
    // Kafka has a homogeneous and a heterogeneous path; both count a topic's subscribers (in a
    // homogeneous group that is every member), so one path gives the same ranges.
    const subscribers = new Map<string, number>();
    for (const member of members) {
      for (const topic of existingSubscription(member.subscription, topics)) {
        subscribers.set(topic, (subscribers.get(topic) ?? 0) + 1);
      }
    }
    const ranges = new Map<string, { next: number; minQuota: number; extra: number }>();
    for (const member of members) {
      const assignment = new Map<string, Set<number>>();
      for (const topic of existingSubscription(member.subscription, topics)) {
        const partitions = topics.get(topic)?.partitions ?? 0;
        let range = ranges.get(topic);
        if (range === undefined) {
          const count = subscribers.get(topic) ?? 1;
          range = { next: 0, minQuota: Math.floor(partitions / count), extra: partitions % count };
          ranges.set(topic, range);
        }
        let quota = range.minQuota;
        if (range.extra > 0) {
          quota++;
          range.extra--;
        }
        const start = range.next;
        const end = Math.min(start + quota, partitions);
        range.next = end;
        if (start < end) {
          const set = new Set<number>();
          for (let p = start; p < end; p++) set.add(p);
          assignment.set(topic, set);
        }
      }
      target.set(member.id, assignment);
    }
    return toServerAssignment(
      group.members.map((m) => m.id),
      target,
    );
  }
}

/** Static members first, by instance id; then dynamic members by member id (UTF-16 order, as Java). */
function sortMembers(members: readonly ServerMember[]): ServerMember[] {
  return [...members].sort((a, b) => {
    if (a.instanceId !== undefined && b.instanceId !== undefined)
      return compareCodeUnits(a.instanceId, b.instanceId);
    if (a.instanceId !== undefined) return -1;
    if (b.instanceId !== undefined) return 1;
    return compareCodeUnits(a.id, b.id);
  });
}
