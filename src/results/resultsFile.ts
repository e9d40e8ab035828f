/**
 * The results file: for one scenario and one assignor, every generation's assignment and
 * metrics, as versioned JSON. A baseline to diff a changed assignor against.
 *
 *   { "format": "rebalance-playground/results", "version": 1,
 *     "scenario": { "name": "…", "fingerprint": "sha256:…" },
 *     "assignor": "sticky",
 *     "generations": [ { "generation": 1, "summary": "…",
 *                        "assignment": { "C0": { "t0": [0, 1] }, … },
 *                        "metrics": { "moved": 0, … },
 *                        "error"?: "…", "problems"?: ["…"],
 *                        "protocol"?: { "rounds": [ { "index": 1, "kind": "join-sync", … } ],
 *                                       "metrics": { "rounds": 1, "durationMs": …, … },
 *                                       "partitions": [ { "topic": "t0", "partition": 0,
 *                                                         "unconsumedMs": 900 } ],
 *                                       "members": [ { "member": "C0", "pauseMs": 900,
 *                                                      "revoked": 2, "assigned": 1 } ] } },
 *                      … ],
 *     "protocol"?: { "name": "cooperative", "timings": { "heartbeatIntervalMs": 3000, … } } }
 *
 * Version 2 added the protocol: which one the generations were played under, with its
 * timings, and per generation its rounds and metrics. A file without one is written as
 * version 1, so older playgrounds keep reading it; both versions load.
 *
 * Members are written in JoinGroup order and topics ascending; reading keeps the written
 * order even for integer-like member ids. Pure: no DOM, no Node.
 */
import { z } from 'zod';
import { versionedHeaderProblem } from '../scenario/versionedFormat';
import { describeIssues } from '../scenario/zodIssues';
import { describeProblem } from '../core/metrics';
import { compareCodeUnits } from '../core/compare';
import type { MemberId, Topic } from '../core/types';
import { PROTOCOLS, resolveTimings, type Protocol, type ProtocolRun } from '../protocol';
import type { ProtocolRound, ProtocolTimings } from '../protocol/types';
import { protocolRunsOf } from '../scenario/protocolReplay';
import { partitionKey, type GenerationMetrics, type GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { scenarioFingerprint } from './fingerprint';
import { parseJsonKeepingKeyOrder, prettyJson, type KeyOrder } from './json';

export const RESULTS_FORMAT = 'rebalance-playground/results';
export const RESULTS_VERSION = 2;
export type ResultsVersion = 1 | typeof RESULTS_VERSION;

/** One generation as a rebalance protocol played it: its rounds and what stopped. */
export interface ResultsProtocolGeneration {
  readonly rounds: readonly ProtocolRound[];
  readonly metrics: ProtocolGenerationSummary;
  /** Partitions nobody consumed for some time, by topic then partition. */
  readonly partitions: readonly {
    readonly topic: Topic;
    readonly partition: number;
    readonly unconsumedMs: number;
  }[];
  /** The new group's members, in group order. */
  readonly members: readonly {
    readonly member: MemberId;
    readonly pauseMs: number;
    readonly revoked: number;
    readonly assigned: number;
  }[];
}

/** A protocol run's figures, as numbers (the lists are beside them). */
export interface ProtocolGenerationSummary {
  readonly rounds: number;
  readonly durationMs: number;
  readonly unconsumedPartitions: number;
  readonly unconsumedPartitionMs: number;
  readonly maxUnconsumedMs: number;
}

export const PROTOCOL_METRIC_NAMES: readonly (keyof ProtocolGenerationSummary)[] = [
  'rounds',
  'durationMs',
  'unconsumedPartitions',
  'unconsumedPartitionMs',
  'maxUnconsumedMs',
];

/** Which protocol a results file's generations were played under, with every timing. */
export interface ResultsProtocol {
  readonly name: Protocol;
  readonly timings: ProtocolTimings;
}

/** member → topic → partitions. Maps, because their order is data. */
export type ResultsAssignment = ReadonlyMap<MemberId, ReadonlyMap<Topic, readonly number[]>>;

export interface ResultsGeneration {
  /** 1-based; generation N is the rebalance after step N. */
  readonly generation: number;
  readonly summary: string;
  /** Members in JoinGroup order (all of them, idle ones too), topics ascending. */
  readonly assignment: ResultsAssignment;
  readonly metrics: GenerationMetrics;
  /** What the assignor threw, when it did (the assignment is then empty). */
  readonly error?: string | undefined;
  /** Violations of the assignment rules, one line each; absent when there are none. */
  readonly problems?: readonly string[] | undefined;
  /** How the file's protocol played it; absent without a protocol, or when it failed. */
  readonly protocol?: ResultsProtocolGeneration | undefined;
}

export interface ResultsFile {
  readonly format: typeof RESULTS_FORMAT;
  /** 2 when it has a protocol, else 1. */
  readonly version: ResultsVersion;
  readonly scenario: { readonly name: string; readonly fingerprint: string };
  /** A built-in assignor's name, or the custom assignor's. */
  readonly assignor: string;
  readonly generations: readonly ResultsGeneration[];
  readonly protocol?: ResultsProtocol | undefined;
}

/** A results file that cannot be used; the message says what is wrong and where. */
export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
}

