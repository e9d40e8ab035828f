/**
 * A replayed generation under a rebalance protocol: the protocol model (`src/protocol`) given
 * the assignment before and the one the assignor computed. Shared by the worker, the lessons
 * and their tests, so the page and the lessons' claims read the same runs.
 */
import type { AssignmentRecord } from '../core/types';
import {
  simulateGeneration,
  staticRestartRun,
  expulsionRun,
  resolveTimings,
  type ConsumerMemberState,
  type PartitionRef,
  type Protocol,
  type ProtocolRun,
  type ProtocolTimings,
} from '../protocol';
import type { GenerationResult } from './replay';

function recordOf(result: GenerationResult | undefined): AssignmentRecord {
  const record = Object.create(null) as AssignmentRecord;
  for (const member of result?.members ?? []) {
    const byTopic = Object.create(null) as Record<string, number[]>;
    for (const [topic, partitions] of member.assignment) byTopic[topic] = [...partitions];
    record[member.id] = byTopic;
  }
  return record;
}

/**
 * Generation `current` as `protocol` plays it, from the owners of `previous` (the last valid
 * generation before it; none for the first). A failed or invalid generation has no run.
 */
export function protocolRunOf(
  protocol: Protocol,
  previous: GenerationResult | undefined,
  current: GenerationResult,
  timings: Partial<ProtocolTimings> = {},
): ProtocolRun | undefined {
  if (current.error !== undefined || current.problems.length > 0) return undefined;
  // A static restart is a step of its own (groupState.ts): back in time it did not rebalance,
  // past its session timeout it expelled the member.
  const restart = current.changes.find((c) => c.type === 'static-restart');
  if (!current.rebalanced && restart !== undefined)
    return staticRestartRun(
      protocol,
      recordOf(current),
      current.members.map((m) => m.id),
      restart,
      current.generation - 1,
      timings,
    );
  const input = {
    previous: recordOf(previous),
    members: current.members.map((m) => m.id),
    target: recordOf(current),
    epoch: current.generation - 1,
  };
  if (restart !== undefined)
    return expulsionRun(
      protocol,
      input,
      restart.member,
      resolveTimings(timings).sessionTimeoutMs,
      timings,
    );
  return simulateGeneration(protocol, input, timings);
}

/** Every generation of one replay under `protocol`, index for index. */
export function protocolRunsOf(
  protocol: Protocol,
  generations: readonly GenerationResult[],
  timings: Partial<ProtocolTimings> = {},
): (ProtocolRun | undefined)[] {
  let previous: GenerationResult | undefined;
  return generations.map((generation) => {
    const run = protocolRunOf(protocol, previous, generation, timings);
    if (run !== undefined) previous = generation;
    return run;
  });
}

/** What a member does at one moment of a protocol run. */
export type MemberActivity =
  /** Consuming everything it owns, no rebalance business pending. */
  | 'consuming'
  /** Owns nothing and is due nothing. */
  | 'idle'
  /** Rejoined and waits for the assignment, still consuming what it kept (cooperative). */
  | 'waiting'
  /** Consumes nothing although it is due partitions: revoked everything, waits for the group. */
  | 'paused'
  /** Gave up partitions in this round (its revoke callback ran). */
  | 'revoking'
  | 'left';

export interface MemberSnapshot {
  readonly member: string;
  readonly activity: MemberActivity;
  /** KIP-848: the member's reconciliation state and epoch, once the coordinator told it. */
  readonly consumerState: ConsumerMemberState | undefined;
  readonly memberEpoch: number | undefined;
  /** Partitions it consumes at that moment. */
  readonly consuming: readonly PartitionRef[];
  /** Partitions of its target it does not consume yet: in flight, nobody consumes them. */
  readonly waiting: readonly PartitionRef[];
  /** Its pause over the whole generation (ms). */
  readonly pauseMs: number;
}

