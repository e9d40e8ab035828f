/**
 * The replay worker's logic, free of the worker global so it runs (and is tested) in Node.
 *
 * One replay runs at a time, as an async loop that yields to the event loop after every
 * generation; a `cancel`, or a newer `replay` that supersedes it, is taken in at those yields.
 */
import {
  createBuiltinAssignor,
  type AssignorMode,
  type BuiltinAssignorName,
} from '../core/assignors';
import type { Assignor } from '../core/types';
import { partitionGenerationsOf, workLimitProblem } from '../scenario/file';
import type { Protocol, ProtocolRun } from '../protocol';
import { isBuiltinRunName, resolveBuiltinRun, type BuiltinRunName } from '../scenario/builtinRuns';
import { StepError } from '../scenario/groupState';
import { protocolRunOf } from '../scenario/protocolReplay';
import {
  replayScenario,
  type GenerationResult,
  type MemberAssignorFactory,
} from '../scenario/replay';
import { isJavaRunName, javaRunFactory } from '../scenario/javaRuns';
import { isServerRunName, serverRunFactory } from '../scenario/serverRuns';
import {
  PROTOCOL_RUN_PARTITION_LIMIT,
  type ReplayErrorMessage,
  type ReplayRequest,
  type ReplayRequestMessage,
  type ReplayResponse,
} from './protocol';
import { createEventLoopYield } from './yieldToEventLoop';

/** Progress goes out at most this often per assignor, plus once when it finishes. */
export const PROGRESS_INTERVAL_MS = 50;

export interface ReplayHandlerOptions {
  /** Resolves after the event loop had a turn. Defaults to a MessageChannel round trip. */
  yieldToEventLoop?: () => Promise<void>;
  /** Clock in milliseconds. Defaults to `performance.now()`. */
  now?: () => number;
  /** Defaults to {@link PROGRESS_INTERVAL_MS}. */
  progressIntervalMs?: number;
  /** Makes one member's assignor process. Defaults to `createBuiltinAssignor`. */
  createAssignor?: (name: BuiltinAssignorName, mode: AssignorMode) => Assignor;
}

export interface ReplayHandler {
  /**
   * Takes one request. The promise settles when the request has been dealt with: for a
   * `replay`, once it finished, failed or was cancelled; for a `cancel`, at once. The worker
   * ignores it; tests await it.
   */
  handle(request: ReplayRequest): Promise<void>;
}

/** Marks an error thrown by assignor code, as opposed to the scenario or the replay. */
class AssignorFailure extends Error {
  override readonly name = 'AssignorFailure';
}

/** The replay would take more work than {@link workLimitProblem} allows. */
class WorkLimitError extends Error {
  override readonly name = 'WorkLimitError';
}

interface Job {
  readonly id: number;
  cancelled: boolean;
}

type Outcome = { kind: 'done'; elapsedMs: Record<string, number> } | { kind: 'cancelled' };

