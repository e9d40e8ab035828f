/**
 * The scenario file format: versioned JSON, validated by a schema, then by replaying its
 * steps against the group state, so every problem is reported with where it is.
 */
import { z } from 'zod';
import { ASSIGNOR_MODES } from '../core/assignors/mode';
import { PROTOCOLS } from '../protocol/types';
import { describeIssues, quotedKeys, quotedValue } from './zodIssues';
import { applyStep, copyCounts, initialState, sessionTimeoutOf, StepError } from './groupState';
import { SERVER_RUN_NAMES } from './serverRuns';
import { sharedViewSchema, type SharedView } from './sharedView';
import { authoredLessonSchema } from './authoredLesson';
import type { Scenario, ScenarioProtocol } from './types';
import { versionedHeaderProblem } from './versionedFormat';

export const SCENARIO_FORMAT = 'rebalance-playground/scenario';
/**
 * Version 2 added `assignorMode`, version 3 `protocol`, version 4 the `static-restart` step,
 * version 5 an authored `lesson`. A file is written at the lowest version that holds it: a
 * faithful scenario with no protocol is still version 1, so older playgrounds keep reading it;
 * one in fixed mode is version 2, one with a protocol version 3, one with a static restart
 * version 4, one with a lesson version 5, which older playgrounds refuse rather than replay it
 * without what they cannot read.
 */
export const SCENARIO_VERSION = 5;

/** Bounds that keep a file or link from asking the page for more than it can show. */
export const SCENARIO_LIMITS = {
  steps: 500,
  members: 5000,
  partitionsPerTopic: 100_000,
  totalPartitions: 200_000,
  nameLength: 249,
  customAssignorSource: 200_000,
  /** Checked before any per-item work, so a huge step cannot stall validation. */
  changesPerStep: 10_000,
  totalChanges: 100_000,
  subscriptionLength: 1_000,
  /** Characters of file or link text (about bytes for the ASCII our files are made of). */
  inputBytes: 10_000_000,
  /**
   * Partitions to assign over the whole replay, per assignor: the sum over generations of
   * the cluster's partition count. In Node one million take 4–6 s per assignor (measured on
   * 100 topics × 1,000 partitions, 100 members), so this bounds a replay at about 10 s each.
   */
  partitionGenerations: 2_000_000,
} as const;

/** Matches a UTF-16 surrogate with no partner (in `u` mode a well-formed pair is one code point). */
const LONE_SURROGATE = /\p{Surrogate}/u;

const name = z
  .string()
  .min(1, 'must not be empty')
  .max(SCENARIO_LIMITS.nameLength, `must be at most ${SCENARIO_LIMITS.nameLength} characters`)
  .refine(
    (value) => !LONE_SURROGATE.test(value),
    'contains a lone UTF-16 surrogate, which has no UTF-8 form: Kafka could not send this name',
  );
const partitions = z.number().int().min(0).max(SCENARIO_LIMITS.partitionsPerTopic);
// A consumer's subscription is a set: a topic listed twice made range hand out its partitions
// wrongly (found by the fuzz run), and no client can send one.
const subscription = z.array(name).superRefine((topics, context) => {
  const seen = new Set<string>();
  for (const topic of topics) {
    if (seen.has(topic)) {
      context.addIssue({ code: 'custom', message: `lists topic ${topic} twice` });
      return;
    }
    seen.add(topic);
  }
});

const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), member: name, subscription }),
  z.object({ type: z.literal('leave'), member: name }),
  z.object({ type: z.literal('restart'), member: name }),
  z.object({
    type: z.literal('static-restart'),
    member: name,
    downtimeMs: z
      .number()
      .int('must be a whole number of ms')
      .min(0, 'must be a number of ms ≥ 0')
      .max(3_600_000, 'must be at most an hour (3600000 ms)'),
  }),
  z.object({
    type: z.literal('rejoin-stale'),
    member: name,
    subscription: subscription.optional(),
  }),
  z.object({ type: z.literal('subscribe'), member: name, subscription }),
  z.object({ type: z.literal('create-topic'), topic: name, partitions }),
  z.object({ type: z.literal('add-partitions'), topic: name, partitions }),
  z.object({ type: z.literal('delete-topic'), topic: name }),
  z.object({ type: z.literal('reorder'), order: z.array(name) }),
]);

export const customAssignorSchema = z.object({
  name: z.string().max(SCENARIO_LIMITS.nameLength),
  language: z.enum(['typescript', 'javascript']),
  source: z.string().max(SCENARIO_LIMITS.customAssignorSource),
});
export type CustomAssignorSource = z.infer<typeof customAssignorSchema>;

