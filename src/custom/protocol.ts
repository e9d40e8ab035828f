/**
 * The typed message protocol between a runner (the page, or the CLI in Node) and the sandbox
 * worker that runs a custom assignor. Types only.
 *
 * A sandbox worker serves exactly one `replay` request and is then terminated: a fresh
 * worker per run means nothing the user's code did to the worker's global survives it.
 * Replies carry the request's `id`; both directions are discriminated unions on `type`.
 */
import type { AssignorStyle } from '../core/adapter';
import type { CustomAssignorSource } from '../scenario/file';
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';

export type { CustomAssignorSource };

/** Why a custom assignor could not be loaded at all; the same shape as the store's. */
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

/** One generation finished; the next one starts now. */
export interface GenerationMessage {
  type: 'generation';
  id: number;
  result: GenerationResult;
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
    }
  | { status: 'load-error'; error: CustomLoadError }
  /** The scenario cannot be replayed, or the sandbox could not start. */
  | { status: 'error'; message: string }
  /** A newer `replay()` started before this one finished. */
  | { status: 'superseded' }
  /** `cancel()` or `dispose()` was called while it ran. */
  | { status: 'cancelled' };

export type CustomReplayStatus = CustomReplayOutcome['status'];

const RESPONSE_TYPES: ReadonlySet<string> = new Set<SandboxResponseType>([
  'loading',
  'loaded',
  'generation',
  'done',
  'load-error',
  'failed',
]);

/** Whether `data` looks like a sandbox response (anything else from a worker is ignored). */
export function isSandboxResponse(data: unknown): data is SandboxResponse {
  if (typeof data !== 'object' || data === null) return false;
  const { type, id } = data as { type?: unknown; id?: unknown };
  return typeof type === 'string' && RESPONSE_TYPES.has(type) && typeof id === 'number';
}
