/**
 * Turns an assignor written in any of three styles into an {@link AssignorFactory} that gives
 * every simulated member its own state:
 *
 * - a class with static methods (aiokafka's classmethod style): each member gets a fresh,
 *   empty subclass, so `this.x = …` in a static method lands on that member's subclass while
 *   reads of untouched fields fall back to the original class;
 * - a class with instance methods: each member gets `new Candidate()`;
 * - a plain object or an instance: each member gets `Object.create(candidate)`, so
 *   `this.x = …` lands on that member's object and reads fall back to the candidate.
 *
 * Results are checked and normalised, so an author may return plain objects instead of
 * `Map`s and leave out `version` and `userData`. See docs/assignors.md.
 */

import { EMPTY_BYTES, plainMetadata } from '../core/assignors/shared';
import type {
  Assignor,
  AssignorFactory,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberAssignment,
  MemberMetadata,
  Topic,
  TopicPartitions,
} from '../core/types';

/** Where shape errors send the author: the migration notes for old-style assignors. */
export const ASSIGNOR_MIGRATION_DOC = 'docs/assignors.md#migrating-from-aiokafka-style-assignors';

/** How the candidate was written, which decides how each member's state is made. */
export type AssignorStyle = 'static-class' | 'instance-class' | 'object';

export interface ToAssignorFactoryOptions {
  /** Where the candidate came from (a file name, "pasted code", …), quoted in errors. */
  readonly source?: string;
}

/** A factory that also says what it makes, without having to make one. */
export interface AdaptedAssignorFactory extends AssignorFactory {
  /** The protocol name every assignor from this factory reports. */
  readonly assignorName: string;
  readonly style: AssignorStyle;
}

/** The candidate does not look like an assignor; `problems` lists every reason. */
export class AssignorShapeError extends Error {
  override readonly name = 'AssignorShapeError';
  readonly problems: readonly string[];
  readonly source: string | undefined;

  constructor(subject: string, problems: readonly string[], source?: string, cause?: unknown) {
    const from = source === undefined ? '' : ` from ${source}`;
    super(
      `Cannot use ${subject}${from} as an assignor: ${problems.join('; ')}. See ${ASSIGNOR_MIGRATION_DOC}`,
      cause === undefined ? undefined : { cause },
    );
    this.problems = problems;
    this.source = source;
  }
}

/** An assignor method returned something that is not a valid assignment or metadata. */
export class AssignorResultError extends Error {
  override readonly name = 'AssignorResultError';
  /** The member whose entry was wrong, when the problem is inside one member's entry. */
  readonly memberId: string | undefined;

  constructor(message: string, memberId?: string) {
    super(message);
    this.memberId = memberId;
  }
}

// ---------------------------------------------------------------------------------------------
// Describing values for messages
// ---------------------------------------------------------------------------------------------

function tagOf(value: object): string {
  return Object.prototype.toString.call(value).slice('[object '.length, -1);
}

/** `Object.prototype` or `null` as prototype, in this realm or another (vm, iframe). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === null ||
    proto === Object.prototype ||
    (tagOf(value) === 'Object' && Object.getPrototypeOf(proto) === null)
  );
}

function isMap(value: unknown): value is ReadonlyMap<unknown, unknown> {
  return typeof value === 'object' && value !== null && tagOf(value) === 'Map';
}

function isUint8Array(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && tagOf(value) === 'Uint8Array';
}

/** "undefined", "a number", "an array", "a Set", … — the kind of value, not the value. */
function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default: {
      if (isPlainObject(value)) return 'an object';
      const tag = tagOf(value);
      if (tag !== 'Object') return /^[AEIOU]/.test(tag) ? `an ${tag}` : `a ${tag}`;
      const ctor: unknown = (value as { constructor?: unknown }).constructor;
      const ctorName = typeof ctor === 'function' ? ctor.name : '';
      return ctorName === '' ? 'an object' : `an instance of ${ctorName}`;
    }
  }
}