const timing = z
  .number()
  .min(0, 'must be a number of ms ≥ 0')
  .max(3_600_000, 'must be at most an hour (3600000 ms)');

/** A protocol's timings (simulated ms); the page's timing fields check their input with it. */
export const timingsSchema = z.strictObject(
  {
    heartbeatIntervalMs: timing.positive('must be more than 0 ms').optional(),
    pollIntervalMs: timing.optional(),
    rebalanceMs: timing.optional(),
    revokeMs: timing.optional(),
    sessionTimeoutMs: timing.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown timing ${quotedKeys(issue.keys)}: expected heartbeatIntervalMs, pollIntervalMs, rebalanceMs, revokeMs, sessionTimeoutMs`
        : undefined,
  },
);

export const protocolSchema = z
  .strictObject(
    {
      name: z.enum(PROTOCOLS, {
        error: (issue) =>
          `unknown protocol ${quotedValue(issue.input)}: expected ${PROTOCOLS.join(', ')}`,
      }),
      serverAssignor: z
        .enum(SERVER_RUN_NAMES, {
          error: (issue) =>
            `unknown server-side assignor ${quotedValue(issue.input)}: expected ${SERVER_RUN_NAMES.join(' or ')}`,
        })
        .optional(),
      timings: timingsSchema.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field ${quotedKeys(issue.keys)}: a protocol has name, serverAssignor, timings`
          : issue.code === 'invalid_type'
            ? `expected an object such as {"name": "cooperative"}`
            : undefined,
    },
  )
  .superRefine((protocol, context) => {
    if (protocol.serverAssignor !== undefined && protocol.name !== 'consumer') {
      context.addIssue({
        code: 'custom',
        path: ['serverAssignor'],
        message: `only the consumer protocol has a server-side assignor; the ${protocol.name} protocol runs a client assignor in the group leader`,
      });
    }
  });

