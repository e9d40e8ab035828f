/**
 * Compares two results files of the same scenario, generation by generation: the partitions
 * whose owner differs and the metrics that changed. The CLI's `diff` prints it; the page
 * highlights the differing partitions with {@link differingPartitionKeys}. Pure.
 */
import { compareCodeUnits } from '../core/compare';
import type { MemberId, Topic } from '../core/types';
import { partitionKey, type GenerationMetrics } from '../scenario/replay';
import { shortFingerprint } from './fingerprint';
import {
  ownersOfGeneration,
  PROTOCOL_METRIC_NAMES,
  type ProtocolGenerationSummary,
  type ResultsFile,
  type ResultsGeneration,
} from './resultsFile';

/** A partition whose owner is not the same in A and B. */
export interface PartitionDifference {
  readonly topic: Topic;
  readonly partition: number;
  /** Its owner in A (the first one, in member order, if several), or null when unowned. */
  readonly ownerA: MemberId | null;
  readonly ownerB: MemberId | null;
  /** Every member given it in A, when more than one was (an invalid assignment). */
  readonly ownersA?: readonly MemberId[];
  readonly ownersB?: readonly MemberId[];
}

export type MetricName = keyof GenerationMetrics;

/** The order metrics are listed in. */
export const METRIC_NAMES: readonly MetricName[] = [
  'moved',
  'kept',
  'unownedDuringRebalance',
  'unassigned',
  'assigned',
  'partitions',
  'spread',
  'balanceScore',
  'isSticky',
];

export interface MetricDelta {
  readonly metric: MetricName;
  readonly a: number | boolean;
  readonly b: number | boolean;
  /** `b - a` for numbers; undefined for `isSticky`. */
  readonly delta: number | undefined;
}

/** A protocol figure (rounds, unconsumed partition·ms, …) that differs. */
export interface ProtocolMetricDelta {
  readonly metric: keyof ProtocolGenerationSummary;
  readonly a: number;
  readonly b: number;
  readonly delta: number;
}

/** A member whose pause differs (0 for a member that is only on one side). */
export interface PauseDelta {
  readonly member: MemberId;
  readonly a: number;
  readonly b: number;
}

export interface GenerationDiff {
  readonly generation: number;
  /** A's summary of the step (both files describe the same steps). */
  readonly summary: string;
  /** Topic ascending, then partition. */
  readonly partitions: readonly PartitionDifference[];
  /** Only the metrics that differ. */
  readonly metrics: readonly MetricDelta[];
  /** The assignors' errors, when they differ. */
  readonly errorA: string | undefined;
  readonly errorB: string | undefined;
  /** Protocol figures that differ; empty unless both files played this generation. */
  readonly protocolMetrics: readonly ProtocolMetricDelta[];
  /** Members whose pause differs, in A's member order then B's. */
  readonly pauses: readonly PauseDelta[];
  /** Whether one file has a protocol run of this generation and the other not. */
  readonly protocolPlayedA: boolean;
  readonly protocolPlayedB: boolean;
  readonly identical: boolean;
}

export interface ResultsDiff {
  readonly scenario: { readonly name: string; readonly fingerprint: string };
  readonly assignorA: string;
  readonly assignorB: string;
  /** The protocol each file was played under, when it has one. */
  readonly protocolA: string | undefined;
  readonly protocolB: string | undefined;
  readonly generations: readonly GenerationDiff[];
  readonly identical: boolean;
  readonly summary: {
    readonly generations: number;
    /** Generations with any difference (owners, metrics or errors). */
    readonly differingGenerations: number;
    /** Differing partitions summed over all generations. */
    readonly differingPartitions: number;
    /** `moved` summed over all generations, in A and in B. */
    readonly movedA: number;
    readonly movedB: number;
  };
}

/** Two results files that cannot be compared; the message says why. */
export class ResultsDiffError extends Error {
  override readonly name = 'ResultsDiffError';
}

export interface DiffLabels {
  /** How messages name the two sides, e.g. their file names. Default "A" and "B". */
  readonly a?: string;
  readonly b?: string;
}

/**
 * Compares `a` and `b`. Throws {@link ResultsDiffError} when they are results of different
 * scenarios or have different numbers of generations.
 */