/** A protocol run as the results file keeps it. */
export function protocolGenerationOf(
  run: ProtocolRun,
  members: readonly MemberId[],
): ResultsProtocolGeneration {
  const m = run.metrics;
  return {
    rounds: run.rounds.map((r) => ({ ...r })),
    metrics: {
      rounds: m.rounds,
      durationMs: m.durationMs,
      unconsumedPartitions: m.unconsumedPartitions,
      unconsumedPartitionMs: m.unconsumedPartitionMs,
      maxUnconsumedMs: m.maxUnconsumedMs,
    },
    partitions: m.partitions.map((p) => ({ ...p })),
    members: members.map((member) => ({
      member,
      pauseMs: m.members[member]?.pauseMs ?? 0,
      revoked: m.members[member]?.revoked ?? 0,
      assigned: m.members[member]?.assigned ?? 0,
    })),
  };
}

/**
 * The results of replaying `scenario` with `assignor` (a `replayAll` output). With a
 * `protocol`, every generation is also played under it (timings not given are the model's
 * defaults) and its rounds and metrics are kept.
 */
export function resultsOf(
  scenario: Scenario,
  assignor: string,
  generations: readonly GenerationResult[],
  protocol?: { readonly name: Protocol; readonly timings?: Partial<ProtocolTimings> | undefined },
): ResultsFile {
  const timings = protocol === undefined ? undefined : resolveTimings(protocol.timings ?? {});
  const runs =
    protocol === undefined || timings === undefined
      ? []
      : protocolRunsOf(protocol.name, generations, timings);
  return {
    format: RESULTS_FORMAT,
    version: protocol === undefined ? 1 : RESULTS_VERSION,
    scenario: { name: scenario.name, fingerprint: scenarioFingerprint(scenario) },
    assignor,
    ...(protocol === undefined || timings === undefined
      ? {}
      : { protocol: { name: protocol.name, timings } }),
    generations: generations.map((result, index) => {
      const assignment = new Map<MemberId, Map<Topic, number[]>>();
      for (const member of result.members) {
        // A faulty assignor can name a topic twice: its partitions are merged, in order.
        const topics = new Map<Topic, number[]>();
        for (const [topic, partitions] of member.assignment)
          topics.set(topic, [...(topics.get(topic) ?? []), ...partitions]);
        const sorted = new Map(
          [...topics].sort(([a], [b]) => compareCodeUnits(a, b)) as [Topic, number[]][],
        );
        // A member listed twice (it cannot be, but) keeps its first place.
        if (!assignment.has(member.id)) assignment.set(member.id, sorted);
      }
      const generation: ResultsGeneration = {
        generation: result.generation,
        summary: result.summary,
        assignment,
        metrics: { ...result.metrics },
        ...(result.error === undefined ? {} : { error: result.error }),
        ...(result.problems.length === 0 ? {} : { problems: result.problems.map(describeProblem) }),
      };
      const run = runs[index];
      if (run === undefined) return generation;
      return { ...generation, protocol: protocolGenerationOf(run, [...assignment.keys()]) };
    }),
  };
}

/** The file text: pretty JSON, members and topics in their order, ending in a newline. */
export function serializeResults(results: ResultsFile): string {
  return prettyJson({
    format: results.format,
    version: results.version,
    scenario: { name: results.scenario.name, fingerprint: results.scenario.fingerprint },
    assignor: results.assignor,
    generations: results.generations.map((g) => ({
      generation: g.generation,
      summary: g.summary,
      assignment: g.assignment,
      metrics: g.metrics,
      error: g.error,
      problems: g.problems,
      protocol: g.protocol,
    })),
    protocol: results.protocol,
  });
}

