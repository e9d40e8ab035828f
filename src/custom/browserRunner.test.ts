/**
 * The shared supervision loop, through the browser runner, with fake workers and fake
 * timers: deadlines, restarts that skip the failed generation, crashes, supersede, cancel.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerationResult } from '../scenario/replay';
import {
  createCustomReplayRunner,
  type SandboxWorkerEvent,
  type SandboxWorkerLike,
} from './browserRunner';
import type {
  CustomReplayOutcome,
  SandboxReplayRequest,
  SandboxRequest,
  SandboxResponse,
} from './protocol';
import { DEADLINE_GRACE_MS, DEFAULT_STARTUP_TIMEOUT_MS } from './supervisor';
import { SMALL_SCENARIO } from './testScenario';
import { crashVerdict, timeoutVerdict } from './verdicts';

type Listener = (event: SandboxWorkerEvent) => void;

class FakeWorker implements SandboxWorkerLike {
  readonly posted: SandboxRequest[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Listener[]>();

  postMessage(message: SandboxRequest): void {
    this.posted.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  get request(): SandboxReplayRequest {
    const request = this.posted[0];
    if (request === undefined) throw new Error('nothing was posted');
    return request;
  }

  /** Delivers a response to the request this worker got (or any `data`). */
  reply(response: Omit<SandboxResponse, 'id'> | Record<string, unknown>): void {
    this.emit('message', { data: { id: this.request.id, ...response } });
  }

  emit(type: string, event: SandboxWorkerEvent): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** Loads, then sends generations `from`..`to` with the given errors. */
  generations(from: number, to: number, errors: Record<number, string> = {}): void {
    for (let generation = from; generation <= to; generation++) {
      this.reply({ type: 'generation', result: result(generation, errors[generation]) });
    }
  }

  load(): void {
    this.reply({ type: 'loading' });
    this.reply({ type: 'loaded', assignorName: 'mine', style: 'object' });
  }
}

function result(generation: number, error?: string): GenerationResult {
  return { generation, error } as unknown as GenerationResult;
}

const DEADLINE = 1000;
const SOURCE = { name: 'mine', language: 'typescript', source: 'export default {}' } as const;

let workers: FakeWorker[];
const latest = () => workers[workers.length - 1] as FakeWorker;

function runner() {
  return createCustomReplayRunner({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
  });
}

