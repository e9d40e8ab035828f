import { describe, expect, it } from 'vitest';
import { BUILTIN_ASSIGNOR_NAMES, createBuiltinAssignor } from '../core/assignors';
import { protocolRunsOf } from '../scenario/protocolReplay';
import { replayAll, type GenerationResult } from '../scenario/replay';
import { serverRunFactory } from '../scenario/serverRuns';
import type { Scenario, Step } from '../scenario/types';
import type { ReplayRequest, ReplayResponse } from './protocol';
import { createReplayHandler, type ReplayHandlerOptions } from './replayHandler';

const small: Scenario = {
  name: 'small',
  userDataMode: 'aiokafka',
  cluster: { orders: 6, payments: 3 },
  steps: [
    {
      changes: [
        { type: 'join', member: 'c1', subscription: ['orders', 'payments'] },
        { type: 'join', member: 'c2', subscription: ['orders'] },
      ],
    },
    { changes: [{ type: 'join', member: 'c3', subscription: ['orders', 'payments'] }] },
    { changes: [{ type: 'leave', member: 'c2' }] },
    { changes: [{ type: 'add-partitions', topic: 'payments', partitions: 5 }] },
    { changes: [{ type: 'rejoin-stale', member: 'c2' }] },
    { changes: [{ type: 'restart', member: 'c1' }], note: 'c1 crashes' },
    { changes: [{ type: 'create-topic', topic: 'ghost', partitions: 2 }] },
    { changes: [{ type: 'subscribe', member: 'c3', subscription: ['ghost', 'missing'] }] },
  ],
};

/** A member leaving and coming back, `steps` times after the group forms. */
function churn(steps: number): Scenario {
  const members = ['a', 'b', 'c', 'd', 'e'];
  const rest: Step[] = Array.from({ length: steps }, (_, i) => ({
    changes: [
      i % 2 === 0
        ? { type: 'leave', member: members[(i / 2) % members.length] as string }
        : { type: 'rejoin-stale', member: members[((i - 1) / 2) % members.length] as string },
    ],
  }));
  return {
    name: 'churn',
    userDataMode: 'counter',
    cluster: { t0: 12, t1: 7, t2: 20 },
    steps: [
      {
        changes: members.map((member) => ({
          type: 'join' as const,
          member,
          subscription: ['t0', 't1', 't2'],
        })),
      },
      ...rest,
    ],
  };
}

/** A handler whose responses are recorded after a structured clone, as postMessage sends them. */
function recordingHandler(options?: ReplayHandlerOptions) {
  const messages: ReplayResponse[] = [];
  const listeners: ((message: ReplayResponse) => void)[] = [];
  const handler = createReplayHandler((response) => {
    const copy = structuredClone(response);
    messages.push(copy);
    for (const listener of listeners) listener(copy);
  }, options);
  return {
    messages,
    handle: (request: ReplayRequest) => handler.handle(request),
    onMessage: (listener: (message: ReplayResponse) => void) => listeners.push(listener),
  };
}

/** What the `generation` messages for replay `id` carried, per assignor, in arrival order. */
function resultsFrom(messages: readonly ReplayResponse[], id: number) {
  const results: Record<string, GenerationResult[]> = {};
  for (const m of messages)
    if (m.type === 'generation' && m.id === id) (results[m.assignor] ??= []).push(m.result);
  return results;
}

const replay = (id: number, scenario: Scenario, assignors = [...BUILTIN_ASSIGNOR_NAMES]) =>
  ({ type: 'replay', id, scenario, assignors }) as const;

