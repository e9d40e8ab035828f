/**
 * The rebalance-protocol model: what happens over simulated time when a group moves from its
 * previous owners to a new target assignment. Plain data only, no DOM: the worker, the CLI and
 * tests all use it.
 */
import type { AssignmentRecord } from '../core/types';

export const PROTOCOLS = ['eager', 'cooperative', 'consumer'] as const;
/**
 * `eager`: the classic protocol aiokafka speaks; `cooperative`: KIP-429 incremental
 * rebalancing; `consumer`: KIP-848's protocol, where the coordinator computes the assignment and
 * members reconcile one by one.
 */
export type Protocol = (typeof PROTOCOLS)[number];

/** Settable timings, in simulated milliseconds. */
export interface ProtocolTimings {
  /** `heartbeat.interval.ms`: how often a member hears from the coordinator. */
  readonly heartbeatIntervalMs: number;
  /**
   * Time from a member learning something (a rebalance, a new assignment) to acting on it: the
   * application thread only runs rebalance callbacks in `poll()`, after its current batch.
   */
  readonly pollIntervalMs: number;
  /** The coordinator's work for one round: JoinGroup complete to SyncGroup reply, or computing a KIP-848 target. */
  readonly rebalanceMs: number;
  /** How long `onPartitionsRevoked` takes (committing offsets) before a member may go on. */
  readonly revokeMs: number;
  /** `session.timeout.ms`: how long the coordinator waits for a silent member (static membership). */
  readonly sessionTimeoutMs: number;
}

export const DEFAULT_TIMINGS: ProtocolTimings = {
  heartbeatIntervalMs: 3000,
  pollIntervalMs: 500,
  rebalanceMs: 200,
  revokeMs: 100,
  sessionTimeoutMs: 45000,
};

/** One rebalance: the group before, and the assignment an assignor computed for it. */
export interface GenerationInput {
  /** Who owned what before the rebalance, including members that are leaving now. */
  readonly previous: AssignmentRecord;
  /** The new members, in group order; members in `previous` but not here are leaving. */
  readonly members: readonly string[];
  /** The assignor's result for `members`. */
  readonly target: AssignmentRecord;
  /** The group (KIP-848: group and member) epoch before the rebalance; 0 when omitted. */
  readonly epoch?: number;
}

export interface PartitionRef {
  readonly topic: string;
  readonly partition: number;
}

/** KIP-848's member states while reconciling toward the target (simplified). */
export type ConsumerMemberState = 'stable' | 'unrevoked-partitions' | 'unreleased-partitions';

interface EventBase {
  /** Simulated ms since the rebalance was triggered. */
  readonly at: number;
  readonly member: string;
  /** 1 or 2: the round this event belongs to. */
  readonly round: number;
}

/** One member-level thing that happens; a discriminated union on `type`. */
export type MemberEvent =
  /** The member sends JoinGroup (eager, cooperative). */
  | (EventBase & { readonly type: 'join' })
  /** The member's SyncGroup reply arrives (eager, cooperative). */
  | (EventBase & { readonly type: 'sync' })
  /** The member stops consuming these partitions (its revoke callback starts). */
  | (EventBase & { readonly type: 'revoke'; readonly partitions: readonly PartitionRef[] })
  /** The member starts consuming these partitions. */
  | (EventBase & { readonly type: 'assign'; readonly partitions: readonly PartitionRef[] })
  /** A heartbeat that carried news (KIP-848): an ack of revocations or a new assignment. */
  | (EventBase & { readonly type: 'heartbeat'; readonly memberEpoch: number })
  /** The member's KIP-848 state changed. */
  | (EventBase & {
      readonly type: 'state';
      readonly state: ConsumerMemberState;
      readonly memberEpoch: number;
    })
  /** The member leaves the group (LeaveGroup, or expelled after its session timeout). */
  | (EventBase & { readonly type: 'leave' });

export type MemberEventType = MemberEvent['type'];

export interface ProtocolRound {
  readonly index: number;
  /** `join-sync`: a group-wide barrier (eager, cooperative); `reconcile`: KIP-848's per-member waves. */
  readonly kind: 'join-sync' | 'reconcile';
  readonly startMs: number;
  readonly endMs: number;
}

export interface MemberMetrics {
  /** Time the member consumed nothing although it owned, or was due, partitions. */
  readonly pauseMs: number;
  readonly revoked: number;
  readonly assigned: number;
}

export interface PartitionDowntime extends PartitionRef {
  /** How long nobody consumed it during the rebalance. */
  readonly unconsumedMs: number;
}

export interface GenerationMetrics {
  readonly rounds: number;
  /** From the trigger to the last member consuming its full target. */
  readonly durationMs: number;
  /** Partitions nobody consumed for some time. */
  readonly unconsumedPartitions: number;
  /** Sum over partitions of the time nobody consumed them (partition·ms). */
  readonly unconsumedPartitionMs: number;
  readonly maxUnconsumedMs: number;
  /** Only partitions with `unconsumedMs > 0`, by topic then partition. */
  readonly partitions: readonly PartitionDowntime[];
  readonly members: Readonly<Record<string, MemberMetrics>>;
}

export interface ProtocolRun {
  readonly protocol: Protocol;
  readonly rounds: readonly ProtocolRound[];
  /** Sorted by time; ties keep the order they happened in. */
  readonly events: readonly MemberEvent[];
  /** What each member consumes at the end: the target. */
  readonly final: AssignmentRecord;
  readonly groupEpoch: number;
  readonly metrics: GenerationMetrics;
}