export function diffResults(a: ResultsFile, b: ResultsFile, labels: DiffLabels = {}): ResultsDiff {
  const labelA = labels.a ?? 'A';
  const labelB = labels.b ?? 'B';
  if (a.scenario.fingerprint !== b.scenario.fingerprint) {
    const same = a.scenario.name === b.scenario.name;
    const nameOf = (r: ResultsFile) =>
      same
        ? `${JSON.stringify(r.scenario.name)} (fingerprint ${shortFingerprint(r.scenario.fingerprint)})`
        : JSON.stringify(r.scenario.name);
    throw new ResultsDiffError(
      `${labelA} is results of scenario ${nameOf(a)}, ${labelB} of scenario ${nameOf(b)}: they cannot be compared`,
    );
  }
  if (a.generations.length !== b.generations.length) {
    throw new ResultsDiffError(
      `${labelA} has ${a.generations.length} generations, ${labelB} has ${b.generations.length}: they cannot be compared`,
    );
  }
  const generations = a.generations.map((ga, index) =>
    diffGeneration(ga, b.generations[index] as ResultsGeneration),
  );
  const differing = generations.filter((g) => !g.identical);
  const moved = (r: ResultsFile) => r.generations.reduce((sum, g) => sum + g.metrics.moved, 0);
  return {
    scenario: { ...a.scenario },
    assignorA: a.assignor,
    assignorB: b.assignor,
    protocolA: a.protocol?.name,
    protocolB: b.protocol?.name,
    generations,
    identical: differing.length === 0,
    summary: {
      generations: generations.length,
      differingGenerations: differing.length,
      differingPartitions: generations.reduce((sum, g) => sum + g.partitions.length, 0),
      movedA: moved(a),
      movedB: moved(b),
    },
  };
}

/** One generation of A against the same generation of B. */
export function diffGeneration(a: ResultsGeneration, b: ResultsGeneration): GenerationDiff {
  const ownersA = ownersOfGeneration(a);
  const ownersB = ownersOfGeneration(b);
  const keys = new Set([...ownersA.keys(), ...ownersB.keys()]);
  const partitions: PartitionDifference[] = [];
  for (const key of keys) {
    const inA = ownersA.get(key) ?? [];
    const inB = ownersB.get(key) ?? [];
    if (sameMembers(inA, inB)) continue;
    const cut = key.indexOf('\u0000');
    partitions.push({
      topic: key.slice(0, cut),
      partition: Number(key.slice(cut + 1)),
      ownerA: inA[0] ?? null,
      ownerB: inB[0] ?? null,
      ...(inA.length > 1 ? { ownersA: inA } : {}),
      ...(inB.length > 1 ? { ownersB: inB } : {}),
    });
  }
  partitions.sort((x, y) => compareCodeUnits(x.topic, y.topic) || x.partition - y.partition);

  const metrics: MetricDelta[] = [];
  for (const metric of METRIC_NAMES) {
    const va = a.metrics[metric];
    const vb = b.metrics[metric];
    if (va === vb) continue;
    metrics.push({
      metric,
      a: va,
      b: vb,
      delta: typeof va === 'number' && typeof vb === 'number' ? vb - va : undefined,
    });
  }
  const errorsDiffer = a.error !== b.error;
  const { protocolMetrics, pauses } = diffProtocol(a, b);
  const playedDiffer = (a.protocol === undefined) !== (b.protocol === undefined);
  return {
    generation: a.generation,
    summary: a.summary,
    partitions,
    metrics,
    errorA: errorsDiffer ? a.error : undefined,
    errorB: errorsDiffer ? b.error : undefined,
    protocolMetrics,
    pauses,
    protocolPlayedA: a.protocol !== undefined,
    protocolPlayedB: b.protocol !== undefined,
    identical:
      partitions.length === 0 &&
      metrics.length === 0 &&
      !errorsDiffer &&
      protocolMetrics.length === 0 &&
      pauses.length === 0 &&
      !playedDiffer,
  };
}

/** Rounds, unconsumed time and pauses of one generation, when both files played it. */
function diffProtocol(
  a: ResultsGeneration,
  b: ResultsGeneration,
): { protocolMetrics: ProtocolMetricDelta[]; pauses: PauseDelta[] } {
  const pa = a.protocol;
  const pb = b.protocol;
  if (pa === undefined || pb === undefined) return { protocolMetrics: [], pauses: [] };
  const protocolMetrics: ProtocolMetricDelta[] = [];
  for (const metric of PROTOCOL_METRIC_NAMES) {
    const va = pa.metrics[metric];
    const vb = pb.metrics[metric];
    if (va !== vb) protocolMetrics.push({ metric, a: va, b: vb, delta: vb - va });
  }
  const pauseA = new Map(pa.members.map((m) => [m.member, m.pauseMs]));
  const pauseB = new Map(pb.members.map((m) => [m.member, m.pauseMs]));
  const pauses: PauseDelta[] = [];
  for (const member of new Set([...pauseA.keys(), ...pauseB.keys()])) {
    const va = pauseA.get(member) ?? 0;
    const vb = pauseB.get(member) ?? 0;
    if (va !== vb) pauses.push({ member, a: va, b: vb });
  }
  return { protocolMetrics, pauses };
}

