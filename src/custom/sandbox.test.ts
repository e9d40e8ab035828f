/**
 * The sandbox's replay, run in-process (no worker, no hardening): results, verdicts of user
 * code failing in each of its methods, skipped generations, validation.
 */
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../core/metrics';
import { replayAll, type GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { loadCustomAssignor } from './evaluate';
import { createHostReplay } from './hostReplay';
import { parseSandboxMessage } from './messages';
import type { SandboxResponse, SkippedGeneration } from './protocol';
import { runSandboxReplay } from './sandbox';
import { DEALER, dealerWithTrouble, SMALL_SCENARIO } from './testScenario';

function run(
  source: string,
  options: {
    skip?: SkippedGeneration[];
    scenario?: Scenario;
    language?: 'typescript' | 'javascript';
  } = {},
): SandboxResponse[] {
  const responses: SandboxResponse[] = [];
  runSandboxReplay(
    {
      type: 'replay',
      id: 7,
      scenario: options.scenario ?? SMALL_SCENARIO,
      assignor: { name: 'test', language: options.language ?? 'typescript', source },
      skip: options.skip ?? [],
    },
    (response) => responses.push(response),
  );
  return responses;
}

/**
 * The results the runner makes of the sandbox's reports: each one through JSON and the
 * runner's checks (messages.ts), then the trusted replay (hostReplay.ts), as in the page.
 */
function generations(
  responses: SandboxResponse[],
  scenario: Scenario = SMALL_SCENARIO,
): GenerationResult[] {
  expect(responses.at(-1)?.type).toBe('done');
  const host = createHostReplay(scenario);
  return responses.flatMap((sent) => {
    const parsed = parseSandboxMessage(JSON.stringify(sent));
    if (!parsed.ok) throw new Error(parsed.problem);
    const r = parsed.response;
    return r.type === 'generation' ? [host.accept(r)] : [];
  });
}

/** The 1-based line of `text` in `source`. */
function lineOf(source: string, text: string): number {
  return source.slice(0, source.indexOf(text)).split('\n').length;
}

function owned(result: GenerationResult | undefined): Record<string, string> {
  return Object.fromEntries(
    (result?.members ?? []).map((m) => [
      m.id,
      m.assignment.map(([topic, partitions]) => `${topic}${partitions.join(',')}`).join(' '),
    ]),
  );
}

describe('runSandboxReplay', () => {
  it('posts loading, loaded, one message per generation, then done', () => {
    const responses = run(DEALER);
    expect(responses.map((r) => r.type)).toEqual([
      'loading',
      'loaded',
      'generation',
      'generation',
      'generation',
      'done',
    ]);
    expect(responses[1]).toEqual({
      type: 'loaded',
      id: 7,
      assignorName: 'dealer',
      style: 'instance-class',
    });
    expect(responses.every((r) => r.id === 7)).toBe(true);
  });

  it('gives exactly what replayAll gives for the same assignor', () => {
    const loaded = loadCustomAssignor({ language: 'typescript', source: DEALER });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const expected = replayAll(SMALL_SCENARIO, () => loaded.factory());
    const actual = generations(run(DEALER));
    expect(actual).toEqual(expected);
    expect(actual.map((g) => [g.error, g.problems])).toEqual([
      [undefined, []],
      [undefined, []],
      [undefined, []],
    ]);
  });

  it('reports a syntax error before running anything', () => {
    expect(run('export default {\n  name: "x" "y"\n};')).toEqual([
      {
        type: 'load-error',
        id: 7,
        error: { message: expect.stringMatching(/^Unexpected token/), line: 2, column: 13 },
      },
    ]);
  });

  it('reports a shape error after loading', () => {
    const responses = run("export default { name: 'x' };");
    expect(responses.map((r) => r.type)).toEqual(['loading', 'load-error']);
    const error = responses[1]?.type === 'load-error' ? responses[1].error : undefined;
    expect(error?.message).toContain('`assign` is not a function (found undefined)');
  });

  it('fails a skipped generation with its verdict and runs no user code in it', () => {
    // `rounds` counts onAssignment calls and travels in user data, so the next generation
    // shows whether the skipped one touched member state.
    const results = generations(run(DEALER, { skip: [{ generation: 2, verdict: 'timed out' }] }));
    expect(results.map((g) => g.error)).toEqual([undefined, 'timed out', undefined]);
    expect(owned(results[1])).toEqual({ a: '', b: '', c: '' });
    const rounds = (g: GenerationResult | undefined, id: string) =>
      g?.members.find((m) => m.id === id)?.metadataBytes.at(-1);
    // a: one rebalance done before generation 3 (generation 2 was skipped).
    expect(rounds(results[2], 'a')).toBe(1);
    expect(owned(results[2])).toEqual({ a: 't0,2 u0', c: 't1,3 u1' });
  });

  it('names the line of a throw in assign', () => {
    const source = dealerWithTrouble("throw new Error('boom');");
    const results = generations(run(source));
    expect(results.map((g) => g.error)).toEqual([
      undefined,
      `assign() threw Error: boom (line ${lineOf(source, 'boom')})`,
      undefined,
    ]);
  });

  it('calls recursion without end by its name', () => {
    const source = dealerWithTrouble(
      'const down = (n: number): number => down(n + 1) + 1; down(0);',
    );
    expect(generations(run(source))[1]?.error).toBe(
      'assign() recursed without end (RangeError: Maximum call stack size exceeded)',
    );
  });

  it('explains a result of the wrong shape', () => {
    const source = dealerWithTrouble("return new Map([['a', { assignment: [['t', [1.5]]] }]]);");
    expect(generations(run(source))[1]?.error).toBe(
      'assign() returned an invalid result: member "a": partition 1.5 of topic "t" is not an integer',
    );
  });

  it('fails the rebalance when metadata() throws, naming the member', () => {
    const source = DEALER.replace(
      'metadata(topics: Iterable<string>) {',
      "metadata(topics: Iterable<string>) {\n    if (this.rounds === 1) throw new TypeError('no metadata');",
    );
    const results = generations(run(source));
    // Generation 2: a and b have had one rebalance; c is new (0).
    const line = lineOf(source, 'no metadata');
    expect(results[1]?.error).toBe(
      `a's metadata() threw TypeError: no metadata (line ${line}); ` +
        `b's metadata() threw TypeError: no metadata (line ${line})`,
    );
    expect(owned(results[1])).toEqual({ a: '', b: '', c: '' });
  });

  it('keeps the assignment but reports it when onAssignment() throws', () => {
    const source = DEALER.replace(
      'onAssignment() {',
      "onAssignment() {\n    if (this.rounds === 0) throw new Error('cannot store');",
    );
    const results = generations(run(source));
    const line = lineOf(source, 'cannot store');
    expect(results[0]?.error).toBe(
      `a's onAssignment() threw Error: cannot store (line ${line}); ` +
        `b's onAssignment() threw Error: cannot store (line ${line})`,
    );
    expect(owned(results[0])).toEqual({ a: 't0,2 u0,1', b: 't1,3' });
  });

  it('lists the rule violations of an invalid result', () => {
    const source = dealerWithTrouble(
      "return new Map([['a', { assignment: [['t', [0, 1, 2, 3]], ['u', [0, 1]]] }], ['b', { assignment: [['t', [0]], ['u', [9]]] }], ['z', { assignment: [] }]]);",
    );
    const problems = generations(run(source))[1]?.problems ?? [];
    expect(problems.map(describeProblem)).toEqual([
      'b is given u-9, which does not exist',
      'assignment names member z, which is not in the group',
      't-0 is given to 2 members: a, b',
    ]);
  });

  it('does not let user code change the cluster the result is checked against', () => {
    const source = dealerWithTrouble(
      "(cluster.partitionsForTopic('t') as Set<number>).add(99); (members as Map<string, unknown>).delete('c');",
    );
    const results = generations(run(source));
    expect(results[1]?.problems).toEqual([]);
    expect(results[1]?.error).toBeUndefined();
  });

  it('replays the same with Math.random, run after run', () => {
    const source = DEALER.replace(
      'const topics =',
      'const ids = [...members.keys()].sort(() => Math.random() - 0.5);\n    void ids;\n    const topics =',
    ).replace('rounds = 0;', 'rounds = Math.random();');
    expect(generations(run(source))).toEqual(generations(run(source)));
  });

  it('reports a scenario that cannot be replayed', () => {
    const scenario: Scenario = {
      ...SMALL_SCENARIO,
      steps: [{ changes: [{ type: 'leave', member: 'nobody' }] }],
    };
    const responses = run(DEALER, { scenario });
    expect(responses.at(-1)).toMatchObject({
      type: 'failed',
      message: expect.stringMatching(/^the scenario cannot be replayed: step 1, change 1: /),
    });
  });
});