export interface RunSnapshot {
  /** 1-based round, or `undefined` once the generation settled. */
  readonly round: number | undefined;
  readonly atMs: number;
  readonly members: readonly MemberSnapshot[];
  /** `topic\0partition` → ms nobody consumed it over the generation (only those above 0). */
  readonly unconsumedMs: ReadonlyMap<string, number>;
}

const refKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * The group at the end of `round` of `run` (just before the round's last event, where its
 * members wait for it), or once everything settled (`round` undefined). Members are the new
 * group's, in group order, then those that left.
 */
export function snapshotOf(
  run: ProtocolRun,
  previous: GenerationResult | undefined,
  current: GenerationResult,
  round: number | undefined,
): RunSnapshot {
  const atMs =
    round === undefined
      ? Number.POSITIVE_INFINITY
      : (run.rounds[round - 1]?.endMs ?? Number.POSITIVE_INFINITY);
  const roundStart = round === undefined ? 0 : (run.rounds[round - 1]?.startMs ?? 0);
  const consuming = new Map<string, Map<string, PartitionRef>>();
  const own = (member: string) => {
    let set = consuming.get(member);
    if (set === undefined) consuming.set(member, (set = new Map()));
    return set;
  };
  for (const member of previous?.members ?? [])
    for (const [topic, partitions] of member.assignment)
      for (const partition of partitions)
        own(member.id).set(refKey(topic, partition), { topic, partition });
  const joined = new Set<string>();
  const synced = new Set<string>();
  const revokedThisRound = new Set<string>();
  const left = new Set<string>();
  const state = new Map<string, { state: ConsumerMemberState; epoch: number }>();
  for (const event of run.events) {
    if (event.at >= atMs) break;
    const mine = own(event.member);
    switch (event.type) {
      case 'revoke':
        for (const p of event.partitions) mine.delete(refKey(p.topic, p.partition));
        if (event.at >= roundStart) revokedThisRound.add(event.member);
        break;
      case 'assign':
        for (const p of event.partitions) mine.set(refKey(p.topic, p.partition), p);
        break;
      case 'join':
        joined.add(event.member);
        synced.delete(event.member);
        break;
      case 'sync':
        synced.add(event.member);
        break;
      case 'leave':
        mine.clear();
        left.add(event.member);
        break;
      case 'state':
        state.set(event.member, { state: event.state, epoch: event.memberEpoch });
        break;
      case 'heartbeat':
        break;
    }
  }
  const unconsumedMs = new Map<string, number>();
  for (const p of run.metrics.partitions)
    unconsumedMs.set(refKey(p.topic, p.partition), p.unconsumedMs);

  const snapshot = (
    member: string,
    target: readonly (readonly [string, readonly number[]])[],
  ): MemberSnapshot => {
    const mine = consuming.get(member) ?? new Map<string, PartitionRef>();
    const waiting: PartitionRef[] = [];
    for (const [topic, partitions] of target)
      for (const partition of partitions)
        if (!mine.has(refKey(topic, partition))) waiting.push({ topic, partition });
    const due = target.some(([, partitions]) => partitions.length > 0);
    const inJoin = joined.has(member) && !synced.has(member);
    const activity: MemberActivity = left.has(member)
      ? 'left'
      : mine.size === 0 && due && (inJoin || waiting.length > 0)
        ? 'paused'
        : inJoin
          ? 'waiting'
          : revokedThisRound.has(member) && round !== undefined
            ? 'revoking'
            : mine.size === 0 && !due
              ? 'idle'
              : 'consuming';
    const s = state.get(member);
    return {
      member,
      activity,
      consumerState: s?.state,
      memberEpoch: s?.epoch,
      consuming: [...mine.values()].sort(byRef),
      waiting,
      pauseMs: run.metrics.members[member]?.pauseMs ?? 0,
    };
  };
  const members = current.members.map((m) => snapshot(m.id, m.assignment));
  const here = new Set(current.members.map((m) => m.id));
  for (const m of previous?.members ?? []) if (!here.has(m.id)) members.push(snapshot(m.id, []));
  return { round, atMs, members, unconsumedMs };
}

function byRef(a: PartitionRef, b: PartitionRef): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}
