import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { replayAll } from '../scenario/replay';
import type { Scenario, Step } from '../scenario/types';
import {
  createReplayClient,
  WORKER_CRASHED_MESSAGE,
  type ReplayProgress,
  type WorkerEventLike,
  type WorkerLike,
} from './client';
import type { ReplayRequest, ReplayResponse } from './protocol';
import { createReplayHandler } from './replayHandler';

type EventType = 'message' | 'error' | 'messageerror';

/** A worker whose messages travel by structured clone and a task hop, like a real one. */
class FakeWorker implements WorkerLike {
  readonly received: ReplayRequest[] = [];
  terminated = false;
  private readonly listeners = new Map<EventType, ((event: WorkerEventLike) => void)[]>();
  /** Where requests go; by default the real handler, in-process. */
  onRequest: (request: ReplayRequest) => void;

  constructor() {
    const handler = createReplayHandler((response) => this.respond(response));
    this.onRequest = (request) => void handler.handle(request);
  }

  postMessage(message: ReplayRequest): void {
    const copy = structuredClone(message);
    this.received.push(copy);
    setTimeout(() => {
      if (!this.terminated) this.onRequest(copy);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: EventType, listener: (event: WorkerEventLike) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** Sends a response to the main thread, as the worker would. */
  respond(response: ReplayResponse | Record<string, unknown>): void {
    const copy = structuredClone(response);
    setTimeout(() => {
      if (!this.terminated) this.emit('message', { data: copy });
    }, 0);
  }

  emit(type: EventType, event: WorkerEventLike): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

function fakeWorkers() {
  const workers: FakeWorker[] = [];
  const createWorker = () => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  };
  return { workers, createWorker };
}

const small: Scenario = {
  name: 'small',
  userDataMode: 'aiokafka',
  cluster: { orders: 4, payments: 2 },
  steps: [
    {
      changes: [
        { type: 'join', member: 'c1', subscription: ['orders', 'payments'] },
        { type: 'join', member: 'c2', subscription: ['orders'] },
      ],
    },
    { changes: [{ type: 'leave', member: 'c1' }] },
    { changes: [{ type: 'rejoin-stale', member: 'c1' }] },
  ],
};

function churn(steps: number): Scenario {
  const rest: Step[] = Array.from({ length: steps }, (_, i) => ({
    changes: [i % 2 === 0 ? { type: 'leave', member: 'a' } : { type: 'rejoin-stale', member: 'a' }],
  }));
  const join = (member: string) => ({ type: 'join' as const, member, subscription: ['t'] });
  return {
    name: 'churn',
    userDataMode: 'aiokafka',
    cluster: { t: 30 },
    steps: [{ changes: [join('a'), join('b'), join('c')] }, ...rest],
  };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createReplayClient', () => {
  it('runs a replay in the worker and resolves with its results', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    const progress: ReplayProgress[] = [];
    const outcome = await client.replay(small, ['range', 'sticky'], (p) => progress.push(p));
    if (outcome.status !== 'done') throw new Error(`expected done, got ${outcome.status}`);
    expect(outcome.results).toEqual({
      range: replayAll(small, () => createBuiltinAssignor('range')),
      sticky: replayAll(small, () => createBuiltinAssignor('sticky')),
    });
    expect(Object.keys(outcome.elapsedMs)).toEqual(['range', 'sticky']);
    expect(progress.at(-1)).toEqual({ assignor: 'sticky', done: 3, total: 3 });
    expect(progress.filter((p) => p.done === p.total).map((p) => p.assignor)).toEqual([
      'range',
      'sticky',
    ]);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received).toEqual([
      { type: 'replay', id: 1, scenario: small, assignors: ['range', 'sticky'] },
    ]);
  });

  it('puts the results together from one message per generation', async () => {
    const worker = new FakeWorker();
    const generation = (n: number) =>
      ({ ...replayAll(small, () => createBuiltinAssignor('range'))[0], generation: n }) as const;
    worker.onRequest = ({ id }) => {
      worker.respond({ type: 'generation', id, assignor: 'range', result: generation(1) });
      // Another replay's generation: dropped.
      worker.respond({ type: 'generation', id: id + 1, assignor: 'range', result: generation(9) });
      worker.respond({ type: 'generation', id, assignor: 'range', result: generation(2) });
      worker.respond({ type: 'replay-done', id, elapsedMs: { range: 1, sticky: 2 } });
    };
    const client = createReplayClient({ createWorker: () => worker });
    const outcome = await client.replay(small, ['range', 'sticky']);
    if (outcome.status !== 'done') throw new Error(`expected done, got ${outcome.status}`);
    // sticky sent no generations (as for a scenario without steps): an empty list, not stale.
    expect(outcome.results).toEqual({ range: [generation(1), generation(2)], sticky: [] });
    expect(outcome.elapsedMs).toEqual({ range: 1, sticky: 2 });
    // A later replay starts from nothing.
    worker.onRequest = ({ id }) =>
      worker.respond({ type: 'replay-done', id, elapsedMs: { range: 1 } });
    expect(await client.replay(small, ['range'])).toMatchObject({ results: { range: [] } });
  });

  it('gives every replay a fresh id and matches replies by id', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    await client.replay(small, ['range']);
    await client.replay(small, ['roundrobin']);
    expect(workers[0]?.received.map((r) => r.id)).toEqual([1, 2]);
  });

