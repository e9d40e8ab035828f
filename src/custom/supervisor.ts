/**
 * The one loop that runs a custom assignor in sandbox workers, shared by the browser runner
 * and the Node runner, which differ only in how they start a worker.
 *
 * Each generation must finish within the deadline. When one does not, or the worker dies in
 * it, the worker is terminated (the only way to stop a loop) and a fresh one replays the
 * scenario from the start, failing that generation with its verdict without calling user
 * code there. Members then keep their previous state, as after any failed rebalance, and the
 * replay goes on. Each restart skips one more generation, so there are at most as many
 * restarts as generations.
 */
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { StepError } from '../scenario/groupState';
import type { WorkerConnection, WorkerEvents } from '../messaging/workerClient';
import { clipText } from './clipText';
import { createHostReplay, type HostReplay } from './hostReplay';
import { parseSandboxMessage } from './messages';
import type {
  CustomAssignorSource,
  CustomReplayOutcome,
  SandboxRequest,
  SkippedGeneration,
} from './protocol';
import { budgetVerdict, crashVerdict, protocolVerdict, timeoutVerdict } from './verdicts';

export const DEFAULT_DEADLINE_MS = 2000;

/**
 * The whole run's time, restarts included: past it the worker is stopped and the generations
 * not yet computed fail with {@link budgetVerdict}. Without it, a 500-step link with a slow
 * assignor would cost its deadline 500 times.
 */
export const DEFAULT_RUN_BUDGET_MS = 60_000;

/** How long a fresh worker may take to load and compile before the runner gives up. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

/**
 * After the deadline passes, how long to wait before stopping the worker: a result posted
 * just in time may still be queued behind page work, and it gets this long to arrive.
 */
export const DEADLINE_GRACE_MS = 50;

/** What a started sandbox worker tells the supervisor. */
export type SandboxEvents = WorkerEvents;

/** A started sandbox worker: a browser worker in its iframe, or a Node child process. */
export type SandboxConnection = WorkerConnection<SandboxRequest>;

/** Starts a fresh sandbox worker whose events go to `events`. */
export type StartSandbox = (events: SandboxEvents) => SandboxConnection;

export interface SuperviseOptions {
  /** Per generation (and for the module's top-level code), in ms. */
  deadlineMs?: number;
  /** For the whole run, in ms; defaults to {@link DEFAULT_RUN_BUDGET_MS}. */
  budgetMs?: number;
  /** Each generation as it arrives. After a restart, earlier generations arrive again. */
  onGeneration?: (result: GenerationResult, total: number) => void;
  /** How messages name the assignor's origin (e.g. a file name); "your assignor" if unset. */
  label?: string;
  startupTimeoutMs?: number;
  graceMs?: number;
}

export interface SupervisedReplay {
  readonly outcome: Promise<CustomReplayOutcome>;
  /** Ends the replay at once: terminates the worker and settles `outcome` with `status`. */
  stop(status: 'cancelled' | 'superseded'): void;
}

type Phase = 'starting' | 'loading' | 'running';

interface Attempt {
  readonly id: number;
  connection: SandboxConnection | undefined;
  phase: Phase;
  results: GenerationResult[];
  /** The trusted replay that turns this worker's reports into results. */
  host: HostReplay;
  assignorName: string;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function describe(thrown: unknown): string {
  return clipText(thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown));
}

/** Words for what the trusted replay threw on a report: our own code, plain values only. */
function hostFailure(thrown: unknown): string {
  if (thrown instanceof StepError) return `the scenario cannot be replayed: ${thrown.message}`;
  return `its report does not fit the scenario: ${describe(thrown)}`;
}