const quote = (text: string): string => JSON.stringify(text);

// ---------------------------------------------------------------------------------------------
// Recognising the three styles
// ---------------------------------------------------------------------------------------------

/** aiokafka spellings that would be silently ignored here, and what they are called now. */
const SNAKE_CASE_RENAMES = [
  ['on_assignment', 'onAssignment'],
  ['on_generation_assignment', 'onGenerationAssignment'],
] as const;

const OPTIONAL_METHODS = ['metadata', 'onAssignment', 'onGenerationAssignment'] as const;

type MethodHolder = Record<PropertyKey, unknown>;

/** Whether `fn` can be used with `new` / `extends`, checked without calling it. */
function isConstructor(fn: unknown): fn is new () => object {
  if (typeof fn !== 'function') return false;
  try {
    Reflect.construct(String, [], fn);
    return true;
  } catch {
    return false;
  }
}

function get(holder: object, key: string): unknown {
  return (holder as MethodHolder)[key];
}

/**
 * Problems with the methods and name of `holder`, which is the class itself (static style),
 * an instance, or the plain object. Property lookups follow the prototype chain.
 */
function methodProblems(holder: object): string[] {
  const problems: string[] = [];
  const assign = get(holder, 'assign');
  if (typeof assign !== 'function') {
    problems.push(`\`assign\` is not a function (found ${describe(assign)})`);
  }
  for (const key of OPTIONAL_METHODS) {
    const method = get(holder, key);
    if (method !== undefined && typeof method !== 'function') {
      problems.push(`\`${key}\` is not a function (found ${describe(method)})`);
    }
  }
  problems.push(...snakeCaseProblems(holder));
  return problems;
}

function snakeCaseProblems(holder: object): string[] {
  return SNAKE_CASE_RENAMES.filter(
    ([snake, camel]) => get(holder, snake) !== undefined && get(holder, camel) === undefined,
  ).map(([snake, camel]) => `found \`${snake}\`; rename it to \`${camel}\``);
}

function nameProblem(name: unknown): string | undefined {
  return typeof name === 'string' && name !== ''
    ? undefined
    : `\`name\` must be a non-empty string (found ${describe(name)})`;
}