export const scenarioFileSchema = z.object({
  format: z.literal(SCENARIO_FORMAT),
  version: z.union([
    z.literal(1),
    z.literal(2),
    z.literal(3),
    z.literal(4),
    z.literal(SCENARIO_VERSION),
  ]),
  name: z.string().max(200),
  description: z.string().max(5000).optional(),
  userDataMode: z.enum(['aiokafka', 'counter']),
  assignorMode: z.enum(ASSIGNOR_MODES).optional(),
  cluster: z.record(name, partitions),
  steps: z
    .array(z.object({ note: z.string().max(500).optional(), changes: z.array(changeSchema) }))
    .max(SCENARIO_LIMITS.steps),
  customAssignor: customAssignorSchema.optional(),
  protocol: protocolSchema.optional(),
  lesson: authoredLessonSchema.optional(),
  /** What the sender was looking at (sharedView.ts); not part of the scenario itself. */
  view: sharedViewSchema.optional(),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** A scenario file (or link) that cannot be used; the message says what is wrong and where. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
}

export interface LoadedScenario {
  scenario: Scenario;
  customAssignor: CustomAssignorSource | undefined;
  /** What the file's author was looking at, when it says. */
  view?: SharedView;
}

/** Parses and checks scenario JSON text; throws {@link ScenarioFileError} on any problem. */
export function parseScenarioFile(text: string): LoadedScenario {
  if (text.length > SCENARIO_LIMITS.inputBytes) {
    throw new ScenarioFileError(
      `the scenario is ${megabytes(text.length)} MB; at most ${megabytes(SCENARIO_LIMITS.inputBytes)} MB is accepted`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(`not valid JSON: ${locateJsonError(text, error as Error)}`);
  }
  return scenarioFromJson(json);
}

/** Checks already-parsed JSON (from a file or a share link). */
export function scenarioFromJson(json: unknown): LoadedScenario {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ScenarioFileError(
      'expected a JSON object with "format": "rebalance-playground/scenario"',
    );
  }
  const headerProblem = versionedHeaderProblem(json, {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    noun: 'scenario file',
  });
  if (headerProblem !== undefined) throw new ScenarioFileError(headerProblem);
  checkSizes(json);
  const parsed = scenarioFileSchema.safeParse(json);
  if (!parsed.success) throw new ScenarioFileError(describeIssues(parsed.error));
  checkProtoKey((json as { cluster: object }).cluster);
  const {
    customAssignor,
    format: _format,
    version,
    assignorMode,
    protocol,
    view,
    ...rest
  } = parsed.data;
  if (version === 1 && assignorMode !== undefined) {
    throw new ScenarioFileError('"assignorMode" needs scenario file version 2');
  }
  if (version < 3 && protocol !== undefined) {
    throw new ScenarioFileError(
      `"protocol" needs scenario file version 3 (this file says version ${version})`,
    );
  }
  if (version < 5 && rest.lesson !== undefined) {
    throw new ScenarioFileError(
      `"lesson" needs scenario file version 5 (this file says version ${version})`,
    );
  }
  if (rest.lesson !== undefined && rest.lesson.question.generation > rest.steps.length) {
    throw new ScenarioFileError(
      `at lesson.question.generation: the scenario has ${rest.steps.length} generations, the lesson asks about generation ${rest.lesson.question.generation}`,
    );
  }
  if (version < 4 && hasStaticRestart(rest.steps)) {
    throw new ScenarioFileError(
      `a "static-restart" step needs scenario file version 4 (this file says version ${version})`,
    );
  }
  // zod builds records by assignment, which drops a topic called "__proto__"; the raw JSON
  // (already checked) keeps every key, so the cluster is copied from it.
  const cluster = copyCounts((json as { cluster: Record<string, number> }).cluster);
  // Faithful is the default: leave it out, so a faithful scenario looks as it always did.
  const scenario: Scenario =
    assignorMode === 'fixed' ? { ...rest, cluster, assignorMode } : { ...rest, cluster };
  if (protocol !== undefined) scenario.protocol = cleanProtocol(protocol);
  checkScenario(scenario);
  return { scenario, customAssignor, ...(view === undefined ? {} : { view: definedFields(view) }) };
}

/** `value` without its undefined fields, so it compares and serializes as written. */
function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Walks the steps against the group state: a member leaving that is not in the group, a
 * topic growing that does not exist, more partitions than the page can show.
 */
export function checkScenario(scenario: Scenario): void {
  let state = initialState(scenario.cluster);
  let partitionGenerations = 0;
  const total = (cluster: Record<string, number>) =>
    Object.values(cluster).reduce((a, b) => a + b, 0);
  if (total(state.cluster) > SCENARIO_LIMITS.totalPartitions) {
    throw new ScenarioFileError(
      `the cluster has more than ${SCENARIO_LIMITS.totalPartitions} partitions`,
    );
  }
  scenario.steps.forEach((step, index) => {
    try {
      state = applyStep(state, step, index, sessionTimeoutOf(scenario)).state;
    } catch (error) {
      if (error instanceof StepError) throw new ScenarioFileError(error.message);
      throw error;
    }
    if (state.members.length > SCENARIO_LIMITS.members) {
      throw new ScenarioFileError(
        `step ${index + 1}: more than ${SCENARIO_LIMITS.members} members`,
      );
    }
    if (total(state.cluster) > SCENARIO_LIMITS.totalPartitions) {
      throw new ScenarioFileError(
        `step ${index + 1}: the cluster grows past ${SCENARIO_LIMITS.totalPartitions} partitions`,
      );
    }
    partitionGenerations += total(state.cluster);
  });
  const problem = workLimitProblem(partitionGenerations);
  if (problem !== undefined) throw new ScenarioFileError(problem);
}

/**
 * The work a replay asks for: partitions summed over generations (what one assignor must
 * assign). Linear in the steps; throws a step's error when a step cannot apply.
 */
export function partitionGenerationsOf(scenario: Scenario): number {
  let state = initialState(scenario.cluster);
  let sum = 0;
  scenario.steps.forEach((step, index) => {
    state = applyStep(state, step, index, sessionTimeoutOf(scenario)).state;
    for (const count of Object.values(state.cluster)) sum += count;
  });
  return sum;
}

/** Why a replay of this much work (per assignor) is refused, or `undefined` when it is not. */
export function workLimitProblem(partitionGenerations: number, assignors = 1): string | undefined {
  if (partitionGenerations <= SCENARIO_LIMITS.partitionGenerations) return undefined;
  const compared = assignors > 1 ? ` for each of the ${assignors} assignors compared` : '';
  return `replaying it would assign ${partitionGenerations} partitions (partitions × generations)${compared}; at most ${SCENARIO_LIMITS.partitionGenerations} are allowed per assignor, so drop steps or partitions`;
}

/** zod's record check skips a "__proto__" key; that topic's count is checked here instead. */
function checkProtoKey(cluster: object): void {
  if (!Object.hasOwn(cluster, '__proto__')) return;
  const count = partitions.safeParse((cluster as Record<string, unknown>)['__proto__']);
  if (!count.success) {
    throw new ScenarioFileError(`at cluster.__proto__: ${count.error.issues[0]?.message ?? ''}`);
  }
}

/**
 * Counts before the schema walks anything: a step of a million changes or a subscription of
 * a million topics is refused from its length alone.
 */
function checkSizes(json: object): void {
  const { steps } = json as { steps?: unknown };
  if (!Array.isArray(steps)) return; // the schema explains it
  if (steps.length > SCENARIO_LIMITS.steps) {
    throw new ScenarioFileError(
      `the scenario has ${steps.length} steps; at most ${SCENARIO_LIMITS.steps} are allowed`,
    );
  }
  let totalChanges = 0;
  steps.forEach((step: unknown, stepIndex) => {
    const changes = (step as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes)) return;
    if (changes.length > SCENARIO_LIMITS.changesPerStep) {
      throw new ScenarioFileError(
        `step ${stepIndex + 1} has ${changes.length} changes; a step may have at most ${SCENARIO_LIMITS.changesPerStep}`,
      );
    }
    totalChanges += changes.length;
    if (totalChanges > SCENARIO_LIMITS.totalChanges) {
      throw new ScenarioFileError(
        `the scenario has more than ${SCENARIO_LIMITS.totalChanges} changes in all`,
      );
    }
    changes.forEach((change: unknown, changeIndex) => {
      const { subscription, order } = (change ?? {}) as { subscription?: unknown; order?: unknown };
      const where = `step ${stepIndex + 1}, change ${changeIndex + 1}`;
      if (Array.isArray(subscription) && subscription.length > SCENARIO_LIMITS.subscriptionLength) {
        throw new ScenarioFileError(
          `${where}: a subscription lists ${subscription.length} topics; at most ${SCENARIO_LIMITS.subscriptionLength} are allowed`,
        );
      }
      if (Array.isArray(order) && order.length > SCENARIO_LIMITS.members) {
        throw new ScenarioFileError(
          `${where}: a member order lists ${order.length} members; a group has at most ${SCENARIO_LIMITS.members}`,
        );
      }
    });
  });
}

