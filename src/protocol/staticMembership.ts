import type { AssignmentRecord } from '../core/types';
import { simulateGeneration } from './simulate';
import { measure } from './metrics';
import { ownedBy, sortedRefs } from './partitions';
import type { GenerationInput, MemberEvent, Protocol, ProtocolRun, ProtocolTimings } from './types';
import { DEFAULT_TIMINGS } from './types';

/** One member restarting (a rolling-restart step). */
export interface RestartInput {
  readonly protocol: Protocol;
  /** The group's members and their stable assignment before the restart. */
  readonly members: readonly string[];
  readonly assignment: AssignmentRecord;
  readonly member: string;
  /** KIP-345: the member has a `group.instance.id`. */
  readonly isStatic: boolean;
  /** From shutdown to the restarted member's first request. */
  readonly downtimeMs: number;
  /** The assignor: a target for the given members, from the current assignment. */
  readonly assign: (members: readonly string[], current: AssignmentRecord) => AssignmentRecord;
  readonly timings?: Partial<ProtocolTimings>;
}

export interface RestartRun {
  /** The rebalances the restart caused, each with its events shifted to restart time. */
  readonly rebalances: readonly ProtocolRun[];
  /** When each rebalance was triggered, ms after the shutdown. */
  readonly rebalanceStartsMs: readonly number[];
  /** The restart's own events (shutdown, rejoin without rebalance) in restart time. */
  readonly events: readonly MemberEvent[];
  /** The assignment after everything settled. */
  readonly final: AssignmentRecord;
  /** Partition·ms nobody consumed, from the shutdown until everything settled. */
  readonly unconsumedPartitionMs: number;
}

/**
 * A member restarts. A dynamic member leaves the group on shutdown (a rebalance) and joins anew
 * on start (another). A static member (KIP-345) sends no LeaveGroup: the coordinator keeps its
 * place; back within `sessionTimeoutMs`, it gets its old assignment with no rebalance, and its
 * partitions were idle only while it was down. Past the timeout the coordinator expels it (a
 * rebalance, its partitions idle until then) and its return is a join (another).
 */
export function simulateRestart(input: RestartInput): RestartRun {
  const timings = { ...DEFAULT_TIMINGS, ...input.timings };
  if (!input.members.includes(input.member))
    throw new Error(`"${input.member}" is not in the group`);
  const own = ownedBy(input.assignment, input.member);
  // Shutting down, the member stops consuming; whether that is a leave is up to the coordinator.
  const down: MemberEvent[] =
    own.size > 0
      ? [{ type: 'revoke', at: 0, member: input.member, round: 1, partitions: sortedRefs(own) }]
      : [];

  if (input.isStatic && input.downtimeMs < timings.sessionTimeoutMs) {
    // The coordinator answers the rejoin from its cache: one round trip, nobody else involved.
    const back = input.downtimeMs + timings.rebalanceMs;
    // Its SyncGroup reply carries the cached assignment.
    const events: MemberEvent[] = [
      ...down,
      { type: 'join', at: input.downtimeMs, member: input.member, round: 1 },
      { type: 'sync', at: back, member: input.member, round: 1 },
    ];
    if (own.size > 0)
      events.push({
        type: 'assign',
        at: back,
        member: input.member,
        round: 1,
        partitions: sortedRefs(own),
      });
    return {
      rebalances: [],
      rebalanceStartsMs: [],
      events,
      final: input.assignment,
      unconsumedPartitionMs: own.size * back,
    };
  }

  // Out of the group: at once for a dynamic member (LeaveGroup), at the session timeout for a static one.
  const outAt = input.isStatic ? timings.sessionTimeoutMs : 0;
  const others = input.members.filter((m) => m !== input.member);
  const leaveTarget = input.assign(others, input.assignment);
  const leave = simulateGeneration(
    input.protocol,
    { previous: input.assignment, members: others, target: leaveTarget },
    timings,
  );
  const backAt = Math.max(input.downtimeMs, outAt + leave.metrics.durationMs);
  const joinTarget = input.assign(input.members, leaveTarget);
  const join = simulateGeneration(
    input.protocol,
    { previous: leaveTarget, members: input.members, target: joinTarget, epoch: leave.groupEpoch },
    timings,
  );
  // While the member is down and not yet expelled its partitions are idle but not counted by the
  // leave rebalance, which treats them as idle from its own start.
  const idleBeforeExpiry = own.size * outAt;
  return {
    rebalances: [shift(leave, outAt), shift(join, backAt)],
    rebalanceStartsMs: [outAt, backAt],
    events: down,
    final: joinTarget,
    unconsumedPartitionMs:
      idleBeforeExpiry + leave.metrics.unconsumedPartitionMs + join.metrics.unconsumedPartitionMs,
  };
}

function shift(run: ProtocolRun, by: number): ProtocolRun {
  return {
    ...run,
    events: run.events.map((e) => ({ ...e, at: e.at + by })),
    rounds: run.rounds.map((r) => ({ ...r, startMs: r.startMs + by, endMs: r.endMs + by })),
  };
}

/**
 * A static restart (KIP-345, the member back within its session timeout) as a protocol run:
 * no rounds, since the group does not rebalance, and the same assignment before and after.
 * Its events are the member's shutdown, its rejoin and the cached assignment it gets back, so
 * the figures show the only pause there is: its own partitions, for its downtime plus one
 * coordinator round trip.
 */
export function staticRestartRun(
  protocol: Protocol,
  assignment: AssignmentRecord,
  members: readonly string[],
  restart: { readonly member: string; readonly downtimeMs: number },
  epoch: number,
  timings: Partial<ProtocolTimings> = {},
): ProtocolRun {
  const { events } = simulateRestart({
    protocol,
    members,
    assignment,
    member: restart.member,
    isStatic: true,
    downtimeMs: restart.downtimeMs,
    assign: () => {
      throw new Error('a static member back within its session timeout needs no assignment');
    },
    timings,
  });
  return {
    protocol,
    rounds: [],
    events,
    final: assignment,
    groupEpoch: epoch,
    metrics: measure(assignment, members, assignment, events, []),
  };
}

/**
 * A static member down past its session timeout (KIP-345): the coordinator waits the timeout,
 * then expels it, a rebalance without it (`target` is that rebalance's assignment). Its own
 * partitions stop when it shuts down and wait the whole timeout before the rebalance hands
 * them on; everyone else's rounds start at the timeout.
 */
export function expulsionRun(
  protocol: Protocol,
  input: GenerationInput,
  member: string,
  sessionTimeoutMs: number,
  timings: Partial<ProtocolTimings> = {},
): ProtocolRun {
  const leave = shift(simulateGeneration(protocol, input, timings), sessionTimeoutMs);
  const own = ownedBy(input.previous, member);
  const down: MemberEvent[] =
    own.size > 0 ? [{ type: 'revoke', at: 0, member, round: 1, partitions: sortedRefs(own) }] : [];
  const events = [...down, ...leave.events];
  return {
    ...leave,
    events,
    metrics: measure(input.previous, input.members, input.target, events, leave.rounds),
  };
}
