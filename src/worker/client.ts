/**
 * The main thread's side of the replay worker: one request at a time, each with a fresh id.
 * The main thread never runs an assignor; it only sends scenarios and receives results.
 */
import type { Protocol, ProtocolRun, ProtocolTimings } from '../protocol';
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import {
  connectWorker,
  replyGuard,
  type WorkerConnection,
  type WorkerEventLike,
  type WorkerLike as AnyWorkerLike,
} from '../messaging/workerClient';
import type { ReplayErrorReason, ReplayRequest, ReplayResponse, ReplayRunName } from './protocol';

export type { WorkerEventLike };

/** Assignor → protocol → one run per generation (`undefined` where there is none). */
export type ProtocolRuns = Record<string, Partial<Record<Protocol, (ProtocolRun | undefined)[]>>>;

export interface ReplayProtocolOptions {
  /** Protocols to play every generation under; none when absent. */
  protocols?: readonly Protocol[];
  timings?: Partial<ProtocolTimings>;
}

export type ReplayOutcome =
  | {
      status: 'done';
      /** Assignor name → one result per generation. */
      results: Record<string, GenerationResult[]>;
      /** Assignor name → milliseconds the worker spent replaying it. */
      elapsedMs: Record<string, number>;
      /** The requested protocols' runs, per assignor; empty when none were requested. */
      protocolRuns: ProtocolRuns;
    }
  | { status: 'error'; message: string; reason: ReplayErrorReason }
  /** `cancel()` or `dispose()` was called while it ran. */
  | { status: 'cancelled' }
  /** A newer `replay()` started before this one finished. */
  | { status: 'superseded' }
  /** The worker died (or sent a message that could not be read); a new one was started. */
  | { status: 'crashed'; message: string };

export interface ReplayProgress {
  assignor: ReplayRunName;
  /** Generations this assignor has replayed. */
  done: number;
  /** Generations in the scenario. */
  total: number;
}

/** The replay worker, typed by the requests it accepts; tests pass a fake. */
export type WorkerLike = AnyWorkerLike<ReplayRequest>;

export interface ReplayClientOptions {
  /** Starts a worker. Defaults to the bundled `replay.worker.ts` as a module worker. */
  createWorker?: () => WorkerLike;
  /**
   * A safety net for built-in code that never returns: when a running replay sends nothing
   * for this long, the worker is terminated and replaced. Defaults to
   * {@link REPLAY_SILENCE_DEADLINE_MS}. (aiokafka's known endless loop is caught earlier, and
   * exactly, by the sticky assignor's cycle check.)
   */
  silenceDeadlineMs?: number;
}

/** The worker sends a message at least every generation; 30 s of silence means it is stuck. */
export const REPLAY_SILENCE_DEADLINE_MS = 30_000;

export interface ReplayClient {
  /**
   * Replays `scenario` with each of `assignors` in the worker. Never rejects: the promise
   * resolves with how the replay ended. Starting another replay supersedes this one.
   */
  replay(
    scenario: Scenario,
    assignors: readonly ReplayRunName[],
    onProgress?: (progress: ReplayProgress) => void,
    protocolOptions?: ReplayProtocolOptions,
  ): Promise<ReplayOutcome>;
  /** Cancels the running replay, which resolves `cancelled`. Does nothing when idle. */
  cancel(): void;
  /**
   * Cancels the running replay and terminates the worker. The client stays usable: the next
   * `replay()` starts a new worker (so React StrictMode's mount–unmount–mount is harmless).
   */
  dispose(): void;
}

export const WORKER_CRASHED_MESSAGE =
  'The replay worker stopped unexpectedly and was restarted; run the replay again.';

function createDefaultWorker(): WorkerLike {
  return new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' });
}

interface Pending {
  readonly id: number;
  readonly resolve: (outcome: ReplayOutcome) => void;
  readonly onProgress: ((progress: ReplayProgress) => void) | undefined;
  /** The generations received so far, per assignor. */
  readonly results: Map<string, GenerationResult[]>;
  readonly protocolRuns: ProtocolRuns;
}