  it('drops replies for other ids and ignores malformed messages', async () => {
    const worker = new FakeWorker();
    worker.onRequest = ({ id }) => {
      worker.respond({ type: 'progress', id: id + 1, assignor: 'range', done: 1, total: 9 });
      worker.respond({ type: 'replay-done', id: id - 1, elapsedMs: {} });
      worker.respond({ type: 'mystery', id });
      worker.respond({ type: 'replay-done', id: String(id), elapsedMs: {} });
      worker.respond({ type: 'progress', id, assignor: 'range', done: 1, total: 1 });
      worker.respond({ type: 'replay-error', id, message: 'x', reason: 'internal' });
    };
    const client = createReplayClient({ createWorker: () => worker });
    const progress: ReplayProgress[] = [];
    const outcome = await client.replay(small, ['range'], (p) => progress.push(p));
    expect(outcome).toEqual({ status: 'error', message: 'x', reason: 'internal' });
    expect(progress).toEqual([{ assignor: 'range', done: 1, total: 1 }]);
  });

  it('reports an invalid scenario as an error, with the step and change', async () => {
    const { createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    const invalid: Scenario = { ...small, steps: [{ changes: [{ type: 'leave', member: 'x' }] }] };
    expect(await client.replay(invalid, ['sticky'])).toEqual({
      status: 'error',
      reason: 'invalid-scenario',
      message: 'step 1, change 1: x is not in the group',
    });
  });

  it('resolves an older replay as superseded and drops its late messages', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    const firstProgress: ReplayProgress[] = [];
    const first = client.replay(churn(300), ['sticky'], (p) => firstProgress.push(p));
    await tick(5); // the worker is part-way through the first replay
    const second = client.replay(small, ['range']);
    expect(await first).toEqual({ status: 'superseded' });
    const progressAtSupersede = firstProgress.length;
    const outcome = await second;
    expect(outcome.status).toBe('done');
    expect(firstProgress).toHaveLength(progressAtSupersede);
    // The worker was asked to replay twice and cancelled the first one itself.
    expect(workers[0]?.received.map((r) => [r.type, r.id])).toEqual([
      ['replay', 1],
      ['replay', 2],
    ]);
  });

  it('cancels the running replay', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    const running = client.replay(churn(300), ['sticky', 'range']);
    await tick(5);
    client.cancel();
    expect(await running).toEqual({ status: 'cancelled' });
    expect(workers[0]?.received.at(-1)).toEqual({ type: 'cancel', id: 1 });
    client.cancel(); // idle: nothing to do
    expect(workers[0]?.received).toHaveLength(2);
    expect((await client.replay(small, ['range'])).status).toBe('done');
  });

  it('restarts a crashed worker, resolves the replay as crashed, and replays again', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    const running = client.replay(churn(300), ['sticky']);
    await tick(5);
    workers[0]?.emit('error', { message: 'Uncaught RangeError: Maximum call stack size exceeded' });
    const outcome = await running;
    expect(outcome).toEqual({
      status: 'crashed',
      message: `${WORKER_CRASHED_MESSAGE} (Uncaught RangeError: Maximum call stack size exceeded)`,
    });
    expect(outcome.status === 'crashed' && outcome.message).toMatch(
      /stopped unexpectedly and was restarted/,
    );
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.terminated).toBe(false);
    const again = await client.replay(small, ['sticky']);
    if (again.status !== 'done') throw new Error(`expected done, got ${again.status}`);
    expect(again.results.sticky).toEqual(replayAll(small, () => createBuiltinAssignor('sticky')));
    expect(workers[1]?.received.map((r) => r.id)).toEqual([2]);
  });

  it('treats messageerror as a crash and ignores events from a dead worker', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    const running = client.replay(churn(300), ['range']);
    await tick(1);
    workers[0]?.emit('messageerror', {});
    expect(await running).toEqual({
      status: 'crashed',
      message: `${WORKER_CRASHED_MESSAGE} (a message could not be read)`,
    });
    expect(workers).toHaveLength(2);
    const next = client.replay(small, ['range']);
    workers[0]?.emit('error', {}); // the old worker: no effect
    workers[0]?.emit('message', {
      data: { type: 'replay-done', id: 2, elapsedMs: {} },
    });
    expect(workers).toHaveLength(2);
    const outcome = await next;
    expect(outcome.status).toBe('done');
    expect(outcome.status === 'done' && Object.keys(outcome.results)).toEqual(['range']);
  });

  it('restarts a worker that crashes while idle', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    await client.replay(small, ['range']);
    workers[0]?.emit('error', { message: 'gone' });
    expect(workers).toHaveLength(2);
    expect((await client.replay(small, ['range'])).status).toBe('done');
  });

  it('resolves an unsendable scenario as an internal error', async () => {
    const client = createReplayClient({ createWorker: () => new FakeWorker() });
    const unsendable = { ...small, extra: () => 1 } as Scenario;
    const outcome = await client.replay(unsendable, ['range']);
    expect(outcome).toMatchObject({ status: 'error', reason: 'internal' });
    expect((await client.replay(small, ['range'])).status).toBe('done');
  });

  it('dispose cancels, terminates the worker, and a later replay starts a new one', async () => {
    const { workers, createWorker } = fakeWorkers();
    const client = createReplayClient({ createWorker });
    expect(workers).toHaveLength(0); // started lazily
    const running = client.replay(churn(300), ['range']);
    client.dispose();
    expect(await running).toEqual({ status: 'cancelled' });
    expect(workers[0]?.terminated).toBe(true);
    expect((await client.replay(small, ['range'])).status).toBe('done');
    expect(workers).toHaveLength(2);
  });
});
