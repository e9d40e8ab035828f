/**
 * The typed message protocol between a runner (the page, or the CLI in Node) and the sandbox
 * worker that runs a custom assignor. Types only; the runner checks every response against
 * the schemas in messages.ts. Responses travel as JSON text, so the runner can refuse an
 * oversized one by its length before parsing it, and parsing yields plain data only (no
 * getters, Proxies or cycles).
 *
 * A sandbox worker serves exactly one `replay` request and is then terminated: a fresh
 * worker per run means nothing the user's code did to the worker's global survives it.
 * Replies carry the request's `id`; both directions are discriminated unions on `type`.
 */
import type { AssignorStyle } from './adapter';
import type { CustomAssignorSource } from '../scenario/file';
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';

export type { CustomAssignorSource };

/** Why a custom assignor could not be loaded at all (as opposed to failing a generation). */
export interface CustomLoadError {
  message: string;
  /** 1-based position in the user's source, when the problem has one. */
  line?: number;
  column?: number;
}

/**
 * A generation that a previous worker could not finish (it hung or crashed in it). The new
 * worker fails it at once with `verdict` as its error, without calling any user code.
 */
export interface SkippedGeneration {
  generation: number;
  verdict: string;
}

export interface SandboxReplayRequest {
  type: 'replay';
  id: number;
  scenario: Scenario;
  assignor: CustomAssignorSource;
  skip: SkippedGeneration[];
  /** How error messages name the assignor's origin, e.g. a file name; "your assignor" if unset. */
  label?: string;
}

export type SandboxRequest = SandboxReplayRequest;

/** The source compiled; its top-level code runs next, so the deadline starts now. */
export interface LoadingMessage {
  type: 'loading';
  id: number;
}

/** The module ran and exported a usable assignor; generation 1 starts now. */
export interface LoadedMessage {
  type: 'loaded';
  id: number;
  assignorName: string;
  style: AssignorStyle;
}

/** A member's JoinGroup metadata as plain data: `userData` as byte values. */
export interface PlainMemberMetadata {
  version: number;
  subscription: string[];
  userData: number[];
}

/** What the leader gave one member, as plain data. */
export interface PlainMemberAssignment {
  version: number;
  assignment: [topic: string, partitions: number[]][];
  userData: number[];
}

/**
 * One generation finished; the next one starts now. Only what user code produced — each
 * member's metadata and the leader's assignment, or what it threw. Problems, metrics and
 * verdicts are computed by the runner from this (hostReplay.ts), never by the sandbox, so
 * nothing the user's code does to the sandbox's own objects can change them.
 */
export interface GenerationMessage {
  type: 'generation';
  id: number;
  generation: number;
  metadata: [member: string, metadata: PlainMemberMetadata][];
  /** `null` when the rebalance failed: `error` says why. */
  assignment: [member: string, assignment: PlainMemberAssignment][] | null;
  error: string | null;
  /** User code that failed after `assign` (`onAssignment`, …): the assignment stands. */
  lateError: string | null;
}

/** Every generation was sent. */
export interface DoneMessage {
  type: 'done';
  id: number;
}

/** The source does not compile, its top-level code threw, or it exports no assignor. */
export interface LoadErrorMessage {
  type: 'load-error';
  id: number;
  error: CustomLoadError;
}

/** The replay itself failed: the scenario cannot be applied, or a bug in the sandbox. */
export interface FailedMessage {
  type: 'failed';
  id: number;
  message: string;
}

export type SandboxResponse =
  | LoadingMessage
  | LoadedMessage
  | GenerationMessage
  | DoneMessage
  | LoadErrorMessage
  | FailedMessage;
export type SandboxResponseType = SandboxResponse['type'];

/** How a custom replay ended, in the browser and in Node alike. */
export type CustomReplayOutcome =
  | {
      status: 'done';
      /** One result per generation; failed generations carry their verdict in `error`. */
      generations: GenerationResult[];
      /** The name the assignor gave itself. */
      assignorName: string;
      /** Workers stopped and replaced because a generation hung or crashed. */
      restarts: number;
      /** The run's total time budget ran out; the generations after it failed unrun. */
      budgetUsedUp?: boolean;
    }
  | { status: 'load-error'; error: CustomLoadError }
  /** The scenario cannot be replayed, or the sandbox could not start. */
  | { status: 'error'; message: string }
  /** A newer `replay()` started before this one finished. */
  | { status: 'superseded' }
  /** `cancel()` or `dispose()` was called while it ran. */
  | { status: 'cancelled' };

export type CustomReplayStatus = CustomReplayOutcome['status'];
