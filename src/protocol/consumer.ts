import { byTime } from './events';
import { groupDelta, type MemberDelta } from './groupDelta';
import { completeRun } from './run';
import { difference, sortedRefs, type PartitionKey } from './partitions';
import { heartbeatPhase, nextHeartbeat, nextHeartbeatAfter } from './schedule';
import type {
  ConsumerMemberState,
  GenerationInput,
  MemberEvent,
  ProtocolRound,
  ProtocolRun,
  ProtocolTimings,
} from './types';

/**
 * The consumer protocol (KIP-848). The coordinator bumps the group epoch at the trigger and
 * computes the target (taking `rebalanceMs`); there is no group-wide barrier. Each member, at
 * its own heartbeats:
 *
 * - with partitions to give up, is told to revoke them (state `unrevoked-partitions`, old
 *   epoch), revokes at its next poll and acks with an immediate heartbeat, which moves it to the
 *   new epoch and releases those partitions;
 * - gets every target partition nobody else holds any more; while some are still held by their
 *   old owner it is `unreleased-partitions` and asks again at each heartbeat;
 * - is `stable` once it consumes exactly its target.
 *
 * A partition is therefore never held by two members: its new owner is given it only after the
 * coordinator saw the old owner's ack. Assigned partitions are consumed from the next poll.
 */