/**
 * The one writer of the results file format: the text of {@link resultsOf}. The CLI's
 * `replay` and the page's "Save results" both write through it.
 */
export function resultsFileText(...args: Parameters<typeof resultsOf>): string {
  return serializeResults(resultsOf(...args));
}

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

const count = z.number().int().min(0);

export const generationMetricsSchema = z.object({
  moved: count,
  kept: count,
  unownedDuringRebalance: count,
  unassigned: count,
  assigned: count,
  partitions: count,
  spread: count,
  balanceScore: count,
  isSticky: z.boolean(),
}) satisfies z.ZodType<GenerationMetrics>;

const ms = z.number().min(0);

const protocolGenerationSchema = z.object({
  rounds: z.array(
    z.object({
      index: z.number().int().min(1),
      kind: z.enum(['join-sync', 'reconcile']),
      startMs: ms,
      endMs: ms,
    }),
  ),
  metrics: z.object({
    rounds: count,
    durationMs: ms,
    unconsumedPartitions: count,
    unconsumedPartitionMs: ms,
    maxUnconsumedMs: ms,
  }),
  partitions: z.array(z.object({ topic: z.string(), partition: count, unconsumedMs: ms })),
  members: z.array(z.object({ member: z.string(), pauseMs: ms, revoked: count, assigned: count })),
});

const protocolSchema = z.object({
  name: z.enum(PROTOCOLS, {
    error: (issue) =>
      `unknown protocol ${JSON.stringify(issue.input)}: expected ${PROTOCOLS.join(', ')}`,
  }),
  timings: z.object({
    heartbeatIntervalMs: ms,
    pollIntervalMs: ms,
    rebalanceMs: ms,
    revokeMs: ms,
    sessionTimeoutMs: ms,
  }),
});

export const resultsFileSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  version: z.union([z.literal(1), z.literal(RESULTS_VERSION)]),
  scenario: z.object({
    name: z.string(),
    fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits'),
  }),
  assignor: z.string().min(1, 'must not be empty'),
  generations: z.array(
    z.object({
      generation: z.number().int().min(1),
      summary: z.string(),
      assignment: z.record(
        z.string(),
        z.record(z.string(), z.array(z.number().int().min(0, 'expected a partition number'))),
      ),
      metrics: generationMetricsSchema,
      error: z.string().optional(),
      problems: z.array(z.string()).optional(),
      protocol: protocolGenerationSchema.optional(),
    }),
  ),
  protocol: protocolSchema.optional(),
});

/** What other files of this project say in their "format" field, to name them. */
const OTHER_FORMATS: Readonly<Record<string, string>> = {
  'rebalance-playground/scenario':
    'this is a scenario file, not a results file (make results from it with: replay SCENARIO --assignor NAME)',
  'aiokafka-assignor-conformance/1':
    'this is an aiokafka conformance file (assignors), not a results file',
  'aiokafka-sortedset-vectors/1':
    'this is an aiokafka conformance file (SortedSet vectors), not a results file',
  'aiokafka-partition-movements-vectors/1':
    'this is an aiokafka conformance file (partition movement vectors), not a results file',
  'aiokafka-wire-vectors/1':
    'this is an aiokafka conformance file (wire vectors), not a results file',
};

/** Parses and checks results file text; throws {@link ResultsFileError} on any problem. */
export function parseResultsFile(text: string): ResultsFile {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ResultsFileError(`not valid JSON: ${locateJsonError(text, error as Error)}`);
  }
  let parsed: ReturnType<typeof parseJsonKeepingKeyOrder>;
  try {
    parsed = parseJsonKeepingKeyOrder(text);
  } catch (error) {
    // Only our own limits throw here (JSON.parse accepted the text): say which one.
    throw new ResultsFileError((error as Error).message);
  }
  return resultsFromJson(parsed.value, parsed.keyOrder);
}

/**
 * Checks already-parsed JSON. Pass the `keyOrder` of {@link parseJsonKeepingKeyOrder} to keep
 * integer-like member ids in file order; without it members come in JavaScript's key order.
 */