describe('createReplayHandler', () => {
  it('replays each assignor exactly as replayAll does', async () => {
    const { messages, handle } = recordingHandler();
    await handle(replay(1, small));
    const done = messages.at(-1);
    if (done?.type !== 'replay-done') throw new Error(`expected replay-done, got ${done?.type}`);
    expect(done.id).toBe(1);
    const results = resultsFrom(messages, 1);
    expect(Object.keys(results)).toEqual([...BUILTIN_ASSIGNOR_NAMES]);
    expect(Object.keys(done.elapsedMs)).toEqual([...BUILTIN_ASSIGNOR_NAMES]);
    for (const name of BUILTIN_ASSIGNOR_NAMES) {
      expect(results[name], name).toEqual(replayAll(small, () => createBuiltinAssignor(name)));
      expect(results[name]).toHaveLength(small.steps.length);
      expect(done.elapsedMs[name]).toBeGreaterThanOrEqual(0);
    }
    expect(messages.filter((m) => m.type === 'replay-done')).toHaveLength(1);
  });

  it('sends each generation as its own message, as soon as it is computed', async () => {
    const { messages, handle } = recordingHandler({ now: () => 0 });
    await handle(replay(12, small, ['range', 'sticky']));
    const steps = small.steps.length;
    expect(messages.map((m) => m.type)).toEqual([
      ...Array<string>(steps).fill('generation'),
      'progress',
      ...Array<string>(steps).fill('generation'),
      'progress',
      'replay-done',
    ]);
    const generations = messages.flatMap((m) => (m.type === 'generation' ? [m] : []));
    expect(generations.map((m) => [m.assignor, m.result.generation])).toEqual([
      ...small.steps.map((_, i) => ['range', i + 1]),
      ...small.steps.map((_, i) => ['sticky', i + 1]),
    ]);
  });

  it('names every assignor in replay-done, also when the scenario has no steps', async () => {
    const { messages, handle } = recordingHandler();
    await handle(replay(13, { ...small, steps: [] }, ['range', 'sticky']));
    expect(messages.some((m) => m.type === 'generation')).toBe(false);
    const done = messages.at(-1);
    if (done?.type !== 'replay-done') throw new Error('expected replay-done');
    expect(Object.keys(done.elapsedMs)).toEqual(['range', 'sticky']);
  });

  it('replays only the requested assignors, each once', async () => {
    const { messages, handle } = recordingHandler();
    await handle(replay(4, small, ['sticky', 'range', 'sticky']));
    const done = messages.at(-1);
    if (done?.type !== 'replay-done') throw new Error('expected replay-done');
    expect(Object.keys(resultsFrom(messages, 4))).toEqual(['sticky', 'range']);
    expect(Object.keys(done.elapsedMs)).toEqual(['sticky', 'range']);
  });

  it('reports progress, throttled, ending with done === total for each assignor', async () => {
    let clock = 0;
    // Every generation takes 20 ms on this clock: progress at most every 50 ms means
    // every third generation, plus the final one.
    const { messages, handle } = recordingHandler({ now: () => (clock += 10) });
    const scenario = churn(20);
    const total = scenario.steps.length;
    await handle(replay(2, scenario, ['range', 'sticky']));
    const progress = messages.filter((m) => m.type === 'progress');
    for (const name of ['range', 'sticky'] as const) {
      const mine = progress.filter((m) => m.assignor === name);
      expect(mine.at(-1)).toEqual({ type: 'progress', id: 2, assignor: name, done: total, total });
      expect(mine.length).toBeGreaterThan(1);
      expect(mine.length).toBeLessThan(total / 2);
      const counts = mine.map((m) => m.done);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
    // range finishes before sticky starts; the final message is the result.
    expect(progress.findIndex((m) => m.assignor === 'sticky')).toBeGreaterThan(
      progress.findLastIndex((m) => m.assignor === 'range'),
    );
    expect(messages.at(-1)?.type).toBe('replay-done');
  });

  it('sends only the final progress message when generations are quick', async () => {
    const { messages, handle } = recordingHandler({ now: () => 0 });
    await handle(replay(3, small, ['roundrobin']));
    expect(messages.filter((m) => m.type === 'progress')).toEqual([
      { type: 'progress', id: 3, assignor: 'roundrobin', done: 8, total: 8 },
    ]);
  });

  it('reports an invalid step as invalid-scenario, naming the step and change', async () => {
    const { messages, handle } = recordingHandler();
    const invalid: Scenario = {
      ...small,
      steps: [
        ...small.steps.slice(0, 2),
        {
          changes: [
            { type: 'join', member: 'c9', subscription: ['orders'] },
            { type: 'leave', member: 'nobody' },
          ],
        },
      ],
    };
    await handle(replay(5, invalid));
    expect(messages.at(-1)).toEqual({
      type: 'replay-error',
      id: 5,
      reason: 'invalid-scenario',
      message: 'step 3, change 2: nobody is not in the group',
    });
    expect(messages.some((m) => m.type === 'replay-done')).toBe(false);
  });

  it('reports assignor code that throws outside assign as assignor-failed', async () => {
    const { messages, handle } = recordingHandler({
      createAssignor: (name) => {
        const assignor = createBuiltinAssignor(name);
        return Object.assign(Object.create(assignor) as typeof assignor, {
          onAssignment: () => {
            throw new RangeError('boom');
          },
        });
      },
    });
    await handle(replay(6, small, ['range']));
    expect(messages.at(-1)).toMatchObject({
      type: 'replay-error',
      id: 6,
      reason: 'assignor-failed',
    });
    expect((messages.at(-1) as { message: string }).message).toMatch(
      /range assignor of c1 failed in onAssignment\(\): RangeError: boom/,
    );
  });

  it('records a throw from assign as the generation error, not a failed replay', async () => {
    const { messages, handle } = recordingHandler({
      createAssignor: (name) => {
        const assignor = createBuiltinAssignor(name);
        return Object.assign(Object.create(assignor) as typeof assignor, {
          assign: () => {
            throw new Error('no');
          },
        });
      },
    });
    await handle(replay(7, small, ['sticky']));
    const done = messages.at(-1);
    if (done?.type !== 'replay-done') throw new Error('expected replay-done');
    expect(resultsFrom(messages, 7).sticky?.map((g) => g.error)).toEqual(
      small.steps.map(() => 'Error: no'),
    );
  });

  it('reports an unknown assignor as internal', async () => {
    const { messages, handle } = recordingHandler();
    await handle({ type: 'replay', id: 8, scenario: small, assignors: ['cooperative' as 'range'] });
    expect(messages).toEqual([
      {
        type: 'replay-error',
        id: 8,
        reason: 'internal',
        message: 'Error: unknown assignor "cooperative"',
      },
    ]);
  });

  it('answers an unknown request type with an internal error', async () => {
    const { messages, handle } = recordingHandler();
    await handle({ type: 'explode', id: 9 } as unknown as ReplayRequest);
    expect(messages).toEqual([
      {
        type: 'replay-error',
        id: 9,
        reason: 'internal',
        message: 'unknown request type "explode"',
      },
    ]);
  });

  it('lets a newer replay supersede the running one', async () => {
    const { messages, handle } = recordingHandler();
    const first = handle(replay(10, churn(300)));
    const second = handle(replay(11, small));
    await Promise.all([first, second]);
    expect(messages.filter((m) => m.id === 10)).toEqual([{ type: 'cancelled', id: 10 }]);
    const done = messages.at(-1);
    expect(done?.type).toBe('replay-done');
    expect(done?.id).toBe(11);
  });

  it('supersedes a replay that is already part-way through', async () => {
    const { messages, handle, onMessage } = recordingHandler({ progressIntervalMs: 0 });
    let second: Promise<void> | undefined;
    onMessage((message) => {
      if (message.id === 20 && message.type === 'progress' && second === undefined) {
        second = new Promise((resolve) =>
          setTimeout(() => resolve(handle(replay(21, small, ['range']))), 0),
        );
      }
    });
    await handle(replay(20, churn(300)));
    await second;
    const forFirst = messages.filter((m) => m.id === 20);
    expect(forFirst.at(-1)).toEqual({ type: 'cancelled', id: 20 });
    expect(forFirst.some((m) => m.type === 'replay-done')).toBe(false);
    expect(messages.at(-1)).toMatchObject({ type: 'replay-done', id: 21 });
  });

  it('stops a long replay on cancel, before it is done', async () => {
    const { messages, handle, onMessage } = recordingHandler({ progressIntervalMs: 0 });
    const scenario = churn(300);
    let cancelSent = false;
    onMessage((message) => {
      if (message.type === 'progress' && !cancelSent) {
        cancelSent = true;
        // As a real cancel arrives: a separate task, while the replay keeps going.
        setTimeout(() => void handle({ type: 'cancel', id: 30 }), 0);
      }
    });
    await handle(replay(30, scenario));
    expect(cancelSent).toBe(true);
    expect(messages.at(-1)).toEqual({ type: 'cancelled', id: 30 });
    expect(messages.some((m) => m.type === 'replay-done')).toBe(false);
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.at(-1)?.assignor).toBe('range');
    expect(progress.at(-1)?.done).toBeLessThan(scenario.steps.length);
    // Nothing more arrives afterwards.
    const count = messages.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages).toHaveLength(count);
  });

  it('ignores cancel for an unknown or finished replay', async () => {
    const { messages, handle } = recordingHandler();
    await handle({ type: 'cancel', id: 99 });
    expect(messages).toEqual([]);
    await handle(replay(40, small, ['range']));
    const count = messages.length;
    await handle({ type: 'cancel', id: 40 });
    expect(messages).toHaveLength(count);
    expect(messages.at(-1)?.type).toBe('replay-done');
  });

  it('cancels a replay that was superseded only once', async () => {
    const { messages, handle } = recordingHandler();
    const first = handle(replay(50, churn(300)));
    const second = handle(replay(51, churn(300)));
    await handle({ type: 'cancel', id: 50 });
    await handle({ type: 'cancel', id: 51 });
    await Promise.all([first, second]);
    expect(messages).toEqual([
      { type: 'cancelled', id: 50 },
      { type: 'cancelled', id: 51 },
    ]);
  });
});