export function superviseCustomReplay(
  start: StartSandbox,
  scenario: Scenario,
  assignor: CustomAssignorSource,
  options: SuperviseOptions = {},
): SupervisedReplay {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const graceMs = options.graceMs ?? DEADLINE_GRACE_MS;
  const budgetMs = options.budgetMs ?? DEFAULT_RUN_BUDGET_MS;
  const total = scenario.steps.length;
  const skip: SkippedGeneration[] = [];
  let restarts = 0;
  let nextId = 1;
  let current: Attempt | undefined;
  let settled = false;
  let resolveOutcome: (outcome: CustomReplayOutcome) => void = () => undefined;
  const outcome = new Promise<CustomReplayOutcome>((resolve) => {
    resolveOutcome = resolve;
  });

  function disarm(attempt: Attempt): void {
    if (attempt.timer !== undefined) clearTimeout(attempt.timer);
    attempt.timer = undefined;
  }

  /** (Re)starts the attempt's clock; `expired` runs unless a message arrives first. */
  function arm(attempt: Attempt, ms: number, expired: () => void): void {
    disarm(attempt);
    attempt.timer = setTimeout(() => {
      // Let anything the worker already posted be handled before calling it late.
      attempt.timer = setTimeout(() => {
        attempt.timer = undefined;
        if (current === attempt && !settled) expired();
      }, graceMs);
    }, ms);
  }

  const budgetTimer = setTimeout(budgetUsedUp, budgetMs);

  function finish(result: CustomReplayOutcome): void {
    if (settled) return;
    settled = true;
    clearTimeout(budgetTimer);
    if (current !== undefined) {
      disarm(current);
      current.connection?.terminate();
      current = undefined;
    }
    resolveOutcome(result);
  }

  function launch(): void {
    const attempt: Attempt = {
      id: nextId++,
      connection: undefined,
      phase: 'starting',
      results: [],
      host: createHostReplay(scenario),
      assignorName: assignor.name,
      timer: undefined,
    };
    current = attempt;
    try {
      attempt.connection = start({
        message: (data) => {
          if (current === attempt) receive(attempt, data);
        },
        crash: (detail) => {
          if (current === attempt) crashed(attempt, detail);
        },
      });
    } catch (thrown) {
      finish({
        status: 'error',
        message: `the sandbox worker could not start: ${describe(thrown)}`,
      });
      return;
    }
    arm(attempt, startupTimeoutMs, () =>
      finish({
        status: 'error',
        message: `the sandbox worker did not start within ${startupTimeoutMs / 1000} s`,
      }),
    );
    try {
      attempt.connection.send({
        type: 'replay',
        id: attempt.id,
        scenario,
        assignor,
        skip: [...skip],
        ...(options.label === undefined ? {} : { label: options.label }),
      });
    } catch (thrown) {
      finish({ status: 'error', message: `could not send the scenario: ${describe(thrown)}` });
    }
  }

  /** The generation the attempt is in hung or crashed: skip it in a fresh worker. */
  function failGeneration(attempt: Attempt, verdict: string): void {
    const generation = attempt.results.length + 1;
    if (generation > total || skip.some((s) => s.generation === generation)) {
      // No user code runs there, so a new worker would fail the same way.
      finish({
        status: 'error',
        message: `the sandbox failed at generation ${generation} without running assignor code: ${verdict}`,
      });
      return;
    }
    skip.push({ generation, verdict });
    restarts++;
    disarm(attempt);
    attempt.connection?.terminate();
    launch();
  }

  /** The run is out of time: what is not computed yet fails, the rest stands. */
  function budgetUsedUp(): void {
    const attempt = current;
    if (settled || attempt === undefined) return;
    attempt.connection?.terminate();
    const verdict = budgetVerdict(budgetMs);
    try {
      while (attempt.host.count < total) {
        const result = attempt.host.fail({ generation: attempt.host.count + 1, verdict });
        attempt.results.push(result);
        options.onGeneration?.(result, total);
      }
    } catch (thrown) {
      finish({ status: 'error', message: hostFailure(thrown) });
      return;
    }
    finish({
      status: 'done',
      generations: attempt.results,
      assignorName: attempt.assignorName,
      restarts,
      budgetUsedUp: true,
    });
  }

  /** The worker broke the protocol: in a generation that fails it, before one the run. */
  function violated(attempt: Attempt, problem: string): void {
    if (attempt.phase === 'running') {
      failGeneration(attempt, protocolVerdict(problem));
    } else {
      finish({ status: 'error', message: `${problem} — the worker was stopped` });
    }
  }

  function receive(attempt: Attempt, raw: unknown): void {
    const parsed = parseSandboxMessage(raw);
    if (!parsed.ok) {
      violated(attempt, parsed.problem);
      return;
    }
    const data = parsed.response;
    if (data.id !== attempt.id) {
      violated(attempt, `the sandbox answered request ${data.id}, not ${attempt.id}`);
      return;
    }
    switch (data.type) {
      case 'loading':
        attempt.phase = 'loading';
        arm(attempt, deadlineMs, () =>
          finish({
            status: 'load-error',
            error: {
              message:
                `timed out after ${deadlineMs} ms while running the module's top-level code ` +
                '(an infinite loop?) — the worker was stopped',
            },
          }),
        );
        break;
      case 'loaded':
        attempt.phase = 'running';
        attempt.assignorName = data.assignorName;
        arm(attempt, deadlineMs, () => failGeneration(attempt, timeoutVerdict(deadlineMs)));
        break;
      case 'generation': {
        if (attempt.phase !== 'running') {
          violated(attempt, 'the sandbox sent a generation before its assignor loaded');
          return;
        }
        let result: GenerationResult;
        try {
          result = attempt.host.accept(data);
        } catch (thrown) {
          if (thrown instanceof StepError)
            finish({ status: 'error', message: hostFailure(thrown) });
          else violated(attempt, hostFailure(thrown));
          return;
        }
        attempt.results.push(result);
        options.onGeneration?.(result, total);
        arm(attempt, deadlineMs, () => failGeneration(attempt, timeoutVerdict(deadlineMs)));
        break;
      }
      case 'done':
        if (attempt.results.length !== total) {
          violated(
            attempt,
            `the sandbox said it was done after ${attempt.results.length} of ${total} generations`,
          );
          return;
        }
        finish({
          status: 'done',
          generations: attempt.results,
          assignorName: attempt.assignorName,
          restarts,
        });
        break;
      case 'load-error':
        finish({ status: 'load-error', error: data.error });
        break;
      case 'failed':
        finish({ status: 'error', message: data.message });
        break;
      default: {
        const unexpected: never = data;
        void unexpected;
      }
    }
  }

  function crashed(attempt: Attempt, reported: string | undefined): void {
    const detail = reported === undefined ? undefined : clipText(reported, 500);
    switch (attempt.phase) {
      case 'starting':
        finish({
          status: 'error',
          message: `the sandbox worker could not start${detail === undefined ? '' : `: ${detail}`}`,
        });
        break;
      case 'loading':
        finish({
          status: 'load-error',
          error: {
            message:
              "the module's top-level code ran out of memory (or crashed the worker)" +
              `${detail === undefined ? '' : ` (${detail})`} — the worker was stopped`,
          },
        });
        break;
      case 'running':
        failGeneration(attempt, crashVerdict(detail));
        break;
    }
  }

  launch();
  return { outcome, stop: (status) => finish({ status }) };
}
