/**
 * The page's side of custom assignors: runs one replay at a time in sandbox workers (see
 * supervisor.ts) and never runs user code itself. A worker per run, terminated when the run
 * ends, so a hang or a crash costs only that worker. The worker lives in an opaque-origin
 * iframe whose CSP allows no fetch (sandboxFrame.ts): the browser enforces the boundary.
 */
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import type { CustomAssignorSource, CustomReplayOutcome, SandboxRequest } from './protocol';
import { connectWorker, type WorkerEventLike, type WorkerLike } from '../messaging/workerClient';
import { createFrameSandbox } from './sandboxFrame';
import { DEFAULT_DEADLINE_MS, superviseCustomReplay, type SupervisedReplay } from './supervisor';

/** The sandbox worker, typed by the requests it accepts; tests pass a fake. */
export type SandboxWorkerLike = WorkerLike<SandboxRequest>;
export type SandboxWorkerEvent = WorkerEventLike;

export interface CustomReplayRunnerOptions {
  /** Starts a worker. Defaults to `sandbox.worker.ts` inside the sandbox iframe. */
  createWorker?: () => SandboxWorkerLike;
}

export interface CustomReplayOptions {
  /** Per generation, in ms; the store's `customDeadlineMs`. Defaults to 2000. */
  deadlineMs?: number;
  /** For the whole run, in ms; defaults to the supervisor's `DEFAULT_RUN_BUDGET_MS`. */
  budgetMs?: number;
  /**
   * Each generation as the worker finishes it, with the scenario's generation count. After a
   * restart the replay starts over, so earlier generations arrive again.
   */
  onGeneration?: (result: GenerationResult, total: number) => void;
}

export interface CustomReplayRunner {
  /**
   * Replays `scenario` with the user's assignor. Never rejects: resolves with how it ended.
   * Starting another replay supersedes this one.
   */
  replay(
    scenario: Scenario,
    assignor: CustomAssignorSource,
    options?: CustomReplayOptions,
  ): Promise<CustomReplayOutcome>;
  /** Stops the running replay, which resolves `cancelled`. Does nothing when idle. */
  cancel(): void;
  /** Same as `cancel()`; the runner stays usable (a replay starts its own worker). */
  dispose(): void;
}

export function createCustomReplayRunner(
  options: CustomReplayRunnerOptions = {},
): CustomReplayRunner {
  const createWorker = options.createWorker ?? createFrameSandbox;
  let running: SupervisedReplay | undefined;

  const stop = (status: 'cancelled' | 'superseded') => {
    running?.stop(status);
    running = undefined;
  };

  return {
    replay(scenario, assignor, replayOptions = {}) {
      stop('superseded');
      const supervised = superviseCustomReplay(
        (events) => connectWorker(createWorker(), events),
        scenario,
        assignor,
        {
          deadlineMs: replayOptions.deadlineMs ?? DEFAULT_DEADLINE_MS,
          ...(replayOptions.budgetMs === undefined ? {} : { budgetMs: replayOptions.budgetMs }),
          ...(replayOptions.onGeneration === undefined
            ? {}
            : { onGeneration: replayOptions.onGeneration }),
        },
      );
      running = supervised;
      void supervised.outcome.then(() => {
        if (running === supervised) running = undefined;
      });
      return supervised.outcome;
    },
    cancel: () => stop('cancelled'),
    dispose: () => stop('cancelled'),
  };
}