async function settled(promise: Promise<CustomReplayOutcome>): Promise<CustomReplayOutcome> {
  let outcome: CustomReplayOutcome | undefined;
  void promise.then((o) => (outcome = o));
  await vi.advanceTimersByTimeAsync(0);
  if (outcome === undefined) throw new Error('the replay has not settled');
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('custom replay runner', () => {
  it('sends the scenario and the source, and collects every generation', async () => {
    const onGeneration = vi.fn();
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE, onGeneration });
    const worker = latest();
    expect(worker.request).toMatchObject({
      type: 'replay',
      scenario: SMALL_SCENARIO,
      assignor: SOURCE,
      skip: [],
    });
    worker.load();
    worker.generations(1, 3);
    worker.reply({ type: 'done' });
    expect(await settled(promise)).toEqual({
      status: 'done',
      generations: [result(1), result(2), result(3)],
      assignorName: 'mine',
      restarts: 0,
    });
    expect(onGeneration).toHaveBeenCalledTimes(3);
    expect(onGeneration).toHaveBeenLastCalledWith(result(3), 3);
    expect(worker.terminated).toBe(true);
  });

  it('does not count worker start-up against the deadline', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    await vi.advanceTimersByTimeAsync(DEADLINE * 5);
    latest().load();
    latest().generations(1, 3);
    latest().reply({ type: 'done' });
    expect((await settled(promise)).status).toBe('done');
    expect(workers).toHaveLength(1);
  });

  it('stops a generation that misses the deadline and replays without it', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    const first = latest();
    first.load();
    first.generations(1, 1);
    await vi.advanceTimersByTimeAsync(DEADLINE - 1);
    expect(first.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + DEADLINE_GRACE_MS);
    expect(first.terminated).toBe(true);

    const second = latest();
    expect(second).not.toBe(first);
    const verdict = timeoutVerdict(DEADLINE);
    expect(verdict).toBe(
      'timed out after 1000 ms: the assignor did not return (an infinite loop?) — the worker was stopped and replaced',
    );
    expect(second.request.skip).toEqual([{ generation: 2, verdict }]);
    // Late words from the stopped worker change nothing.
    first.generations(2, 3);
    first.reply({ type: 'done' });

    second.load();
    second.generations(1, 3, { 2: verdict });
    second.reply({ type: 'done' });
    expect(await settled(promise)).toEqual({
      status: 'done',
      generations: [result(1), result(2, verdict), result(3)],
      assignorName: 'mine',
      restarts: 1,
    });
  });

  it('takes a result that arrives within the grace period after the deadline', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    await vi.advanceTimersByTimeAsync(DEADLINE + DEADLINE_GRACE_MS - 1);
    latest().generations(1, 3);
    latest().reply({ type: 'done' });
    expect((await settled(promise)).status).toBe('done');
    expect(workers).toHaveLength(1);
  });

  it('restarts once per failed generation, each time skipping one more', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    await vi.advanceTimersByTimeAsync(DEADLINE + DEADLINE_GRACE_MS);
    latest().load();
    latest().generations(1, 1, { 1: 'skipped' });
    latest().emit('error', { message: 'Out of memory' });
    expect(latest().request.skip).toEqual([
      { generation: 1, verdict: timeoutVerdict(DEADLINE) },
      { generation: 2, verdict: crashVerdict('Out of memory') },
    ]);
    latest().load();
    latest().generations(1, 3);
    latest().reply({ type: 'done' });
    const outcome = await settled(promise);
    expect(outcome).toMatchObject({ status: 'done', restarts: 2 });
    expect(workers).toHaveLength(3);
  });

  it('calls a crash without a message a crash', async () => {
    const r = runner();
    const promise = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().emit('error', {});
    expect(latest().request.skip).toEqual([
      {
        generation: 1,
        verdict:
          'the assignor ran out of memory (or crashed the worker) — the worker was stopped and replaced',
      },
    ]);
    r.cancel();
    expect(await settled(promise)).toEqual({ status: 'cancelled' });
  });

  it('gives up when a skipped generation still fails', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().emit('messageerror', {});
    latest().load();
    latest().emit('error', { message: 'again' });
    const outcome = await settled(promise);
    expect(outcome).toMatchObject({ status: 'error' });
    expect(outcome.status === 'error' && outcome.message).toMatch(
      /^the sandbox failed at generation 1 without running assignor code/,
    );
    expect(workers).toHaveLength(2);
  });

  it('reports top-level code that hangs as a load error, without restarting', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().reply({ type: 'loading' });
    await vi.advanceTimersByTimeAsync(DEADLINE + DEADLINE_GRACE_MS);
    expect(await settled(promise)).toEqual({
      status: 'load-error',
      error: {
        message:
          "timed out after 1000 ms while running the module's top-level code (an infinite loop?) — the worker was stopped",
      },
    });
    expect(workers).toHaveLength(1);
    expect(latest().terminated).toBe(true);
  });

  it('passes load errors and replay failures through', async () => {
    const r = runner();
    const loadError = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().reply({
      type: 'load-error',
      error: { message: 'Unexpected token', line: 2, column: 5 },
    });
    expect(await settled(loadError)).toEqual({
      status: 'load-error',
      error: { message: 'Unexpected token', line: 2, column: 5 },
    });
    const failed = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().reply({ type: 'failed', message: 'the scenario cannot be replayed: …' });
    expect(await settled(failed)).toEqual({
      status: 'error',
      message: 'the scenario cannot be replayed: …',
    });
  });

  it('reports a worker that cannot start', async () => {
    const r = runner();
    const broken = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().emit('error', { message: 'Failed to fetch module script' });
    expect(await settled(broken)).toEqual({
      status: 'error',
      message: 'the sandbox worker could not start: Failed to fetch module script',
    });
    const silent = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    await vi.advanceTimersByTimeAsync(DEFAULT_STARTUP_TIMEOUT_MS + DEADLINE_GRACE_MS);
    expect(await settled(silent)).toMatchObject({ status: 'error' });
  });

  it('ignores messages that are not for it', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().emit('message', { data: 'hello' });
    latest().emit('message', { data: { type: 'done', id: 999 } });
    latest().load();
    latest().generations(1, 3);
    latest().reply({ type: 'done' });
    expect((await settled(promise)).status).toBe('done');
  });

  it('supersedes a running replay with a newer one', async () => {
    const r = runner();
    const first = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    const firstWorker = latest();
    const second = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    expect(await settled(first)).toEqual({ status: 'superseded' });
    expect(firstWorker.terminated).toBe(true);
    latest().load();
    latest().generations(1, 3);
    latest().reply({ type: 'done' });
    expect((await settled(second)).status).toBe('done');
  });

  it('cancels, and stays usable', async () => {
    const r = runner();
    const cancelled = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    r.cancel();
    expect(await settled(cancelled)).toEqual({ status: 'cancelled' });
    expect(latest().terminated).toBe(true);
    r.cancel(); // idle: nothing happens
    const disposed = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    r.dispose();
    expect(await settled(disposed)).toEqual({ status: 'cancelled' });
    // No timers left behind to fire into a finished replay.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a scenario the worker cannot take', async () => {
    const r = createCustomReplayRunner({
      createWorker: () => {
        const worker = new FakeWorker();
        worker.postMessage = () => {
          throw new DOMException('could not be cloned', 'DataCloneError');
        };
        return worker;
      },
    });
    expect(await settled(r.replay(SMALL_SCENARIO, SOURCE))).toEqual({
      status: 'error',
      message: 'could not send the scenario: DataCloneError: could not be cloned',
    });
  });
});
