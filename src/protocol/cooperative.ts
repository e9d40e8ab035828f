import { byTime } from './events';
import { groupDelta } from './groupDelta';
import { completeRun } from './run';
import { sortedRefs } from './partitions';
import { heartbeatPhase, nextHeartbeat } from './schedule';
import type {
  GenerationInput,
  MemberEvent,
  ProtocolRound,
  ProtocolRun,
  ProtocolTimings,
} from './types';

/**
 * Cooperative (KIP-429). Round 1 is a join/sync like eager's, but members keep consuming while
 * they rejoin; the SyncGroup reply withholds every partition that changes owner between two
 * members of the group, and each member revokes only what it must give up. A member that revoked
 * something rejoins at once, which starts round 2; the others hear of it at their next heartbeat.
 * Round 2 hands out the withheld partitions. No partition moves between members within a round.
 *
 * Simplification: the target is computed once and round 2 hands out what round 1 withheld —
 * what Kafka's cooperative-sticky produces; an assignor that is not sticky would compute round 2
 * afresh in Kafka.
 */
export function simulateCooperative(input: GenerationInput, timings: ProtocolTimings): ProtocolRun {
  const delta = groupDelta(input);
  const n = delta.members.length;
  const phase = (index: number): number => heartbeatPhase(index, n, timings.heartbeatIntervalMs);
  const events: MemberEvent[] = [];
  for (const member of delta.leaving) events.push({ type: 'leave', at: 0, member, round: 1 });

  let lastJoin = 0;
  for (const m of delta.members) {
    const join = m.joining ? 0 : phase(m.index) + timings.pollIntervalMs;
    events.push({ type: 'join', at: join, member: m.member, round: 1 });
    lastJoin = Math.max(lastJoin, join);
  }
  const sync1 = lastJoin + timings.rebalanceMs;
  const rounds: ProtocolRound[] = [{ index: 1, kind: 'join-sync', startMs: 0, endMs: sync1 }];
  let revokers = 0;
  for (const m of delta.members) {
    events.push({ type: 'sync', at: sync1, member: m.member, round: 1 });
    if (m.getFree.size > 0) {
      events.push({
        type: 'assign',
        at: sync1,
        member: m.member,
        round: 1,
        partitions: sortedRefs(m.getFree),
      });
    }
    if (m.give.size > 0) {
      events.push({
        type: 'revoke',
        at: sync1,
        member: m.member,
        round: 1,
        partitions: sortedRefs(m.give),
      });
      revokers++;
    }
  }

  // A member that revoked anything rejoins (as Kafka's ConsumerCoordinator does), and the
  // partitions it let go reach their new owners in that second round.
  if (revokers > 0) {
    const start2 = sync1 + timings.revokeMs;
    let lastJoin2 = start2;
    for (const m of delta.members) {
      const join =
        m.give.size > 0
          ? start2
          : nextHeartbeat(start2, phase(m.index), timings.heartbeatIntervalMs) +
            timings.pollIntervalMs;
      events.push({ type: 'join', at: join, member: m.member, round: 2 });
      lastJoin2 = Math.max(lastJoin2, join);
    }
    const sync2 = lastJoin2 + timings.rebalanceMs;
    for (const m of delta.members) {
      events.push({ type: 'sync', at: sync2, member: m.member, round: 2 });
      if (m.getOwned.size > 0) {
        events.push({
          type: 'assign',
          at: sync2,
          member: m.member,
          round: 2,
          partitions: sortedRefs(m.getOwned),
        });
      }
    }
    rounds.push({ index: 2, kind: 'join-sync', startMs: start2, endMs: sync2 });
  }
  return completeRun(
    'cooperative',
    input,
    byTime(events),
    rounds,
    (input.epoch ?? 0) + rounds.length,
  );
}