/** The label used for the candidate in shape errors. */
function subjectOf(candidate: unknown): string {
  if (typeof candidate === 'function') {
    const name = (candidate as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? `class ${name}` : 'an anonymous class';
  }
  return `the ${describe(candidate).replace(/^an? /, '')}`;
}

interface Recognised {
  readonly style: AssignorStyle;
  readonly name: string;
  /** A fresh `this` for one member. */
  readonly makeSelf: () => object;
}

function recogniseClass(candidate: new () => object, source: string | undefined): Recognised {
  const subject = subjectOf(candidate);
  const rawProto: unknown = candidate.prototype;
  const proto = typeof rawProto === 'object' && rawProto !== null ? rawProto : undefined;
  const hasInstanceAssign = proto !== undefined && typeof get(proto, 'assign') === 'function';

  if (hasInstanceAssign) {
    const instance = construct(candidate, subject, source);
    // Like Python attribute lookup: the instance's `name`, else the class's static `name`.
    const ownName = get(instance, 'name');
    const name = ownName === undefined ? candidate.name : ownName;
    const problems = methodProblems(instance);
    const badName = nameProblem(name);
    if (badName !== undefined) problems.unshift(badName);
    if (problems.length > 0) throw new AssignorShapeError(subject, problems, source);
    return {
      style: 'instance-class',
      name: name as string,
      makeSelf: () => construct(candidate, subject, source),
    };
  }

  if (typeof get(candidate, 'assign') !== 'function') {
    // Neither style: name the missing method, and any aiokafka spellings seen on either side.
    const found =
      get(candidate, 'assign') ?? (proto === undefined ? undefined : get(proto, 'assign'));
    const problems = [
      `\`assign\` is not a function (found ${describe(found)}); ` +
        'define it as `static assign(cluster, members)` or as an instance method',
      ...new Set([
        ...snakeCaseProblems(candidate),
        ...(proto === undefined ? [] : snakeCaseProblems(proto)),
      ]),
    ];
    throw new AssignorShapeError(subject, problems, source);
  }

  // Static style. `candidate.name` is an explicit `static name = '…'` when there is one, and
  // otherwise JavaScript's built-in class name: both count.
  const name = candidate.name;
  const problems = methodProblems(candidate);
  const badName = nameProblem(name);
  if (badName !== undefined) problems.unshift(badName);
  if (problems.length > 0) throw new AssignorShapeError(subject, problems, source);
  return {
    style: 'static-class',
    name,
    makeSelf: canSubclass(candidate) ? () => subclass(candidate) : () => Object.create(candidate),
  };
}

/** An empty subclass: static writes through `this` land on it, reads fall back to `base`. */
function subclass(base: new () => object): object {
  const perMember = class extends base {};
  // The anonymous subclass has its own built-in `name` (''); drop it so `this.name` reads
  // the original's, explicit or built-in.
  Reflect.deleteProperty(perMember, 'name');
  return perMember;
}

/** False for the odd constructor `extends` rejects, such as a bound function. */
function canSubclass(base: new () => object): boolean {
  try {
    subclass(base);
    return true;
  } catch {
    return false;
  }
}

function construct(
  candidate: new () => object,
  subject: string,
  source: string | undefined,
): object {
  let instance: unknown;
  try {
    instance = new candidate();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AssignorShapeError(
      subject,
      [`\`new ${candidate.name || 'Class'}()\` threw (${reason}); it is called with no arguments`],
      source,
      error,
    );
  }
  if (typeof instance !== 'object' || instance === null) {
    throw new AssignorShapeError(
      subject,
      [`\`new ${candidate.name || 'Class'}()\` did not produce an object`],
      source,
    );
  }
  return instance;
}

function recogniseObject(candidate: object, source: string | undefined): Recognised {
  const subject = subjectOf(candidate);
  const name = get(candidate, 'name');
  const problems = methodProblems(candidate);
  const badName = nameProblem(name);
  if (badName !== undefined) problems.unshift(badName);
  if (problems.length > 0) throw new AssignorShapeError(subject, problems, source);
  return { style: 'object', name: name as string, makeSelf: () => Object.create(candidate) };
}

function recognise(candidate: unknown, source: string | undefined): Recognised {
  if (isConstructor(candidate)) return recogniseClass(candidate, source);
  // Functions that cannot be extended (arrow functions, methods) act as plain objects.
  if (typeof candidate === 'function') return recogniseObject(candidate, source);
  if (typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)) {
    return recogniseObject(candidate, source);
  }
  throw new AssignorShapeError(
    'this value',
    [`expected a class or an object with \`name\` and \`assign\`, got ${describe(candidate)}`],
    source,
  );
}

// ---------------------------------------------------------------------------------------------
// The per-member assignor
// ---------------------------------------------------------------------------------------------

class AdaptedAssignor implements Assignor {
  constructor(
    readonly name: string,
    /** This member's `this`: its subclass, instance or object. */
    private readonly self: object,
  ) {}

  private method(key: string): ((...args: unknown[]) => unknown) | undefined {
    const method = get(this.self, key);
    return typeof method === 'function' ? (method as (...args: unknown[]) => unknown) : undefined;
  }

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    const assign = this.method('assign');
    if (assign === undefined) {
      throw new AssignorResultError(`assignor ${quote(this.name)} no longer has an \`assign\``);
    }
    return normalizeGroupAssignment(
      assign.call(this.self, cluster, members),
      `assignor ${quote(this.name)}, assign() result`,
    );
  }

  metadata(topics: Iterable<Topic>): MemberMetadata {
    const metadata = this.method('metadata');
    if (metadata === undefined) return plainMetadata(topics);
    return normalizeMemberMetadata(
      metadata.call(this.self, topics),
      `assignor ${quote(this.name)}, metadata() result`,
    );
  }

  onAssignment(assignment: MemberAssignment): void {
    this.method('onAssignment')?.call(this.self, assignment);
  }

  onGenerationAssignment(generation: number): void {
    this.method('onGenerationAssignment')?.call(this.self, generation);
  }
}