export function resultsFromJson(json: unknown, keyOrder?: KeyOrder): ResultsFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ResultsFileError(`expected a JSON object with "format": "${RESULTS_FORMAT}"`);
  }
  const { format } = json as { format?: unknown };
  const known = typeof format === 'string' ? OTHER_FORMATS[format] : undefined;
  if (known !== undefined) throw new ResultsFileError(known);
  const headerProblem = versionedHeaderProblem(json, {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    noun: 'results file',
  });
  if (headerProblem !== undefined) throw new ResultsFileError(headerProblem);
  const parsed = resultsFileSchema.safeParse(json);
  if (!parsed.success) throw new ResultsFileError(describeIssues(parsed.error));

  const { version, protocol } = parsed.data;
  if (
    version === 1 &&
    (protocol !== undefined || parsed.data.generations.some((g) => g.protocol))
  ) {
    throw new ResultsFileError(
      '"protocol" needs results file version 2 (this file says version 1)',
    );
  }
  if (protocol === undefined && parsed.data.generations.some((g) => g.protocol !== undefined)) {
    throw new ResultsFileError(
      'generations have protocol rounds but the file names no "protocol" they were played under',
    );
  }
  const rawGenerations = (json as { generations: { assignment: object }[] }).generations;
  const generations = parsed.data.generations.map((g, index): ResultsGeneration => {
    if (g.generation !== index + 1) {
      throw new ResultsFileError(
        `at generations[${index}].generation: expected ${index + 1}, found ${g.generation} (generations must run 1, 2, 3, … in order)`,
      );
    }
    // Read from the raw JSON (already checked by the schema), not zod's copy: zod builds
    // records by assignment, which loses a member or topic called "__proto__".
    const raw = rawGenerations[index]?.assignment as Record<string, Record<string, number[]>>;
    checkRawAssignment(raw, `generations[${index}].assignment`);
    const assignment = new Map<MemberId, Map<Topic, number[]>>();
    for (const member of orderedKeys(raw, keyOrder)) {
      const topics = raw[member] as Record<Topic, number[]>;
      const ordered = orderedKeys(topics, keyOrder);
      assignment.set(member, new Map(ordered.map((topic) => [topic, topics[topic] as number[]])));
    }
    return {
      generation: g.generation,
      summary: g.summary,
      assignment,
      metrics: g.metrics,
      ...(g.error === undefined ? {} : { error: g.error }),
      ...(g.problems === undefined || g.problems.length === 0 ? {} : { problems: g.problems }),
      ...(g.protocol === undefined ? {} : { protocol: g.protocol }),
    };
  });
  return {
    format: RESULTS_FORMAT,
    version,
    scenario: parsed.data.scenario,
    assignor: parsed.data.assignor,
    generations,
    ...(protocol === undefined ? {} : { protocol }),
  };
}

/**
 * zod's record checks skip a "__proto__" key, so the raw assignment is checked once more,
 * key by key, before it is read.
 */
function checkRawAssignment(raw: Record<string, unknown>, path: string): void {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  for (const [member, topics] of Object.entries(raw)) {
    if (!isObject(topics)) {
      throw new ResultsFileError(`at ${path}.${member}: expected an object of topic → partitions`);
    }
    for (const [topic, partitions] of Object.entries(topics)) {
      const valid =
        Array.isArray(partitions) &&
        partitions.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0);
      if (!valid) {
        throw new ResultsFileError(
          `at ${path}.${member}.${topic}: expected a list of partition numbers`,
        );
      }
    }
  }
}

function orderedKeys(raw: object, keyOrder: KeyOrder | undefined): string[] {
  const written = keyOrder?.get(raw);
  return written === undefined ? Object.keys(raw) : [...written];
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

// ------------------------------------------------------------------------------------------
// Owners
// ------------------------------------------------------------------------------------------

/**
 * `partitionKey` → the members given that partition, in member order (more than one only for
 * an invalid assignment). Partitions nobody got are absent.
 */
export function ownersOfGeneration(generation: ResultsGeneration): Map<string, MemberId[]> {
  const owners = new Map<string, MemberId[]>();
  for (const [member, topics] of generation.assignment) {
    for (const [topic, partitions] of topics) {
      for (const partition of partitions) {
        const key = partitionKey(topic, partition);
        const list = owners.get(key);
        // Members come one at a time, so a member naming a partition twice is always the
        // last one listed: checking the end keeps this linear (a list scan was quadratic).
        if (list === undefined) owners.set(key, [member]);
        else if (list[list.length - 1] !== member) list.push(member);
      }
    }
  }
  return owners;
}