function sameMembers(a: readonly MemberId[], b: readonly MemberId[]): boolean {
  return a.length === b.length && a.every((member) => b.includes(member));
}

/**
 * generation number → the `partitionKey`s (`topic\0partition`) of the partitions whose owner
 * differs, for every generation (an empty set when none differ). For the page's highlight.
 */
export function differingPartitionKeys(diff: ResultsDiff): Map<number, Set<string>> {
  return new Map(
    diff.generations.map((g) => [
      g.generation,
      new Set(g.partitions.map((p) => partitionKey(p.topic, p.partition))),
    ]),
  );
}

// ------------------------------------------------------------------------------------------
// Text
// ------------------------------------------------------------------------------------------

function ownerText(owner: MemberId | null, owners: readonly MemberId[] | undefined): string {
  if (owners !== undefined) return `${owners.join(' + ')} (duplicate)`;
  return owner ?? '(no owner)';
}

function formatDelta(d: MetricDelta | ProtocolMetricDelta): string {
  if (d.delta === undefined) return `${d.metric} ${String(d.a)} → ${String(d.b)}`;
  const sign = d.delta > 0 ? '+' : '';
  return `${d.metric} ${String(d.a)} → ${String(d.b)} (${sign}${d.delta})`;
}

/**
 * A readable report: which file is A and which B, then per generation what differs (owners
 * as `A: C0  B: C2`, metrics as `A → B`), then a summary line. `names` say where A and B
 * come from, e.g. their file names.
 */
export function describeDiff(diff: ResultsDiff, names: DiffLabels = {}): string[] {
  const how = (assignor: string, protocol: string | undefined) =>
    protocol === undefined ? assignor : `${assignor}, ${protocol} protocol`;
  const lines = [
    `A: ${names.a === undefined ? '' : `${names.a} `}(${how(diff.assignorA, diff.protocolA)})`,
    `B: ${names.b === undefined ? '' : `${names.b} `}(${how(diff.assignorB, diff.protocolB)})`,
    `scenario ${JSON.stringify(diff.scenario.name)}, ${diff.summary.generations} generation${diff.summary.generations === 1 ? '' : 's'}`,
  ];
  for (const g of diff.generations) {
    const head = `generation ${g.generation} (${g.summary})`;
    if (g.identical) {
      lines.push(`${head}: identical`);
      continue;
    }
    const n = g.partitions.length;
    lines.push(
      `${head}: ${n === 0 ? 'same owners' : `${n} partition${n === 1 ? '' : 's'} with another owner`}`,
    );
    for (const p of g.partitions) {
      lines.push(
        `  ${p.topic}-${p.partition}  A: ${ownerText(p.ownerA, p.ownersA)}  B: ${ownerText(p.ownerB, p.ownersB)}`,
      );
    }
    if (g.metrics.length > 0) lines.push(`  metrics: ${g.metrics.map(formatDelta).join(', ')}`);
    if (g.errorA !== g.errorB) {
      lines.push(`  error  A: ${g.errorA ?? '(none)'}  B: ${g.errorB ?? '(none)'}`);
    }
    if (g.protocolMetrics.length > 0) {
      lines.push(`  protocol: ${g.protocolMetrics.map(formatDelta).join(', ')}`);
    }
    if (g.pauses.length > 0) {
      lines.push(`  pause (ms): ${g.pauses.map((p) => `${p.member} ${p.a} → ${p.b}`).join(', ')}`);
    }
    if (g.protocolPlayedA !== g.protocolPlayedB) {
      const side = (played: boolean) => (played ? 'played' : 'no protocol run');
      lines.push(`  protocol  A: ${side(g.protocolPlayedA)}  B: ${side(g.protocolPlayedB)}`);
    }
  }
  const s = diff.summary;
  lines.push(
    diff.identical
      ? `identical: same owners, metrics and protocol runs in all ${s.generations} generation${s.generations === 1 ? '' : 's'}`
      : `different: ${s.differingGenerations} of ${s.generations} generation${s.generations === 1 ? '' : 's'} differ, ${s.differingPartitions} partition owner${s.differingPartitions === 1 ? '' : 's'} in all; moved in total A ${s.movedA}, B ${s.movedB}`,
  );
  return lines;
}