export function simulateConsumer(input: GenerationInput, timings: ProtocolTimings): ProtocolRun {
  const delta = groupDelta(input);
  const oldEpoch = input.epoch ?? 0;
  const groupEpoch = oldEpoch + 1;
  const n = delta.members.length;
  const events: MemberEvent[] = [];
  for (const member of delta.leaving) events.push({ type: 'leave', at: 0, member, round: 1 });

  // The coordinator's view: who holds each partition (held until the revocation is acked).
  const holder = new Map<PartitionKey, string>();
  for (const m of delta.members) for (const key of m.owned) holder.set(key, m.member);
  /** Partitions whose old owner is a member of the group: their hand-over is round 2. */
  const handedOver = new Set<PartitionKey>();
  for (const m of delta.members) for (const key of m.getOwned) handedOver.add(key);

  interface Reconciling {
    readonly delta: MemberDelta;
    readonly phase: number;
    epoch: number;
    state: ConsumerMemberState | undefined;
    /** Given by the coordinator (consumed from the next poll). */
    readonly given: Set<PartitionKey>;
    revokeAckAt: number | undefined;
    nextHeartbeatAt: number;
  }
  const targetReady = timings.rebalanceMs;
  const byMember = new Map<string, Reconciling>();
  const members: Reconciling[] = delta.members.map((m) => {
    const phase = heartbeatPhase(m.index, n, timings.heartbeatIntervalMs);
    return {
      delta: m,
      phase,
      epoch: oldEpoch,
      state: undefined,
      given: new Set(difference(m.owned, m.give)),
      revokeAckAt: undefined,
      nextHeartbeatAt: nextHeartbeat(targetReady, phase, timings.heartbeatIntervalMs),
    };
  });
  for (const r of members) byMember.set(r.delta.member, r);

  const setState = (
    r: Reconciling,
    at: number,
    state: ConsumerMemberState,
    round: number,
  ): void => {
    if (r.state === state) return;
    r.state = state;
    events.push({ type: 'state', at, member: r.delta.member, round, state, memberEpoch: r.epoch });
  };

  /** The coordinator hands out whatever of the target is no longer held by someone else. */
  const handOut = (r: Reconciling, at: number): void => {
    const fresh: PartitionKey[] = [];
    for (const key of r.delta.target) {
      if (r.given.has(key)) continue;
      const h = holder.get(key);
      if (h === undefined || h === r.delta.member) {
        fresh.push(key);
        r.given.add(key);
        holder.set(key, r.delta.member);
      }
    }
    if (fresh.length > 0) {
      const round = fresh.some((k) => handedOver.has(k)) ? 2 : 1;
      events.push({ type: 'heartbeat', at, member: r.delta.member, round, memberEpoch: r.epoch });
      events.push({
        type: 'assign',
        at: at + timings.pollIntervalMs,
        member: r.delta.member,
        round,
        partitions: sortedRefs(fresh),
      });
    }
    const waiting = r.given.size < r.delta.target.size;
    const round = fresh.some((k) => handedOver.has(k)) ? 2 : 1;
    setState(r, at, waiting ? 'unreleased-partitions' : 'stable', round);
    // Nothing new can come before the earliest release of what it still waits for.
    r.nextHeartbeatAt = waiting
      ? nextHeartbeatAfter(Math.max(at, earliestRelease(r)), r.phase, timings.heartbeatIntervalMs)
      : Number.POSITIVE_INFINITY;
  };

  /** The earliest time a partition `r` waits for can be released by its holder. */
  const earliestRelease = (r: Reconciling): number => {
    let earliest = Number.POSITIVE_INFINITY;
    for (const key of r.delta.target) {
      if (r.given.has(key)) continue;
      const h = byMember.get(holder.get(key) ?? '');
      if (h === undefined) return 0;
      const release =
        h.revokeAckAt ?? h.nextHeartbeatAt + timings.pollIntervalMs + timings.revokeMs;
      earliest = Math.min(earliest, release);
    }
    return earliest;
  };

  const settled = (r: Reconciling): boolean => r.state === 'stable';
  // Each step takes the member with the earliest thing to do. Every member acts at most: once
  // to be told to revoke, once to ack, and once per hand-over it waits for (heartbeats with
  // nothing new are skipped), so this bound is never reached by a correct model.
  const limit = 3 * n + 2 * holder.size + 8;
  for (let step = 0; step < limit && !members.every(settled); step++) {
    const r = members
      .filter((m) => !settled(m))
      .reduce((a, b) => (nextAction(b) < nextAction(a) ? b : a));
    const at = nextAction(r);
    if (r.revokeAckAt !== undefined && at === r.revokeAckAt) {
      // The ack: the coordinator releases the partitions and moves the member to the new epoch.
      for (const key of r.delta.give) holder.delete(key);
      r.revokeAckAt = Number.POSITIVE_INFINITY;
      r.epoch = groupEpoch;
      handOut(r, at);
      continue;
    }
    if (r.delta.give.size > 0 && r.revokeAckAt === undefined) {
      events.push({
        type: 'heartbeat',
        at,
        member: r.delta.member,
        round: 1,
        memberEpoch: r.epoch,
      });
      setState(r, at, 'unrevoked-partitions', 1);
      const revokeAt = at + timings.pollIntervalMs;
      events.push({
        type: 'revoke',
        at: revokeAt,
        member: r.delta.member,
        round: 1,
        partitions: sortedRefs(r.delta.give),
      });
      r.revokeAckAt = revokeAt + timings.revokeMs;
      r.nextHeartbeatAt = Number.POSITIVE_INFINITY;
      continue;
    }
    r.epoch = groupEpoch;
    handOut(r, at);
  }
  if (!members.every(settled)) throw new Error('the consumer protocol model did not converge');

  function nextAction(r: Reconciling): number {
    const ack =
      r.revokeAckAt !== undefined && Number.isFinite(r.revokeAckAt)
        ? r.revokeAckAt
        : Number.POSITIVE_INFINITY;
    return Math.min(ack, r.nextHeartbeatAt);
  }

  const sorted = byTime(events);
  return completeRun('consumer', input, sorted, reconcileRounds(sorted), groupEpoch);
}

/** Round 1: the epoch bump and everything not waiting on a release; round 2: the hand-overs. */
function reconcileRounds(events: readonly MemberEvent[]): ProtocolRound[] {
  const rounds: ProtocolRound[] = [];
  for (const index of [1, 2]) {
    const mine = events.filter((e) => e.round === index);
    if (mine.length === 0) continue;
    const startMs = index === 1 ? 0 : Math.min(...mine.map((e) => e.at));
    rounds.push({ index, kind: 'reconcile', startMs, endMs: Math.max(...mine.map((e) => e.at)) });
  }
  if (rounds.length === 0) rounds.push({ index: 1, kind: 'reconcile', startMs: 0, endMs: 0 });
  return rounds;
}
