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
import { createHostReplay } from './hostReplay';
import type {
  CustomReplayOutcome,
  GenerationMessage,
  SandboxReplayRequest,
  SandboxRequest,
  SandboxResponse,
} from './protocol';
import { DEADLINE_GRACE_MS, DEFAULT_STARTUP_TIMEOUT_MS } from './supervisor';
import { runSandboxReplay } from './sandbox';
import { DEALER, SMALL_SCENARIO } from './testScenario';
import { budgetVerdict, crashVerdict, timeoutVerdict } from './verdicts';
import { MAX_MESSAGE_CHARS, MAX_SHOWN_CHARS } from './messages';

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

  /** Delivers a response to the request this worker got, as the JSON text a sandbox sends. */
  reply(response: Omit<SandboxResponse, 'id'> | Record<string, unknown>): void {
    this.emit('message', { data: JSON.stringify({ ...response, id: this.request.id }) });
  }

  emit(type: string, event: SandboxWorkerEvent): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** Loads, then sends generations `from`..`to` with the given errors. */
  generations(from: number, to: number, errors: Record<number, string> = {}): void {
    for (let generation = from; generation <= to; generation++) {
      this.reply(report(generation, errors[generation]));
    }
  }

  load(): void {
    this.reply({ type: 'loading' });
    this.reply({ type: 'loaded', assignorName: 'mine', style: 'object' });
  }
}

const SOURCE = { name: 'mine', language: 'typescript', source: 'export default {}' } as const;

/** What a real sandbox reports for SMALL_SCENARIO with the dealer assignor. */
const REPORTS: GenerationMessage[] = (() => {
  const reports: GenerationMessage[] = [];
  runSandboxReplay(
    {
      type: 'replay',
      id: 1,
      scenario: SMALL_SCENARIO,
      assignor: { ...SOURCE, source: DEALER },
      skip: [],
    },
    (response) => {
      if (response.type === 'generation') reports.push(response);
    },
  );
  return reports;
})();

function report(generation: number, error?: string): GenerationMessage {
  const sent = REPORTS[generation - 1] as GenerationMessage;
  return error === undefined ? sent : { ...sent, assignment: null, error };
}

/** The results the runner computes itself from those reports, generations failed as given. */
function expectedRun(errors: Record<number, string> = {}): GenerationResult[] {
  const host = createHostReplay(SMALL_SCENARIO);
  return REPORTS.map((_, i) => host.accept(report(i + 1, errors[i + 1])));
}

