/**
 * The scenario file format: versioned JSON, validated by a schema, then by replaying its
 * steps against the group state, so every problem is reported with where it is.
 */
import { z } from 'zod';
import { ASSIGNOR_MODES } from '../core/assignors/mode';
import { describeIssues } from '../conformance/formats';
import { applyStep, initialState, StepError } from './groupState';
import type { Scenario } from './types';
import { versionedHeaderProblem } from './versionedFormat';

export const SCENARIO_FORMAT = 'rebalance-playground/scenario';
/**
 * Version 2 added `assignorMode`. A scenario without it (faithful, the default) is still
 * written as version 1, so older playgrounds keep reading it; one in fixed mode is version 2,
 * which they refuse rather than replay it faithfully without saying so.
 */
export const SCENARIO_VERSION = 2;

/** Bounds that keep a file or link from asking the page for more than it can show. */
export const SCENARIO_LIMITS = {
  steps: 500,
  members: 5000,
  partitionsPerTopic: 100_000,
  totalPartitions: 200_000,
  nameLength: 249,
  customAssignorSource: 200_000,
} as const;

const name = z
  .string()
  .min(1, 'must not be empty')
  .max(SCENARIO_LIMITS.nameLength, `must be at most ${SCENARIO_LIMITS.nameLength} characters`);
const partitions = z.number().int().min(0).max(SCENARIO_LIMITS.partitionsPerTopic);
const subscription = z.array(name);

const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), member: name, subscription }),
  z.object({ type: z.literal('leave'), member: name }),
  z.object({ type: z.literal('restart'), member: name }),
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

export const scenarioFileSchema = z.object({
  format: z.literal(SCENARIO_FORMAT),
  version: z.union([z.literal(1), z.literal(SCENARIO_VERSION)]),
  name: z.string().max(200),
  description: z.string().max(5000).optional(),
  userDataMode: z.enum(['aiokafka', 'counter']),
  assignorMode: z.enum(ASSIGNOR_MODES).optional(),
  cluster: z.record(name, partitions),
  steps: z
    .array(z.object({ note: z.string().max(500).optional(), changes: z.array(changeSchema) }))
    .max(SCENARIO_LIMITS.steps),
  customAssignor: customAssignorSchema.optional(),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** A scenario file (or link) that cannot be used; the message says what is wrong and where. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
}

export interface LoadedScenario {
  scenario: Scenario;
  customAssignor: CustomAssignorSource | undefined;
}

/** Parses and checks scenario JSON text; throws {@link ScenarioFileError} on any problem. */
export function parseScenarioFile(text: string): LoadedScenario {
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
  const parsed = scenarioFileSchema.safeParse(json);
  if (!parsed.success) throw new ScenarioFileError(describeIssues(parsed.error));
  const { customAssignor, format: _format, version, assignorMode, ...rest } = parsed.data;
  if (version === 1 && assignorMode !== undefined) {
    throw new ScenarioFileError('"assignorMode" needs scenario file version 2');
  }
  // Faithful is the default: leave it out, so a faithful scenario looks as it always did.
  const scenario: Scenario = assignorMode === 'fixed' ? { ...rest, assignorMode } : rest;
  checkScenario(scenario);
  return { scenario, customAssignor };
}

/**
 * Walks the steps against the group state: a member leaving that is not in the group, a
 * topic growing that does not exist, more partitions than the page can show.
 */
export function checkScenario(scenario: Scenario): void {
  let state = initialState(scenario.cluster);
  const total = (cluster: Record<string, number>) =>
    Object.values(cluster).reduce((a, b) => a + b, 0);
  if (total(state.cluster) > SCENARIO_LIMITS.totalPartitions) {
    throw new ScenarioFileError(
      `the cluster has more than ${SCENARIO_LIMITS.totalPartitions} partitions`,
    );
  }
  scenario.steps.forEach((step, index) => {
    try {
      state = applyStep(state, step, index).state;
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
  });
}

/** The file form of a scenario, pretty-printed. */
export function serializeScenario(
  scenario: Scenario,
  customAssignor?: CustomAssignorSource,
): string {
  const { assignorMode, ...rest } = scenario;
  const file: ScenarioFile = {
    format: SCENARIO_FORMAT,
    version: assignorMode === 'fixed' ? SCENARIO_VERSION : 1,
    ...rest,
    ...(assignorMode === 'fixed' ? { assignorMode } : {}),
    ...(customAssignor === undefined ? {} : { customAssignor }),
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