export function createReplayClient(options: ReplayClientOptions = {}): ReplayClient {
  const createWorker = options.createWorker ?? createDefaultWorker;
  let worker: WorkerConnection<ReplayRequest> | undefined;
  let pending: Pending | undefined;
  let nextId = 1;
  const silenceDeadlineMs = options.silenceDeadlineMs ?? REPLAY_SILENCE_DEADLINE_MS;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  /** (Re)starts the silence deadline of the pending replay; stops it when none is pending. */
  function armWatchdog(): void {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = undefined;
    if (pending === undefined) return;
    const { id } = pending;
    watchdog = setTimeout(() => stuck(id), silenceDeadlineMs);
  }

  function stuck(id: number): void {
    if (pending?.id !== id || worker === undefined) return;
    const stuckAt = [...pending.results].at(-1);
    const where =
      stuckAt === undefined ? '' : ` after generation ${stuckAt[1].length} of ${stuckAt[0]}`;
    worker.terminate();
    worker = startWorker();
    settle(id, {
      status: 'crashed',
      message: `The replay sent nothing for ${silenceDeadlineMs / 1000} s${where} and was stopped; the worker was restarted.`,
    });
  }

  function startWorker(): WorkerConnection<ReplayRequest> {
    const started: WorkerConnection<ReplayRequest> = connectWorker(createWorker(), {
      message: receive,
      crash: (detail) => crash(started, detail),
    });
    return started;
  }

  /** Settles the pending replay, if it is still `id`. */
  function settle(id: number, outcome: ReplayOutcome): void {
    if (pending?.id !== id) return;
    const { resolve } = pending;
    pending = undefined;
    armWatchdog();
    resolve(outcome);
  }

  function receive(data: unknown): void {
    if (!isResponse(data) || pending?.id !== data.id) return; // late reply to an older request
    const response = data;
    armWatchdog();
    switch (response.type) {
      case 'progress':
        pending.onProgress?.({
          assignor: response.assignor,
          done: response.done,
          total: response.total,
        });
        break;
      case 'generation': {
        const generations = pending.results.get(response.assignor);
        if (generations === undefined) pending.results.set(response.assignor, [response.result]);
        else generations.push(response.result);
        if (response.protocolRuns !== undefined) {
          const byProtocol = (pending.protocolRuns[response.assignor] ??= {});
          for (const [protocol, run] of Object.entries(response.protocolRuns) as [
            Protocol,
            ProtocolRun | undefined,
          ][])
            (byProtocol[protocol] ??= []).push(run);
        }
        break;
      }
      case 'replay-done': {
        // Every assignor replayed is in elapsedMs, also one without generations (no steps).
        const results: Record<string, GenerationResult[]> = {};
        for (const name of Object.keys(response.elapsedMs))
          results[name] = pending.results.get(name) ?? [];
        settle(response.id, {
          status: 'done',
          results,
          elapsedMs: response.elapsedMs,
          protocolRuns: pending.protocolRuns,
        });
        break;
      }
      case 'replay-error':
        settle(response.id, {
          status: 'error',
          message: response.message,
          reason: response.reason,
        });
        break;
      case 'cancelled':
        settle(response.id, { status: 'cancelled' });
        break;
      default: {
        const unexpected: never = response;
        void unexpected;
      }
    }
  }

  function crash(dead: WorkerConnection<ReplayRequest>, detail: string | undefined): void {
    dead.terminate();
    worker = startWorker();
    if (pending !== undefined) {
      settle(pending.id, {
        status: 'crashed',
        message:
          detail === undefined ? WORKER_CRASHED_MESSAGE : `${WORKER_CRASHED_MESSAGE} (${detail})`,
      });
    }
  }

  return {
    replay(scenario, assignors, onProgress, protocolOptions) {
      if (pending !== undefined) settle(pending.id, { status: 'superseded' });
      const id = nextId++;
      const target = (worker ??= startWorker());
      return new Promise<ReplayOutcome>((resolve) => {
        pending = { id, resolve, onProgress, results: new Map(), protocolRuns: {} };
        armWatchdog();
        try {
          // The worker supersedes its running replay itself when this one arrives.
          target.send({
            type: 'replay',
            id,
            scenario,
            assignors: [...assignors],
            ...(protocolOptions?.protocols !== undefined && protocolOptions.protocols.length > 0
              ? { protocols: [...protocolOptions.protocols] }
              : {}),
            ...(protocolOptions?.timings !== undefined ? { timings: protocolOptions.timings } : {}),
          });
        } catch (thrown) {
          // E.g. a DataCloneError: the scenario holds something that cannot be sent.
          settle(id, {
            status: 'error',
            reason: 'internal',
            message: thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown),
          });
        }
      });
    },

    cancel() {
      if (pending === undefined) return;
      const { id } = pending;
      worker?.send({ type: 'cancel', id });
      settle(id, { status: 'cancelled' });
    },

    dispose() {
      if (pending !== undefined) settle(pending.id, { status: 'cancelled' });
      worker?.terminate();
      worker = undefined;
    },
  };
}

const isResponse = replyGuard<ReplayResponse>([
  'progress',
  'generation',
  'replay-done',
  'replay-error',
  'cancelled',
]);