const DEADLINE = 1000;

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
      generations: expectedRun(),
      assignorName: 'mine',
      restarts: 0,
    });
    expect(onGeneration).toHaveBeenCalledTimes(3);
    expect(onGeneration).toHaveBeenLastCalledWith(expectedRun()[2], 3);
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
      generations: expectedRun({ 2: verdict }),
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
          'the sandbox worker stopped: an uncaught error, or it ran out of memory — the worker was stopped and replaced',
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

  it('stops a worker that sends anything outside the protocol before it loads', async () => {
    const r = runner();
    for (const data of [
      'hello',
      { type: 'done', id: 1 },
      JSON.stringify({ type: 'done', id: 999 }),
    ]) {
      const promise = r.replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
      latest().emit('message', { data });
      const outcome = await settled(promise);
      expect(outcome.status).toBe('error');
      expect(latest().terminated).toBe(true);
    }
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

describe('what the runner accepts from a sandbox', () => {
  /** Loads, sends generation 1 as `generationOne`, and returns generation 1's verdict. */
  async function verdictOfGenerationOne(generationOne: unknown): Promise<string | undefined> {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().emit('message', { data: generationOne });
    // The worker is replaced; the new one skips generation 1 with that verdict.
    const verdict = latest().request.skip[0]?.verdict;
    latest().load();
    latest().generations(1, 3, verdict === undefined ? {} : { 1: verdict });
    latest().reply({ type: 'done' });
    const outcome = await settled(promise);
    expect(outcome.status).toBe('done');
    return outcome.status === 'done' ? outcome.generations[0]?.error : undefined;
  }

  const json = (value: unknown) => JSON.stringify({ ...(value as object), id: 1 });
  const one = REPORTS[0] as GenerationMessage;

  it('turns a result of the wrong types into a verdict for that generation', async () => {
    const wrong = {
      ...one,
      assignment: [['a', { version: 0, assignment: 'not pairs', userData: [] }]],
    };
    expect(await verdictOfGenerationOne(json(wrong))).toMatch(
      /^the sandbox sent a malformed message \(assignment\[0\]\[1\]\.assignment: .*\) — the worker was stopped and replaced$/,
    );
  });

  it('refuses objects, huge messages and huge strings without parsing them', async () => {
    // A structured-clone object (it could have carried getters or cycles) is not protocol text.
    expect(await verdictOfGenerationOne({ ...one, id: 1 })).toMatch(/not protocol text/);
    const huge = json({ ...one, error: 'x'.repeat(MAX_MESSAGE_CHARS) });
    expect(await verdictOfGenerationOne(huge)).toMatch(/more than the limit of 16777216/);
    const entries = JSON.stringify({ ...one, id: 1, metadata: [] }).replace(
      '"metadata":[]',
      `"metadata":[${'0,'.repeat(10_000_000)}0]`,
    );
    expect(await verdictOfGenerationOne(entries)).toMatch(/more than the limit/);
  });

  it('clips a long thrown text to what can be shown', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().reply({ ...one, assignment: null, error: 'y'.repeat(1_000_000) });
    latest().generations(2, 3);
    latest().reply({ type: 'done' });
    const outcome = await settled(promise);
    const error = outcome.status === 'done' ? outcome.generations[0]?.error : undefined;
    expect(error?.length).toBeLessThan(MAX_SHOWN_CHARS + 100);
    expect(error).toMatch(/… \(998000 more characters\)$/);
  });

  it('computes the problems itself: a sandbox cannot report an invalid assignment as valid', async () => {
    // Every partition of t to member a, twice, and none of u: what a patched
    // Array.prototype.push inside the sandbox could not hide, since the runner checks.
    const forged = {
      ...one,
      assignment: [
        ['a', { version: 0, assignment: [['t', [0, 1, 2, 3, 3]]], userData: [] }],
        ['b', { version: 0, assignment: [['t', [0]]], userData: [] }],
      ],
    };
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().reply(forged);
    latest().generations(2, 3);
    latest().reply({ type: 'done' });
    const outcome = await settled(promise);
    const first = outcome.status === 'done' ? outcome.generations[0] : undefined;
    expect(first?.error).toBeUndefined();
    expect(first?.problems.length).toBeGreaterThanOrEqual(2);
    expect(first?.metrics.unassigned).toBe(2);
  });

  it('does not take "done" before every generation arrived', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, { deadlineMs: DEADLINE });
    latest().load();
    latest().generations(1, 1);
    latest().reply({ type: 'done' });
    expect(latest().request.skip[0]?.verdict).toMatch(/done after 1 of 3 generations/);
    runner().cancel();
    void promise;
  });

  it('stops the run at its total budget and fails what is left, saying so', async () => {
    const promise = runner().replay(SMALL_SCENARIO, SOURCE, {
      deadlineMs: DEADLINE,
      budgetMs: 1500,
    });
    latest().load();
    latest().generations(1, 1);
    await vi.advanceTimersByTimeAsync(900);
    latest().generations(2, 2);
    await vi.advanceTimersByTimeAsync(700);
    const outcome = await settled(promise);
    expect(outcome).toMatchObject({ status: 'done', budgetUsedUp: true });
    const generations = outcome.status === 'done' ? outcome.generations : [];
    expect(generations.map((g) => g.error)).toEqual([undefined, undefined, budgetVerdict(1500)]);
    expect(latest().terminated).toBe(true);
  });
});