export function createReplayHandler(
  post: (response: ReplayResponse) => void,
  options: ReplayHandlerOptions = {},
): ReplayHandler {
  const yieldToEventLoop = options.yieldToEventLoop ?? createEventLoopYield();
  const now = options.now ?? (() => performance.now());
  const progressIntervalMs = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const createAssignor =
    options.createAssignor ??
    ((name: BuiltinAssignorName, mode: AssignorMode) =>
      createBuiltinAssignor(name, undefined, mode));
  let running: Job | undefined;

  /** Stops the running replay, if any, and tells the main thread. */
  function stopRunning(): void {
    if (running === undefined) return;
    running.cancelled = true;
    post({ type: 'cancelled', id: running.id });
    running = undefined;
  }

  async function replay(request: ReplayRequestMessage): Promise<void> {
    stopRunning();
    const job: Job = { id: request.id, cancelled: false };
    running = job;
    try {
      const outcome = await run(job, request);
      if (outcome.kind === 'cancelled' || job.cancelled) return;
      running = undefined;
      post({ type: 'replay-done', id: job.id, elapsedMs: outcome.elapsedMs });
    } catch (thrown) {
      if (job.cancelled) return;
      running = undefined;
      post(errorMessage(job.id, thrown));
    } finally {
      if (running === job) running = undefined;
    }
  }

  async function run(job: Job, request: ReplayRequestMessage): Promise<Outcome> {
    const { scenario } = request;
    const unknown = request.assignors.filter(
      (name) => !isBuiltinRunName(name) && !isServerRunName(name) && !isJavaRunName(name),
    );
    if (unknown.length > 0) {
      throw new Error(`unknown assignor ${unknown.map((n) => JSON.stringify(n)).join(', ')}`);
    }
    // Scenarios grown in the page skip the file checks: the total work is bounded here too.
    const tooBig = workLimitProblem(
      partitionGenerationsOf(scenario),
      new Set(request.assignors).size,
    );
    if (tooBig !== undefined) throw new WorkLimitError(tooBig);
    // Let a burst of requests settle first: only the newest one gets to run.
    await yieldToEventLoop();
    if (job.cancelled) return { kind: 'cancelled' };

    const elapsedMs: Record<string, number> = {};
    const total = scenario.steps.length;
    const protocols = [...new Set(request.protocols ?? [])];
    for (const name of new Set(request.assignors)) {
      let done = 0;
      const factory: MemberAssignorFactory | ((member: string) => Assignor) = isServerRunName(name)
        ? serverRunFactory(name)
        : isJavaRunName(name)
          ? javaRunFactory(name)
          : guardedFactory(name, scenario, createAssignor);
      const replay = replayScenario(scenario, factory);
      let lastValid: GenerationResult | undefined;
      let elapsed = 0;
      let lastProgress = now();
      for (;;) {
        const started = now();
        const next = replay.next();
        const finished = now();
        elapsed += finished - started;
        if (next.done === true) break;
        done++;
        const result = next.value;
        if (protocols.length === 0) {
          post({ type: 'generation', id: job.id, assignor: name, result });
        } else {
          const protocolRuns: Partial<Record<Protocol, ProtocolRun | undefined>> = {};
          const small = result.metrics.partitions <= PROTOCOL_RUN_PARTITION_LIMIT;
          for (const protocol of protocols)
            protocolRuns[protocol] = small
              ? protocolRunOf(protocol, lastValid, result, request.timings)
              : undefined;
          if (result.error === undefined && result.problems.length === 0) lastValid = result;
          post({ type: 'generation', id: job.id, assignor: name, result, protocolRuns });
        }
        if (finished - lastProgress >= progressIntervalMs && done < total) {
          post({ type: 'progress', id: job.id, assignor: name, done, total });
          lastProgress = finished;
        }
        await yieldToEventLoop();
        if (job.cancelled) return { kind: 'cancelled' };
      }
      post({ type: 'progress', id: job.id, assignor: name, done, total });
      elapsedMs[name] = elapsed;
    }
    return { kind: 'done', elapsedMs };
  }

  return {
    handle(request: ReplayRequest): Promise<void> {
      switch (request.type) {
        case 'replay':
          return replay(request);
        case 'cancel':
          if (running?.id === request.id) stopRunning();
          return Promise.resolve();
        default: {
          const unexpected: never = request;
          const { id } = unexpected as { id?: unknown };
          if (typeof id === 'number') {
            const { type } = unexpected as { type?: unknown };
            post({
              type: 'replay-error',
              id,
              reason: 'internal',
              message: `unknown request type ${JSON.stringify(type)}`,
            });
          }
          return Promise.resolve();
        }
      }
    },
  };
}

function errorMessage(id: number, thrown: unknown): ReplayErrorMessage {
  if (thrown instanceof StepError || thrown instanceof WorkLimitError) {
    return { type: 'replay-error', id, reason: 'invalid-scenario', message: thrown.message };
  }
  if (thrown instanceof AssignorFailure) {
    return { type: 'replay-error', id, reason: 'assignor-failed', message: thrown.message };
  }
  return { type: 'replay-error', id, reason: 'internal', message: describe(thrown) };
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

/**
 * The per-member factory for one assignor, wrapped so that what assignor code throws is
 * reported as `assignor-failed`. `assign` is left alone: the replay records its throws as the
 * generation's `error`, exactly as `replayAll` does.
 */
function guardedFactory(
  name: BuiltinRunName,
  scenario: ReplayRequestMessage['scenario'],
  createAssignor: (name: BuiltinAssignorName, mode: AssignorMode) => Assignor,
): (member: string) => Assignor {
  const { assignor, mode } = resolveBuiltinRun(name, scenario);
  const fail = (member: string, what: string, thrown: unknown) =>
    new AssignorFailure(`${name} assignor of ${member} failed in ${what}: ${describe(thrown)}`);
  return (member) => {
    let inner: Assignor;
    try {
      inner = createAssignor(assignor, mode);
    } catch (thrown) {
      throw fail(member, 'its constructor', thrown);
    }
    const guarded: Assignor = {
      name: inner.name,
      assign: (cluster, members) => inner.assign(cluster, members),
      metadata(topics) {
        try {
          return inner.metadata(topics);
        } catch (thrown) {
          throw fail(member, 'metadata()', thrown);
        }
      },
      onAssignment(assignment) {
        try {
          inner.onAssignment(assignment);
        } catch (thrown) {
          throw fail(member, 'onAssignment()', thrown);
        }
      },
    };
    if (inner.onGenerationAssignment !== undefined) {
      guarded.onGenerationAssignment = (generation) => {
        try {
          inner.onGenerationAssignment?.(generation);
        } catch (thrown) {
          throw fail(member, 'onGenerationAssignment()', thrown);
        }
      };
    }
    return guarded;
  };
}