/**
 * A factory of per-member assignors for `candidate`, which may be a class with static
 * methods, a class with instance methods, or an object (see the module comment).
 *
 * `name` (a non-empty string) and `assign` are required; `metadata` defaults to the plain
 * subscription with no user data, `onAssignment` and `onGenerationAssignment` to no-ops.
 * For a class with static methods the name is `ClassName.name`: an explicit
 * `static name = '…'` if there is one, otherwise JavaScript's built-in class name (so
 * `class MyAssignor { static assign… }` is called "MyAssignor"). For a class with instance
 * methods it is the instance's `name`, falling back to `ClassName.name` in the same way.
 * An instance-style class is constructed once here, with no arguments, to check its shape.
 *
 * @throws AssignorShapeError listing every problem found, ending with a pointer to the docs.
 */
export function toAssignorFactory(
  candidate: unknown,
  options: ToAssignorFactoryOptions = {},
): AdaptedAssignorFactory {
  const { style, name, makeSelf } = recognise(candidate, options.source);
  const factory = (): Assignor => new AdaptedAssignor(name, makeSelf());
  return Object.assign(factory, { assignorName: name, style });
}

// ---------------------------------------------------------------------------------------------
// Normalising results
// ---------------------------------------------------------------------------------------------

const INT16_MIN = -0x8000;
const INT16_MAX = 0x7fff;
const INT32_MAX = 0x7fffffff;

type Reject = (message: string) => never;

/** A `Reject` that throws an {@link AssignorResultError} prefixed with the context parts. */
function rejecter(context: readonly (string | undefined)[], memberId?: string): Reject {
  const prefix = context.filter((part) => part !== undefined && part !== '').join(': ');
  return (message) => {
    throw new AssignorResultError(prefix === '' ? message : `${prefix}: ${message}`, memberId);
  };
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function normalizeVersion(value: unknown, reject: Reject): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    reject(`\`version\` must be an integer (found ${describe(value)})`);
  }
  if (value < INT16_MIN || value > INT16_MAX)
    reject(`\`version\` ${value} does not fit in an int16`);
  return value;
}

function normalizeUserData(record: object, reject: Reject): Uint8Array {
  const userData = get(record, 'userData');
  if (userData === undefined) {
    if (get(record, 'user_data') !== undefined)
      reject('found `user_data`; rename it to `userData`');
    return EMPTY_BYTES;
  }
  if (!isUint8Array(userData)) {
    reject(`\`userData\` must be a Uint8Array (found ${describe(userData)})`);
  }
  // A Uint8Array from another realm is copied into this one.
  return userData instanceof Uint8Array ? userData : new Uint8Array(userData);
}

function normalizePartition(partition: unknown, j: number, topic: Topic, reject: Reject): number {
  const where = `of topic ${quote(topic)}`;
  if (typeof partition !== 'number') {
    reject(`partition at index ${j} ${where} is not an integer (found ${describe(partition)})`);
  }
  if (!Number.isInteger(partition)) reject(`partition ${partition} ${where} is not an integer`);
  if (partition < 0) reject(`partition ${partition} ${where} is negative`);
  if (partition > INT32_MAX) reject(`partition ${partition} ${where} does not fit in an int32`);
  return partition;
}

