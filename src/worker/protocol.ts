/**
 * The typed message protocol between the main thread and the replay worker. Types only.
 *
 * Every request carries an `id` chosen by the main thread; every response names the `id` of
 * the request it answers, so late replies to an older request can be told apart and dropped.
 * Both directions are discriminated unions on `type`: switch over them exhaustively.
 */
import type { JavaRunName } from '../scenario/javaRuns';
import type { Protocol, ProtocolRun, ProtocolTimings } from '../protocol';
import type { BuiltinRunName } from '../scenario/builtinRuns';
import type { GenerationResult } from '../scenario/replay';
import type { ServerRunName } from '../scenario/serverRuns';
import type { Scenario } from '../scenario/types';

/**
 * Replay `scenario` once per assignor, each with its own member processes. A newer `replay`
 * supersedes a running one: the worker answers the old id with `cancelled`.
 */
export interface ReplayRequestMessage {
  type: 'replay';
  id: number;
  scenario: Scenario;
  assignors: ReplayRunName[];
  /**
   * Rebalance protocols to play every generation under (none when absent): each generation
   * message then carries a run per protocol, computed from that generation's assignment and the
   * one before it.
   */
  protocols?: Protocol[];
  timings?: Partial<ProtocolTimings>;
}

/** A client-side built-in, or a KIP-848 server-side assignor (for the consumer protocol). */
export type ReplayRunName = BuiltinRunName | ServerRunName | JavaRunName;

/**
 * Above this many partitions in a generation no protocol run is computed: the events list every
 * partition a member revokes or gets, and the page would read them all.
 */
export const PROTOCOL_RUN_PARTITION_LIMIT = 20_000;

/** Stop the replay with this id. Ignored when that replay already finished or never existed. */
export interface CancelRequestMessage {
  type: 'cancel';
  id: number;
}

export type ReplayRequest = ReplayRequestMessage | CancelRequestMessage;
export type ReplayRequestType = ReplayRequest['type'];

/**
 * Generations done so far by one assignor, out of `total` (the scenario's step count). Sent
 * at most every ~50 ms while an assignor runs, and once when it finishes (`done === total`).
 */
export interface ProgressMessage {
  type: 'progress';
  id: number;
  assignor: ReplayRunName;
  done: number;
  total: number;
}

/**
 * One generation replayed by one assignor, sent as soon as it is computed: generations of an
 * assignor in order, one assignor after the other. A message each, so that the main thread
 * reads (structured-clones) a big replay a generation at a time rather than in one long task.
 */
export interface GenerationMessage {
  type: 'generation';
  id: number;
  assignor: ReplayRunName;
  result: GenerationResult;
  /**
   * The generation under each requested protocol; `undefined` for a failed or invalid
   * generation, or one over {@link PROTOCOL_RUN_PARTITION_LIMIT} partitions.
   */
  protocolRuns?: Partial<Record<Protocol, ProtocolRun | undefined>>;
}

/**
 * Every requested assignor replayed every step; their results came before, one `generation`
 * message each.
 */
export interface ReplayDoneMessage {
  type: 'replay-done';
  id: number;
  /**
   * Assignor name → milliseconds spent replaying it (time between yields, not waiting). Names
   * every assignor replayed, in order, even one with no generations (a scenario without steps).
   */
  elapsedMs: Record<string, number>;
}

/**
 * Why a replay stopped:
 * - `invalid-scenario`: a step cannot apply (e.g. a member leaves that is not in the group);
 *   the message names the step and the change.
 * - `assignor-failed`: an assignor threw outside `assign` (creating it, `metadata`,
 *   `onAssignment`). A throw from `assign` is not fatal: it is that generation's `error`.
 * - `internal`: anything else, e.g. an unknown assignor name or a bug in the worker.
 */
export type ReplayErrorReason = 'invalid-scenario' | 'assignor-failed' | 'internal';

export interface ReplayErrorMessage {
  type: 'replay-error';
  id: number;
  message: string;
  reason: ReplayErrorReason;
}

/** The replay with this id stopped early: cancelled, or superseded by a newer replay. */
export interface CancelledMessage {
  type: 'cancelled';
  id: number;
}

export type ReplayResponse =
  ProgressMessage | GenerationMessage | ReplayDoneMessage | ReplayErrorMessage | CancelledMessage;
export type ReplayResponseType = ReplayResponse['type'];