function megabytes(characters: number): string {
  return (characters / 1_000_000).toFixed(1).replace(/\.0$/, '');
}

/** A protocol with no empty parts: no `timings: {}`, no undefined fields. */
function cleanProtocol(protocol: ScenarioProtocol): ScenarioProtocol {
  const timings = definedFields(protocol.timings ?? {});
  return {
    name: protocol.name,
    ...(protocol.serverAssignor === undefined ? {} : { serverAssignor: protocol.serverAssignor }),
    ...(Object.keys(timings).length === 0 ? {} : { timings }),
  };
}

/** The file's `view`, unless there is none or it says nothing. */
function viewField(view: SharedView | undefined): { view?: SharedView } {
  const fields = view === undefined ? {} : definedFields(view);
  return Object.keys(fields).length === 0 ? {} : { view: fields };
}

function hasStaticRestart(steps: Scenario['steps']): boolean {
  return steps.some((step) => step.changes.some((change) => change.type === 'static-restart'));
}

/** The lowest file version that holds everything `scenario` says. */
export function scenarioFileVersion(scenario: Scenario): 1 | 2 | 3 | 4 | 5 {
  if (scenario.lesson !== undefined) return 5;
  if (hasStaticRestart(scenario.steps)) return 4;
  if (scenario.protocol !== undefined) return 3;
  return scenario.assignorMode === 'fixed' ? 2 : 1;
}

/** The file form of a scenario, pretty-printed. */
export function serializeScenario(
  scenario: Scenario,
  customAssignor?: CustomAssignorSource,
  view?: SharedView,
): string {
  const { assignorMode, protocol, ...rest } = scenario;
  const file: ScenarioFile = {
    format: SCENARIO_FORMAT,
    version: scenarioFileVersion(scenario),
    ...rest,
    ...(assignorMode === 'fixed' ? { assignorMode } : {}),
    ...(protocol === undefined ? {} : { protocol: cleanProtocol(protocol) }),
    ...(customAssignor === undefined ? {} : { customAssignor }),
    ...viewField(view),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Turns V8's "… at position 42" into a line and column a person can find. */
function locateJsonError(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  if (match === null) return error.message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/s, '')} at line ${line}, column ${column}`;
}