function normalizeTopicPartitions(entries: unknown, reject: Reject): TopicPartitions[] {
  if (!Array.isArray(entries)) {
    reject(`\`assignment\` is not an array (found ${describe(entries)})`);
  }
  return entries.map((entry: unknown, i): TopicPartitions => {
    if (!Array.isArray(entry) || entry.length !== 2) {
      const found = Array.isArray(entry) ? `an array of length ${entry.length}` : describe(entry);
      reject(`\`assignment[${i}]\` must be a [topic, partitions] pair (found ${found})`);
    }
    const [topic, partitions] = entry as [unknown, unknown];
    if (typeof topic !== 'string') {
      reject(`the topic of \`assignment[${i}]\` must be a string (found ${describe(topic)})`);
    }
    if (!Array.isArray(partitions)) {
      reject(
        `partitions of topic ${quote(topic)} must be an array (found ${describe(partitions)})`,
      );
    }
    return [topic, partitions.map((p: unknown, j) => normalizePartition(p, j, topic, reject))];
  });
}

/**
 * One member's assignment as a {@link MemberAssignment}: accepts
 * `{version?, assignment: [[topic, partitions], …], userData?}`, filling version 0 and empty
 * user data. Partition arrays are copied.
 *
 * @throws AssignorResultError naming the member (when given) and what was wrong.
 */
export function normalizeMemberAssignment(
  value: unknown,
  memberId?: string,
  context?: string,
): MemberAssignment {
  const member = memberId === undefined ? undefined : `member ${quote(memberId)}`;
  const reject: Reject = rejecter([context, member], memberId);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(
      `assignment must be an object like {version, assignment, userData} (found ${describe(value)})`,
    );
  }
  return {
    version: normalizeVersion(get(value, 'version'), reject),
    assignment: normalizeTopicPartitions(get(value, 'assignment'), reject),
    userData: normalizeUserData(value, reject),
  };
}

/**
 * The leader's result as a {@link GroupAssignment}: accepts a `Map<memberId, assignment>` or a
 * plain object `{memberId: assignment}` (whose integer-like keys JavaScript moves to the
 * front; return a `Map` when member order matters), each assignment in any form
 * {@link normalizeMemberAssignment} accepts. `context` prefixes every message.
 *
 * @throws AssignorResultError naming the member and what was wrong.
 */
export function normalizeGroupAssignment(result: unknown, context?: string): GroupAssignment {
  const reject: Reject = rejecter([context]);
  if (isThenable(result)) reject('got a Promise; assignors must be synchronous');
  let entries: Iterable<[unknown, unknown]>;
  if (isMap(result)) entries = result.entries();
  else if (isPlainObject(result)) entries = Object.entries(result);
  else {
    reject(
      `expected a Map or a plain object of member id → assignment (found ${describe(result)})`,
    );
  }
  const assignment: GroupAssignment = new Map();
  for (const [memberId, value] of entries) {
    if (typeof memberId !== 'string') {
      reject(`member ids must be strings (found ${describe(memberId)})`);
    }
    assignment.set(memberId, normalizeMemberAssignment(value, memberId, context));
  }
  return assignment;
}

/**
 * A member's JoinGroup metadata as {@link MemberMetadata}: accepts
 * `{version?, subscription, userData?}` where `subscription` is an array (or other iterable)
 * of topic names, filling version 0 and empty user data.
 *
 * @throws AssignorResultError saying what was wrong.
 */
export function normalizeMemberMetadata(result: unknown, context?: string): MemberMetadata {
  const reject: Reject = rejecter([context]);
  if (isThenable(result)) reject('got a Promise; assignors must be synchronous');
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    reject(`expected an object like {version, subscription, userData} (found ${describe(result)})`);
  }
  const subscription = get(result, 'subscription');
  if (
    typeof subscription !== 'object' ||
    subscription === null ||
    typeof (subscription as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    reject(`\`subscription\` must be an array of topic names (found ${describe(subscription)})`);
  }
  const topics = [...(subscription as Iterable<unknown>)].map((topic, i): Topic => {
    if (typeof topic !== 'string') {
      reject(`\`subscription[${i}]\` must be a string (found ${describe(topic)})`);
    }
    return topic;
  });
  return {
    version: normalizeVersion(get(result, 'version'), reject),
    subscription: topics,
    userData: normalizeUserData(result, reject),
  };
}
