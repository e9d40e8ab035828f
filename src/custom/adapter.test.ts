import { describe, expect, it } from 'vitest';
import {
  ASSIGNOR_MIGRATION_DOC,
  AssignorResultError,
  AssignorShapeError,
  normalizeGroupAssignment,
  normalizeMemberAssignment,
  normalizeMemberMetadata,
  toAssignorFactory,
} from './adapter';
import { StickyAssignor } from '../core/assignors';
import { StaticCluster } from '../core/cluster';
import { decodeStickyUserData } from '../core/protocol';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberAssignment,
  MemberMetadata,
} from '../core/types';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const cluster = new StaticCluster({ t: 4, u: 2 });

function members(...entries: [string, readonly string[]][]): GroupMembers {
  return new Map(
    entries.map(([id, subscription]) => [
      id,
      { version: 0, subscription, userData: new Uint8Array(0) },
    ]),
  );
}

/** Deals every subscribed partition out in member order: the tiny assignor of these tests. */
function dealTopics(
  cluster: ClusterMetadata,
  group: GroupMembers,
): Record<string, [string, number[]][]> {
  const ids = [...group.keys()];
  const byMember = new Map(ids.map((id) => [id, new Map<string, number[]>()]));
  let next = 0;
  const topics = [...new Set([...group.values()].flatMap((m) => [...m.subscription]))].sort();
  for (const topic of topics) {
    for (const partition of [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b)) {
      const id = ids[next++ % ids.length] as string;
      const mine = byMember.get(id) as Map<string, number[]>;
      mine.set(topic, [...(mine.get(topic) ?? []), partition]);
    }
  }
  return Object.fromEntries(ids.map((id) => [id, [...(byMember.get(id) ?? [])]]));
}

/** The same as a plain-object result with the shortest accepted member assignments. */
function deal(cluster: ClusterMetadata, group: GroupMembers) {
  return Object.fromEntries(
    Object.entries(dealTopics(cluster, group)).map(([id, topics]) => [id, { assignment: topics }]),
  );
}

const dealtTwo = {
  a: [
    ['t', [0, 2]],
    ['u', [0]],
  ],
  b: [
    ['t', [1, 3]],
    ['u', [1]],
  ],
};

function record(assignment: GroupAssignment): Record<string, unknown> {
  return Object.fromEntries(
    [...assignment].map(([id, a]) => [id, { ...a, userData: [...a.userData] }]),
  );
}

function assignmentOf(topics: [string, number[]][]): MemberAssignment {
  return { version: 0, assignment: topics, userData: new Uint8Array(0) };
}

/** The first byte of a member's metadata user data: the round counter the fixtures keep. */
const roundsIn = (metadata: MemberMetadata): number | undefined => metadata.userData[0];

function shapeError(run: () => unknown): AssignorShapeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AssignorShapeError);
    return error as AssignorShapeError;
  }
  throw new Error('expected an AssignorShapeError, but nothing was thrown');
}

function resultError(run: () => unknown): AssignorResultError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AssignorResultError);
    return error as AssignorResultError;
  }
  throw new Error('expected an AssignorResultError, but nothing was thrown');
}

// ---------------------------------------------------------------------------------------------
// The three styles
// ---------------------------------------------------------------------------------------------

/** aiokafka's classmethod style: state on the class, written through `this`. */
class DealerStatic {
  static name = 'dealer-static';
  static rounds = 0;
  static lastAssignment: MemberAssignment | undefined = undefined;
  static generation = -1;
  static readonly defaults = { greeting: 'hello' };

  static assign(cluster: ClusterMetadata, group: GroupMembers) {
    // A plain object of `{assignment}` records: the adapter fills in version and user data.
    return deal(cluster, group);
  }

  static metadata(topics: Iterable<string>) {
    return { subscription: [...topics], userData: new Uint8Array([this.rounds]) };
  }

  static onAssignment(assignment: MemberAssignment): void {
    this.lastAssignment = assignment;
    this.rounds += 1;
  }

  static onGenerationAssignment(generation: number): void {
    this.generation = generation;
  }

