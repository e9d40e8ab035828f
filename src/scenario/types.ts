/**
 * The scenario model: a cluster plus an ordered list of steps, each step one rebalance.
 * Plain data throughout, so scenarios travel to the worker, into files and into links.
 */
import type { AssignorMode } from '../core/assignors/mode';
import type { MemberId, Topic } from '../core/types';
import type { Protocol, ProtocolTimings } from '../protocol/types';
import type { AuthoredLesson } from './authoredLesson';

/**
 * Which generation members report in their sticky user data: `-1` always, as aiokafka 0.14
 * actually sends (`aiokafka`), or the generation in which they got the assignment, as a
 * client that records generations would (`counter`). Same modes as the conformance data.
 */
export type UserDataMode = 'aiokafka' | 'counter';

export type Change =
  /** A new member joins with a fresh process: no user data. */
  | { type: 'join'; member: MemberId; subscription: Topic[] }
  /** A member leaves the group cleanly. Its process keeps its state, for a stale rejoin. */
  | { type: 'leave'; member: MemberId }
  /** A member's process crashes and restarts: it stays in the group but sends no user data. */
  | { type: 'restart'; member: MemberId }
  /** A member that left comes back with its process still running: it sends its old assignment. */
  | { type: 'rejoin-stale'; member: MemberId; subscription?: Topic[] }
  /**
   * A static member (KIP-345, `group.instance.id`) restarts, as in a rolling deploy, and is back
   * after `downtimeMs`, within its session timeout: the coordinator keeps its place and gives
   * it its assignment back, with no rebalance. A step of its own.
   */
  | { type: 'static-restart'; member: MemberId; downtimeMs: number }
  /** A member changes what it subscribes to. */
  | { type: 'subscribe'; member: MemberId; subscription: Topic[] }
  | { type: 'create-topic'; topic: Topic; partitions: number }
  /** A topic grows to `partitions` partitions (Kafka never shrinks one). */
  | { type: 'add-partitions'; topic: Topic; partitions: number }
  /** A topic is deleted; subscriptions to it are kept, as a real consumer keeps them. */
  | { type: 'delete-topic'; topic: Topic }
  /** The coordinator lists members in another order in its JoinGroup response. */
  | { type: 'reorder'; order: MemberId[] };

export type ChangeType = Change['type'];

export interface Step {
  changes: Change[];
  /** Optional words shown on the timeline instead of the generated summary. */
  note?: string;
}

export interface Scenario {
  name: string;
  description?: string;
  userDataMode: UserDataMode;
  /**
   * Whether the built-in sticky assignor reproduces aiokafka 0.14's defects (`faithful`, the
   * default, also when absent) or corrects them (`fixed`). See docs/assignors.md.
   */
  assignorMode?: AssignorMode;
  /** The cluster before the first step: topic → partition count. */
  cluster: Record<Topic, number>;
  steps: Step[];
  /** The rebalance protocol its generations are played under; absent means none chosen (eager). */
  protocol?: ScenarioProtocol;
  /** A lesson its author wrote about it (scenario file version 5). */
  lesson?: AuthoredLesson;
}

/** A scenario's rebalance protocol (scenario file version 3). */
export interface ScenarioProtocol {
  name: Protocol;
  /** KIP-848's server-side assignor the coordinator runs; only with the consumer protocol. */
  serverAssignor?: 'server-uniform' | 'server-range';
  /** Timings that differ from the model's defaults (simulated ms). */
  timings?: Partial<ProtocolTimings>;
}