describe('protocol runs', () => {
  it('plays every generation under each requested protocol, from the assignment before it', async () => {
    const { messages, handle } = recordingHandler({ yieldToEventLoop: async () => undefined });
    await handle({
      type: 'replay',
      id: 7,
      scenario: small,
      assignors: ['sticky'],
      protocols: ['eager', 'cooperative'],
    });
    const generations = messages.filter((m) => m.type === 'generation');
    expect(generations).toHaveLength(small.steps.length);
    const results = generations.map((m) => m.result);
    for (const protocol of ['eager', 'cooperative'] as const) {
      const sent = generations.map((m) => m.protocolRuns?.[protocol]);
      // The same runs the shared function computes from the same results.
      expect(sent).toEqual(protocolRunsOf(protocol, results));
    }
    // Generation 2 (c3 joins): eager stops every partition a staying member owned,
    // cooperative only those that change owner.
    const eager = generations[1]?.protocolRuns?.eager;
    const cooperative = generations[1]?.protocolRuns?.cooperative;
    expect(eager?.metrics.rounds).toBe(1);
    expect(eager?.metrics.unconsumedPartitions).toBe(9);
    expect(cooperative?.metrics.unconsumedPartitions).toBe(results[1]?.metrics.moved);
    expect(generations[0]?.protocolRuns?.consumer).toBeUndefined();
  });

  it('sends no protocol runs unless asked, and replays the server-side assignors', async () => {
    const { messages, handle } = recordingHandler({ yieldToEventLoop: async () => undefined });
    await handle({
      type: 'replay',
      id: 8,
      scenario: small,
      assignors: ['server-uniform', 'server-range'],
    });
    expect(messages.find((m) => m.type === 'replay-error')).toBeUndefined();
    const results = resultsFrom(messages, 8);
    for (const name of ['server-uniform', 'server-range'])
      expect(results[name]).toEqual(replayAll(small, serverRunFactory(name as 'server-uniform')));
    for (const m of messages) if (m.type === 'generation') expect(m.protocolRuns).toBeUndefined();
  });
});
