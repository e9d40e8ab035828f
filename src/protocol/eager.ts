import { groupDelta } from './groupDelta';
import { completeRun } from './run';
import { sortedRefs } from './partitions';
import { heartbeatPhase } from './schedule';
import type {
  GenerationInput,
  MemberEvent,
  ProtocolRound,
  ProtocolRun,
  ProtocolTimings,
} from './types';
import { byTime } from './events';

/**
 * Eager (the only protocol aiokafka speaks): each member learns of the rebalance at its next
 * heartbeat, acts at its next poll, revokes everything it owns and sends JoinGroup; when the last
 * member has joined the leader's assignment goes out in SyncGroup and everyone resumes at once.
 * Every partition is unconsumed from its owner's revoke until the sync.
 */
export function simulateEager(input: GenerationInput, timings: ProtocolTimings): ProtocolRun {
  const delta = groupDelta(input);
  const events: MemberEvent[] = [];
  for (const member of delta.leaving) events.push({ type: 'leave', at: 0, member, round: 1 });
  let lastJoin = 0;
  for (const m of delta.members) {
    // A joining member is the trigger: it sends JoinGroup straight away.
    const act = m.joining
      ? 0
      : heartbeatPhase(m.index, delta.members.length, timings.heartbeatIntervalMs) +
        timings.pollIntervalMs;
    if (m.owned.size > 0)
      events.push({
        type: 'revoke',
        at: act,
        member: m.member,
        round: 1,
        partitions: sortedRefs(m.owned),
      });
    const join = act + (m.owned.size > 0 ? timings.revokeMs : 0);
    events.push({ type: 'join', at: join, member: m.member, round: 1 });
    lastJoin = Math.max(lastJoin, join);
  }
  const sync = lastJoin + timings.rebalanceMs;
  for (const m of delta.members) {
    events.push({ type: 'sync', at: sync, member: m.member, round: 1 });
    if (m.target.size > 0)
      events.push({
        type: 'assign',
        at: sync,
        member: m.member,
        round: 1,
        partitions: sortedRefs(m.target),
      });
  }
  const rounds: ProtocolRound[] = [{ index: 1, kind: 'join-sync', startMs: 0, endMs: sync }];
  return completeRun('eager', input, byTime(events), rounds, (input.epoch ?? 0) + 1);
}