  static whoAmI(): string {
    return this.name;
  }
}

/** The same assignor with instance methods. */
class DealerInstance {
  readonly name = 'dealer-instance';
  rounds = 0;
  lastAssignment: MemberAssignment | undefined;
  generation = -1;

  assign(cluster: ClusterMetadata, group: GroupMembers) {
    // A Map result with full member assignments.
    return new Map(
      Object.entries(dealTopics(cluster, group)).map(([id, topics]) => [id, assignmentOf(topics)]),
    );
  }

  metadata(topics: Iterable<string>) {
    return { version: 0, subscription: [...topics], userData: new Uint8Array([this.rounds]) };
  }

  onAssignment(assignment: MemberAssignment): void {
    this.lastAssignment = assignment;
    this.rounds += 1;
  }

  onGenerationAssignment(generation: number): void {
    this.generation = generation;
  }
}

interface DealerObject {
  name: string;
  rounds: number;
  generation: number;
  lastAssignment: MemberAssignment | undefined;
  assign(cluster: ClusterMetadata, group: GroupMembers): unknown;
  metadata(topics: Iterable<string>): unknown;
  onAssignment(assignment: MemberAssignment): void;
  onGenerationAssignment(generation: number): void;
}

function dealerObject(): DealerObject {
  return {
    name: 'dealer-object',
    rounds: 0,
    generation: -1,
    lastAssignment: undefined,
    assign(cluster, group) {
      return deal(cluster, group);
    },
    metadata(topics) {
      return { subscription: new Set(topics), userData: new Uint8Array([this.rounds]) };
    },
    onAssignment(assignment) {
      this.lastAssignment = assignment;
      this.rounds += 1;
    },
    onGenerationAssignment(generation) {
      this.generation = generation;
    },
  };
}

/** One rebalance as the simulator runs it: leader assigns, every member hears its part. */
function rebalance(
  assignors: ReadonlyMap<string, Assignor>,
  generation: number,
  topics: readonly string[] = ['t', 'u'],
): GroupAssignment {
  const group: GroupMembers = new Map(
    [...assignors].map(([id, assignor]) => [id, assignor.metadata(topics)]),
  );
  const leader = [...assignors.values()][0] as Assignor;
  const result = leader.assign(cluster, group);
  for (const [id, assignor] of assignors) {
    assignor.onAssignment(result.get(id) as MemberAssignment);
    assignor.onGenerationAssignment?.(generation);
  }
  return result;
}

