import type { AssignmentRecord } from '../core/types';
import { keyOf, ownedBy, refOf, type PartitionKey } from './partitions';
import type {
  GenerationMetrics,
  MemberEvent,
  MemberMetrics,
  PartitionDowntime,
  ProtocolRound,
} from './types';

/**
 * Metrics read off the events alone: who consumed which partition when. A partition is consumed
 * from an `assign` until a `revoke` of it (or a `leave`); before its first event it is consumed
 * by its previous owner. Every partition of the previous or the target assignment counts.
 */
export function measure(
  previous: AssignmentRecord,
  members: readonly string[],
  target: AssignmentRecord,
  events: readonly MemberEvent[],
  rounds: readonly ProtocolRound[],
): GenerationMetrics {
  const consumer = new Map<PartitionKey, string | null>();
  const since = new Map<PartitionKey, number>();
  const downtime = new Map<PartitionKey, number>();
  for (const member of Object.keys(previous)) {
    for (const key of ownedBy(previous, member)) consumer.set(key, member);
  }
  for (const member of members) {
    for (const key of ownedBy(target, member)) {
      if (!consumer.has(key)) {
        consumer.set(key, null); // a new partition, or one whose owner is gone: idle from the start
        since.set(key, 0);
      }
    }
  }
  const consuming = new Map<string, Set<PartitionKey>>();
  const allMembers = new Set([...Object.keys(previous), ...members]);
  for (const member of allMembers) consuming.set(member, ownedBy(previous, member));
  // Only members due partitions can be paused; one left with nothing to do is just idle.
  const due = new Set(members.filter((m) => ownedBy(target, m).size > 0));
  const pauseStart = new Map<string, number>();
  const pause = new Map<string, number>();
  const counts = new Map<string, { revoked: number; assigned: number }>();
  for (const member of allMembers) {
    counts.set(member, { revoked: 0, assigned: 0 });
    if ((consuming.get(member)?.size ?? 0) === 0 && due.has(member)) pauseStart.set(member, 0);
  }

  const stop = (key: PartitionKey, at: number): void => {
    consumer.set(key, null);
    since.set(key, at);
  };
  const start = (key: PartitionKey, member: string, at: number): void => {
    const idleSince = since.get(key);
    if (idleSince !== undefined) {
      downtime.set(key, (downtime.get(key) ?? 0) + at - idleSince);
      since.delete(key);
    }
    consumer.set(key, member);
  };
  const updatePause = (member: string, at: number): void => {
    const size = consuming.get(member)?.size ?? 0;
    const started = pauseStart.get(member);
    if (size === 0 && started === undefined && due.has(member)) pauseStart.set(member, at);
    if (size > 0 && started !== undefined) {
      pause.set(member, (pause.get(member) ?? 0) + at - started);
      pauseStart.delete(member);
    }
  };

  let end = 0;
  for (const event of events) {
    end = Math.max(end, event.at);
    const mine = consuming.get(event.member) ?? new Set<PartitionKey>();
    consuming.set(event.member, mine);
    const tally = counts.get(event.member);
    switch (event.type) {
      case 'revoke':
        for (const { topic, partition } of event.partitions) {
          const key = keyOf(topic, partition);
          mine.delete(key);
          if (consumer.get(key) === event.member) stop(key, event.at);
        }
        if (tally !== undefined) tally.revoked += event.partitions.length;
        updatePause(event.member, event.at);
        break;
      case 'assign':
        for (const { topic, partition } of event.partitions) {
          const key = keyOf(topic, partition);
          mine.add(key);
          start(key, event.member, event.at);
        }
        if (tally !== undefined) tally.assigned += event.partitions.length;
        updatePause(event.member, event.at);
        break;
      case 'leave':
        for (const key of mine) if (consumer.get(key) === event.member) stop(key, event.at);
        mine.clear();
        pauseStart.delete(event.member);
        break;
      case 'join':
      case 'sync':
      case 'heartbeat':
      case 'state':
        break;
    }
  }
  for (const round of rounds) end = Math.max(end, round.endMs);
  // Anything still idle at the end (nobody is due it) counts until the end.
  for (const [key, idleSince] of since)
    downtime.set(key, (downtime.get(key) ?? 0) + end - idleSince);
  for (const [member, started] of pauseStart)
    pause.set(member, (pause.get(member) ?? 0) + end - started);

  const partitions: PartitionDowntime[] = [...downtime]
    .filter(([, ms]) => ms > 0)
    .map(([key, ms]) => ({ ...refOf(key), unconsumedMs: ms }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  const memberMetrics: Record<string, MemberMetrics> = {};
  for (const member of members) {
    const tally = counts.get(member) ?? { revoked: 0, assigned: 0 };
    memberMetrics[member] = { pauseMs: pause.get(member) ?? 0, ...tally };
  }
  return {
    rounds: rounds.length,
    durationMs: end,
    unconsumedPartitions: partitions.length,
    unconsumedPartitionMs: partitions.reduce((sum, p) => sum + p.unconsumedMs, 0),
    maxUnconsumedMs: partitions.reduce((max, p) => Math.max(max, p.unconsumedMs), 0),
    partitions,
    members: memberMetrics,
  };
}