describe('toAssignorFactory: the three styles', () => {
  const styles = [
    ['static-class', 'dealer-static', () => DealerStatic],
    ['instance-class', 'dealer-instance', () => DealerInstance],
    ['object', 'dealer-object', () => dealerObject()],
  ] as const;

  for (const [style, name, candidate] of styles) {
    it(`runs a ${style} assignor through assign, metadata and onAssignment`, () => {
      const factory = toAssignorFactory(candidate());
      expect(factory.style).toBe(style);
      expect(factory.assignorName).toBe(name);

      const a = factory();
      const b = factory();
      expect(a.name).toBe(name);
      expect(a.metadata(['t', 'u'])).toEqual({
        version: 0,
        subscription: ['t', 'u'],
        userData: new Uint8Array([0]),
      });

      const result = rebalance(
        new Map([
          ['a', a],
          ['b', b],
        ]),
        5,
      );
      expect(result).toBeInstanceOf(Map);
      expect([...result.keys()]).toEqual(['a', 'b']);
      expect(record(result)).toEqual({
        a: { version: 0, assignment: dealtTwo.a, userData: [] },
        b: { version: 0, assignment: dealtTwo.b, userData: [] },
      });
      // onAssignment ran on each member, so its next metadata reports one round.
      expect(roundsIn(a.metadata(['t']))).toBe(1);
      expect(roundsIn(b.metadata(['t']))).toBe(1);
    });
  }

  it('calls static methods with `this` bound to a per-member subclass of the class', () => {
    const assignor = toAssignorFactory(DealerStatic)();
    assignor.onAssignment(assignmentOf([['t', [0]]]));
    assignor.onGenerationAssignment?.(7);
    // The original class was never written to.
    expect(DealerStatic.rounds).toBe(0);
    expect(DealerStatic.lastAssignment).toBeUndefined();
    expect(DealerStatic.generation).toBe(-1);
    expect(roundsIn(assignor.metadata([]))).toBe(1);
  });

  it('keeps `this.name` of a per-member subclass equal to the original name', () => {
    let seen: unknown;
    class Named {
      static name = 'named';
      static assign(this: { name: string }) {
        seen = this.name;
        return new Map();
      }
    }
    toAssignorFactory(Named)().assign(cluster, new Map());
    expect(seen).toBe('named');
  });

  it('uses the built-in class name of a static-style class without `static name`', () => {
    class PlainDealer {
      static assign(cluster: ClusterMetadata, group: GroupMembers) {
        return deal(cluster, group);
      }
    }
    const factory = toAssignorFactory(PlainDealer);
    expect(factory.style).toBe('static-class');
    expect(factory.assignorName).toBe('PlainDealer');
    expect(factory().name).toBe('PlainDealer');
  });

  it('falls back to the class name for an instance-style class without a `name` field', () => {
    class Unnamed {
      assign() {
        return {};
      }
    }
    expect(toAssignorFactory(Unnamed).assignorName).toBe('Unnamed');
  });

  it('gives a minimal assignor the default metadata, onAssignment and onGenerationAssignment', () => {
    const factory = toAssignorFactory({ name: 'minimal', assign: deal });
    const assignor = factory();
    const topics = new Set(['u', 't']);
    expect(assignor.metadata(topics)).toEqual({
      version: 0,
      subscription: ['u', 't'],
      userData: new Uint8Array(0),
    });
    expect(() => assignor.onAssignment(assignmentOf([]))).not.toThrow();
    expect(assignor.onGenerationAssignment).toBeTypeOf('function');
    expect(() => assignor.onGenerationAssignment?.(3)).not.toThrow();
    expect(record(assignor.assign(cluster, members(['a', ['t']], ['b', ['t']])))).toEqual({
      a: { version: 0, assignment: [['t', [0, 2]]], userData: [] },
      b: { version: 0, assignment: [['t', [1, 3]]], userData: [] },
    });
  });

  it('accepts a function that cannot be subclassed, treating it as an object', () => {
    const arrow = Object.assign(() => undefined, {
      assign: () => ({ a: { assignment: [] } }),
      rounds: 0,
      onAssignment(this: { rounds: number }) {
        this.rounds += 1;
      },
    });
    Object.defineProperty(arrow, 'name', { value: 'arrow' });
    const factory = toAssignorFactory(arrow);
    expect(factory.style).toBe('object');
    factory().onAssignment(assignmentOf([]));
    expect(arrow.rounds).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Per-member isolation
// ---------------------------------------------------------------------------------------------

describe('toAssignorFactory: per-member state', () => {
  it('isolates static-style members from each other and from the class', () => {
    const factory = toAssignorFactory(DealerStatic);
    const one = factory();
    const two = factory();
    one.onAssignment(assignmentOf([['t', [0, 1]]]));
    one.onAssignment(assignmentOf([['t', [0]]]));
    one.onGenerationAssignment?.(4);

    expect(roundsIn(one.metadata(['t']))).toBe(2);
    // The second member still reads the class defaults.
    expect(roundsIn(two.metadata(['t']))).toBe(0);
    two.onAssignment(assignmentOf([['t', [1]]]));
    expect(roundsIn(two.metadata(['t']))).toBe(1);
    expect(roundsIn(one.metadata(['t']))).toBe(2);
    expect(DealerStatic.rounds).toBe(0);
    expect(DealerStatic.generation).toBe(-1);
  });

  it('lets static-style members read class defaults they never wrote', () => {
    let greetings: unknown[] = [];
    class Greeter {
      static greeting = 'hello';
      static assign(this: { greeting: string }) {
        greetings.push(this.greeting);
        return {};
      }
      static onAssignment(this: { greeting: string }) {
        this.greeting = 'bye';
      }
    }
    const factory = toAssignorFactory(Greeter);
    const one = factory();
    const two = factory();
    one.onAssignment(assignmentOf([]));
    one.assign(cluster, new Map());
    two.assign(cluster, new Map());
    expect(greetings).toEqual(['bye', 'hello']);
    expect(Greeter.greeting).toBe('hello');
    greetings = [];
    // A default changed on the class later is still seen by a member that never wrote it.
    Greeter.greeting = 'hi';
    factory().assign(cluster, new Map());
    expect(greetings).toEqual(['hi']);
  });

  it('isolates object-style members from each other and from the object', () => {
    const candidate = dealerObject();
    const factory = toAssignorFactory(candidate);
    const one = factory();
    const two = factory();
    one.onAssignment(assignmentOf([['t', [0]]]));
    one.onGenerationAssignment?.(9);

    expect(roundsIn(one.metadata(['t']))).toBe(1);
    expect(roundsIn(two.metadata(['t']))).toBe(0);
    expect(candidate.rounds).toBe(0);
    expect(candidate.generation).toBe(-1);
    expect(candidate.lastAssignment).toBeUndefined();
    // The object's defaults stay visible to members that have not overwritten them.
    candidate.rounds = 42;
    expect(roundsIn(two.metadata(['t']))).toBe(42);
    expect(roundsIn(one.metadata(['t']))).toBe(1);
  });

  it('gives each instance-style member its own instance', () => {
    const factory = toAssignorFactory(DealerInstance);
    const one = factory();
    const two = factory();
    one.onAssignment(assignmentOf([]));
    expect(roundsIn(one.metadata([]))).toBe(1);
    expect(roundsIn(two.metadata([]))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The built-in sticky assignor through the adapter
// ---------------------------------------------------------------------------------------------

describe('toAssignorFactory: StickyAssignor', () => {
  const direct = () => new StickyAssignor();
  const viaClass = toAssignorFactory(StickyAssignor);
  const viaInstance = toAssignorFactory(new StickyAssignor());

  function threeRebalances(make: () => Assignor) {
    const group = new Map([
      ['m1', make()],
      ['m2', make()],
      ['m3', make()],
    ]);
    const first = rebalance(group, 1);
    group.delete('m2');
    const second = rebalance(group, 2);
    group.set('m4', make());
    const third = rebalance(group, 3);
    const metadata = [...group].map(([id, a]) => [id, a.metadata(['t', 'u'])] as const);
    return { results: [first, second, third].map(record), metadata: metadata.map(decode) };
  }

  function decode([id, metadata]: readonly [string, MemberMetadata]) {
    return [
      id,
      metadata.userData.length === 0 ? null : decodeStickyUserData(metadata.userData),
    ] as const;
  }

  it('recognises the class and an instance', () => {
    expect(viaClass.style).toBe('instance-class');
    expect(viaInstance.style).toBe('object');
    expect(viaClass.assignorName).toBe('sticky');
    expect(viaInstance.assignorName).toBe('sticky');
  });

  it('behaves exactly like StickyAssignor instances used directly', () => {
    const expected = threeRebalances(direct);
    expect(threeRebalances(viaClass)).toEqual(expected);
    expect(threeRebalances(viaInstance)).toEqual(expected);
  });

  it('keeps each member’s previous assignment and generation for its user data', () => {
    const { results, metadata } = threeRebalances(viaInstance);
    const last = results[2] as Record<string, { assignment: [string, number[]][] }>;
    expect(metadata.map(([id]) => id)).toEqual(['m1', 'm3', 'm4']);
    for (const [id, userData] of metadata) {
      expect(userData).toEqual({
        previousAssignment: last[id]?.assignment,
        generation: 3,
      });
    }
    // Members made from one shared instance did not share state.
    const claims = metadata.flatMap(([, u]) => u?.previousAssignment ?? []);
    const partitions = claims.flatMap(([topic, ps]) => ps.map((p) => `${topic}-${p}`));
    expect(new Set(partitions).size).toBe(partitions.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Shape errors
// ---------------------------------------------------------------------------------------------

describe('AssignorShapeError', () => {
  it('is a named Error that ends with the migration pointer', () => {
    const error = shapeError(() => toAssignorFactory(42));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AssignorShapeError');
    expect(ASSIGNOR_MIGRATION_DOC).toBe(
      'docs/assignors.md#migrating-from-aiokafka-style-assignors',
    );
    expect(error.message.endsWith(`See ${ASSIGNOR_MIGRATION_DOC}`)).toBe(true);
  });

  it.each([
    [42, 'a number'],
    ['sticky', 'a string'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[], 'an array'],
    [true, 'a boolean'],
  ])('rejects %j as neither a class nor an object', (candidate, kind) => {
    const error = shapeError(() => toAssignorFactory(candidate));
    expect(error.message).toContain(
      `expected a class or an object with \`name\` and \`assign\`, got ${kind}`,
    );
  });

  it('names a missing `assign`', () => {
    const error = shapeError(() => toAssignorFactory({ name: 'x' }));
    expect(error.problems).toEqual(['`assign` is not a function (found undefined)']);
    expect(error.message).toBe(
      'Cannot use the object as an assignor: `assign` is not a function (found undefined). ' +
        'See docs/assignors.md#migrating-from-aiokafka-style-assignors',
    );
  });

  it('names an `assign` that is not a function', () => {
    const error = shapeError(() => toAssignorFactory({ name: 'x', assign: 'round robin' }));
    expect(error.problems).toEqual(['`assign` is not a function (found a string)']);
  });

  it.each([
    [{ assign: deal }, 'undefined'],
    [{ name: '', assign: deal }, 'an empty string'],
    [{ name: 7, assign: deal }, 'a number'],
  ])('requires a non-empty string `name` (%#)', (candidate, found) => {
    const error = shapeError(() => toAssignorFactory(candidate));
    expect(error.problems).toEqual([`\`name\` must be a non-empty string (found ${found})`]);
  });

  it('rejects an instance-style class whose `name` field is not a string', () => {
    class BadName {
      name = 3;
      assign() {
        return {};
      }
    }
    const error = shapeError(() => toAssignorFactory(BadName));
    expect(error.message).toContain('`name` must be a non-empty string (found a number)');
    expect(error.message).toContain('class BadName');
  });

  it('names optional methods that are present but not functions', () => {
    const error = shapeError(() =>
      toAssignorFactory({ name: 'x', assign: deal, metadata: {}, onAssignment: 1 }),
    );
    expect(error.problems).toEqual([
      '`metadata` is not a function (found an object)',
      '`onAssignment` is not a function (found a number)',
    ]);
  });

  it('reports aiokafka snake_case callbacks instead of ignoring them', () => {
    const error = shapeError(() =>
      toAssignorFactory({
        name: 'x',
        assign: deal,
        on_assignment: () => undefined,
        on_generation_assignment: () => undefined,
      }),
    );
    expect(error.problems).toEqual([
      'found `on_assignment`; rename it to `onAssignment`',
      'found `on_generation_assignment`; rename it to `onGenerationAssignment`',
    ]);
  });

  it('reports snake_case leftovers on a static-style class', () => {
    class OldStyle {
      static assign(cluster: ClusterMetadata, group: GroupMembers) {
        return deal(cluster, group);
      }
      static on_assignment(): void {}
    }
    const error = shapeError(() => toAssignorFactory(OldStyle, { source: 'old_style.js' }));
    expect(error.message).toBe(
      'Cannot use class OldStyle from old_style.js as an assignor: ' +
        'found `on_assignment`; rename it to `onAssignment`. ' +
        'See docs/assignors.md#migrating-from-aiokafka-style-assignors',
    );
    expect(error.source).toBe('old_style.js');
  });

  it('accepts a snake_case shim next to the camelCase method', () => {
    const factory = toAssignorFactory({
      name: 'x',
      assign: deal,
      onAssignment: () => undefined,
      on_assignment: () => undefined,
    });
    expect(factory.assignorName).toBe('x');
  });

  it('names a class with no `assign` in either style', () => {
    class Nothing {
      on_assignment(): void {}
    }
    const error = shapeError(() => toAssignorFactory(Nothing));
    expect(error.problems).toEqual([
      '`assign` is not a function (found undefined); ' +
        'define it as `static assign(cluster, members)` or as an instance method',
      'found `on_assignment`; rename it to `onAssignment`',
    ]);
  });

  it('reports a constructor that throws when called with no arguments', () => {
    class NeedsArgs {
      constructor(readonly config: { n: number }) {
        if (config === undefined) throw new Error('config is required');
      }
      assign() {
        return {};
      }
    }
    const error = shapeError(() => toAssignorFactory(NeedsArgs));
    expect(error.problems).toEqual([
      '`new NeedsArgs()` threw (config is required); it is called with no arguments',
    ]);
    expect((error.cause as Error).message).toBe('config is required');
  });

  it('lists every problem at once', () => {
    const error = shapeError(() => toAssignorFactory({ on_assignment: () => undefined }));
    expect(error.problems).toEqual([
      '`name` must be a non-empty string (found undefined)',
      '`assign` is not a function (found undefined)',
      'found `on_assignment`; rename it to `onAssignment`',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Result normalisation
// ---------------------------------------------------------------------------------------------

describe('normalizeGroupAssignment', () => {
  it('accepts a Map and keeps its member order', () => {
    const result = normalizeGroupAssignment(
      new Map([
        ['2', { assignment: [['t', [1]]] }],
        ['1', { version: 0, assignment: [['t', [0]]], userData: new Uint8Array([9]) }],
      ]),
    );
    expect([...result.keys()]).toEqual(['2', '1']);
    expect(result.get('2')).toEqual(assignmentOf([['t', [1]]]));
    expect(result.get('1')?.userData).toEqual(new Uint8Array([9]));
  });

  it('accepts a plain object and fills version and user data', () => {
    expect(record(normalizeGroupAssignment({ a: { assignment: [['t', [0, 1]]] } }))).toEqual({
      a: { version: 0, assignment: [['t', [0, 1]]], userData: [] },
    });
    expect(normalizeGroupAssignment(Object.create(null) as object).size).toBe(0);
  });

  it('copies partition arrays so later changes by the assignor do not leak in', () => {
    const partitions = [0, 1];
    const result = normalizeGroupAssignment({ a: { assignment: [['t', partitions]] } });
    partitions.push(2);
    expect(result.get('a')?.assignment).toEqual([['t', [0, 1]]]);
  });

  it.each([
    [[], 'expected a Map or a plain object of member id → assignment (found an array)'],
    [undefined, 'expected a Map or a plain object of member id → assignment (found undefined)'],
    [new Set(), 'expected a Map or a plain object of member id → assignment (found a Set)'],
    [Promise.resolve({}), 'got a Promise; assignors must be synchronous'],
    [new Map([[1, { assignment: [] }]]), 'member ids must be strings (found a number)'],
  ])('rejects a bad result (%#)', (result, message) => {
    expect(resultError(() => normalizeGroupAssignment(result)).message).toBe(message);
  });

  it.each([
    [5, 'assignment must be an object like {version, assignment, userData} (found a number)'],
    [
      [['t', [0]]],
      'assignment must be an object like {version, assignment, userData} (found an array)',
    ],
    [{}, '`assignment` is not an array (found undefined)'],
    [{ assignment: {} }, '`assignment` is not an array (found an object)'],
    [{ assignment: ['t'] }, '`assignment[0]` must be a [topic, partitions] pair (found a string)'],
    [
      { assignment: [['t', [0], 1]] },
      '`assignment[0]` must be a [topic, partitions] pair (found an array of length 3)',
    ],
    [{ assignment: [[1, [0]]] }, 'the topic of `assignment[0]` must be a string (found a number)'],
    [{ assignment: [['t', 0]] }, 'partitions of topic "t" must be an array (found a number)'],
    [{ assignment: [['t', [0, 1.5]]] }, 'partition 1.5 of topic "t" is not an integer'],
    [{ assignment: [['t', [NaN]]] }, 'partition NaN of topic "t" is not an integer'],
    [
      { assignment: [['t', [0, '1']]] },
      'partition at index 1 of topic "t" is not an integer (found a string)',
    ],
    [{ assignment: [['t', [-1]]] }, 'partition -1 of topic "t" is negative'],
    [
      { assignment: [['t', [2 ** 31]]] },
      'partition 2147483648 of topic "t" does not fit in an int32',
    ],
    [{ version: '0', assignment: [] }, '`version` must be an integer (found a string)'],
    [{ version: 1 << 16, assignment: [] }, '`version` 65536 does not fit in an int16'],
    [{ assignment: [], userData: [1] }, '`userData` must be a Uint8Array (found an array)'],
    [
      { assignment: [], user_data: new Uint8Array(1) },
      'found `user_data`; rename it to `userData`',
    ],
  ])('names the member and what is wrong with its assignment (%#)', (value, message) => {
    const error = resultError(() =>
      normalizeGroupAssignment({ ok: { assignment: [] }, c1: value }),
    );
    expect(error.message).toBe(`member "c1": ${message}`);
    expect(error.memberId).toBe('c1');
  });

  it('prefixes a context when given one', () => {
    const error = resultError(() => normalizeGroupAssignment({ c1: {} }, 'assign()'));
    expect(error.message).toBe(
      'assign(): member "c1": `assignment` is not an array (found undefined)',
    );
  });

  it('is what the adapter applies to assign() results, naming the assignor', () => {
    const assignor = toAssignorFactory({
      name: 'broken',
      assign: () => ({ a: { assignment: 'x' } }),
    })();
    const error = resultError(() => assignor.assign(cluster, members(['a', ['t']])));
    expect(error.message).toBe(
      'assignor "broken", assign() result: member "a": `assignment` is not an array (found a string)',
    );
    expect(error.name).toBe('AssignorResultError');
  });
});

describe('normalizeMemberAssignment', () => {
  it('works on one assignment without a member id', () => {
    expect(normalizeMemberAssignment({ assignment: [['t', [3]]] })).toEqual(
      assignmentOf([['t', [3]]]),
    );
    const error = resultError(() => normalizeMemberAssignment(null));
    expect(error.message).toBe(
      'assignment must be an object like {version, assignment, userData} (found null)',
    );
    expect(error.memberId).toBeUndefined();
  });
});

describe('normalizeMemberMetadata', () => {
  it('fills version and user data and accepts any iterable subscription', () => {
    expect(normalizeMemberMetadata({ subscription: new Set(['b', 'a']) })).toEqual({
      version: 0,
      subscription: ['b', 'a'],
      userData: new Uint8Array(0),
    });
    const userData = new Uint8Array([1, 2]);
    expect(normalizeMemberMetadata({ version: 1, subscription: ['t'], userData })).toEqual({
      version: 1,
      subscription: ['t'],
      userData,
    });
  });

  it.each([
    [undefined, 'expected an object like {version, subscription, userData} (found undefined)'],
    [{}, '`subscription` must be an array of topic names (found undefined)'],
    [{ subscription: 't' }, '`subscription` must be an array of topic names (found a string)'],
    [{ subscription: ['t', 2] }, '`subscription[1]` must be a string (found a number)'],
    [
      { subscription: [], user_data: new Uint8Array(0) },
      'found `user_data`; rename it to `userData`',
    ],
  ])('rejects bad metadata (%#)', (value, message) => {
    expect(resultError(() => normalizeMemberMetadata(value)).message).toBe(message);
  });

  it('is what the adapter applies to metadata() results, naming the assignor', () => {
    const assignor = toAssignorFactory({ name: 'meta', assign: deal, metadata: () => ['t'] })();
    expect(resultError(() => assignor.metadata(['t'])).message).toBe(
      'assignor "meta", metadata() result: ' +
        'expected an object like {version, subscription, userData} (found an array)',
    );
  });
});
