/**
 * Assignor benchmark: median milliseconds per leader `assign` call on the groups of
 * `bench/groups.ts`, plus the process's peak RSS.
 *
 *   npm run bench -- [--json] [--case a,b,c,d,e] [--assignor range,roundrobin,sticky,java-sticky,cooperative-sticky]
 *
 * When the Java side-by-side harness (`../shared/kafka-bench/`) has results, Kafka's own
 * figures for the same rows follow the table (`KAFKA_BENCH_RESULTS=file` picks the file;
 * see `kafkaResults.ts`).
 *
 * Each measurement makes a few untimed warm-up calls, then times calls until it has at least
 * MIN_RUNS of them and at least TARGET_MS in total. Every result is checked (untimed): each
 * partition assigned exactly once, to a subscriber.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { GroupAssignment } from '../src/core/types';
import {
  BENCH_ASSIGNOR_NAMES,
  BENCH_CASES,
  buildFreshGroup,
  isBenchAssignorName,
  type BenchAssignorName,
  buildLeaveGroup,
  checkAssignment,
  movedPartitions,
  totalPartitions,
  type BenchCase,
  type BenchCaseId,
  type BenchGroup,
  type BenchPhase,
} from './groups';
import { kafkaKey, loadKafkaResults } from './kafkaResults';

const MIN_RUNS = 5;
/** Keep timing until this much time has been spent on timed calls (after MIN_RUNS). */
const TARGET_MS = 1000;
/** Stop adding runs past this many, or past MAX_MS once MIN_RUNS are done. */
const MAX_RUNS = 100_000;
const MAX_MS = 20_000;
const WARMUP_CALLS = 3;
/** Stop warming up once warm-up calls have taken this long (at least one call is made). */
const WARMUP_MAX_MS = 2000;
/** A single call slower than this is not repeated: its one cold time is reported. */
const SLOW_CALL_MS = 10_000;

const USAGE =
  'usage: npm run bench -- [--json] [--case a,b,c,d,e] [--assignor range,roundrobin,sticky,java-sticky,cooperative-sticky]';

interface Options {
  readonly json: boolean;
  readonly cases: readonly BenchCase[];
  readonly assignors: readonly BenchAssignorName[];
  readonly inProcess: boolean;
}

class UsageError extends Error {}

function parseList<T extends string>(
  value: string | undefined,
  what: string,
  known: readonly T[],
  isKnown: (name: string) => name is T,
): T[] {
  if (value === undefined) return [...known];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isKnown(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown ${what} ${unknown.map((name) => JSON.stringify(name)).join(', ')}; ` +
        `expected a comma-separated list of ${known.join(', ')}`,
    );
  }
  return [...new Set(names as T[])];
}

function parseOptions(argv: readonly string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        case: { type: 'string' },
        assignor: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        // Internal: run in this process and print full rows as JSON (see runIsolated).
        'in-process': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const caseIds = BENCH_CASES.map((c) => c.id);
  const ids = parseList(values.case, 'case', caseIds, (name): name is BenchCaseId =>
    (caseIds as readonly string[]).includes(name),
  );
  const assignors = parseList(
    values.assignor,
    'assignor',
    BENCH_ASSIGNOR_NAMES,
    isBenchAssignorName,
  );
  return {
    json: values.json ?? false,
    cases: BENCH_CASES.filter((c) => ids.includes(c.id)),
    assignors,
    inProcess: values['in-process'] ?? false,
  };
}

interface Measurement {
  readonly medianMs: number;
  readonly runs: number;
  /** The result of the last call, for the correctness check. */
  readonly result: GroupAssignment;
  /** True when one call exceeded SLOW_CALL_MS, so it was reported alone, cold. */
  readonly overLimit: boolean;
}

function median(times: Float64Array): number {
  const sorted = times.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function measure(group: BenchGroup): Measurement {
  const { leader, cluster, members } = group;
  const call = (): GroupAssignment => leader.assign(cluster, members);

  let result: GroupAssignment | undefined;
  let warmupMs = 0;
  for (let i = 0; i < WARMUP_CALLS && (i === 0 || warmupMs < WARMUP_MAX_MS); i++) {
    const start = performance.now();
    result = call();
    const elapsed = performance.now() - start;
    warmupMs += elapsed;
    if (elapsed > SLOW_CALL_MS) return { medianMs: elapsed, runs: 1, result, overLimit: true };
  }

  const times = new Float64Array(MAX_RUNS);
  let runs = 0;
  let totalMs = 0;
  while (runs < MIN_RUNS || (totalMs < TARGET_MS && runs < MAX_RUNS && totalMs < MAX_MS)) {
    const start = performance.now();
    result = call();
    const elapsed = performance.now() - start;
    times[runs++] = elapsed;
    totalMs += elapsed;
  }
  if (result === undefined) throw new Error('unreachable: no assign call was made');
  return { medianMs: median(times.subarray(0, runs)), runs, result, overLimit: false };
}

interface Row {
  readonly case: BenchCaseId;
  readonly phase: BenchPhase;
  readonly assignor: BenchAssignorName;
  readonly medianMs: number;
  readonly runs: number;
  readonly partitions: number;
  readonly members: number;
  /** Leave phase: partitions that changed owner, not counting the departed member's. */
  readonly moved: number | undefined;
  readonly overLimit: boolean;
  readonly problem: string | undefined;
  /** Peak RSS of the process that ran this case and assignor. */
  readonly peakRssMb?: number;
}

const COLUMNS = [
  ['case', 4],
  ['phase', 5],
  ['assignor', 18],
  ['median ms', 11],
  ['runs', 7],
  ['partitions', 10],
  ['members', 7],
  ['moved', 7],
  ['peak MB', 8],
] as const;

function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

function tableLine(cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const width = COLUMNS[i]?.[1] ?? 0;
      return i < 3 ? cell.padEnd(width) : cell.padStart(width);
    })
    .join('  ')
    .trimEnd();
}

function rowLine(row: Row): string {
  const line = tableLine([
    row.case,
    row.phase,
    row.assignor,
    formatMs(row.medianMs),
    String(row.runs),
    String(row.partitions),
    String(row.members),
    row.moved === undefined ? '' : String(row.moved),
    row.peakRssMb === undefined ? '' : String(Math.round(row.peakRssMb)),
  ]);
  const notes = [
    row.overLimit ? `single cold call over ${SLOW_CALL_MS / 1000} s, not repeated` : '',
    row.problem === undefined ? '' : `INVALID: ${row.problem}`,
  ].filter((note) => note !== '');
  return notes.length > 0 ? `${line}  (${notes.join('; ')})` : line;
}

function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Times one case for one assignor, fresh and (where the case has it) leave. */
function runRows(c: BenchCase, assignor: BenchAssignorName, record: (row: Row) => void): void {
  const fresh = buildFreshGroup(c, assignor);
  const freshRun = measure(fresh);
  const freshProblem = checkAssignment(fresh, freshRun.result);
  record({
    case: c.id,
    phase: 'fresh',
    assignor,
    medianMs: freshRun.medianMs,
    runs: freshRun.runs,
    partitions: totalPartitions(c),
    members: fresh.members.size,
    moved: undefined,
    overLimit: freshRun.overLimit,
    problem: freshProblem,
  });
  if (!c.phases.includes('leave')) return;
  if (freshRun.overLimit) {
    process.stderr.write(
      `bench: skipping case ${c.id} leave ${assignor}: fresh call took over ${SLOW_CALL_MS / 1000} s\n`,
    );
    return;
  }
  const leave = buildLeaveGroup(fresh, freshRun.result);
  const leaveRun = measure(leave);
  record({
    case: c.id,
    phase: 'leave',
    assignor,
    medianMs: leaveRun.medianMs,
    runs: leaveRun.runs,
    partitions: totalPartitions(c),
    members: leave.members.size,
    moved: movedPartitions(freshRun.result, leaveRun.result),
    overLimit: leaveRun.overLimit,
    problem: checkAssignment(leave, leaveRun.result, assignor === 'cooperative-sticky'),
  });
}

/** Runs one case and assignor in a child process of the same runtime and reads its rows. */
function runIsolated(
  caseId: BenchCaseId,
  assignor: BenchAssignorName,
): { rows: Row[]; peakRssMb: number } {
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot find the bench script to re-run');
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, script, '--in-process', '--case', caseId, '--assignor', assignor],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.error !== undefined) throw child.error;
  const lastLine = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(lastLine) as { rows: Row[]; peakRssMb: number };
  } catch {
    throw new Error(
      `bench child for case ${caseId} ${assignor} failed (exit ${child.status}):\n${child.stderr}`,
    );
  }
}

/** Java's assignors for each of ours: range and roundrobin by name, aiokafka's sticky against both stickies. */
const JAVA_COUNTERPARTS: Record<BenchAssignorName, readonly string[]> = {
  range: ['range'],
  roundrobin: ['roundrobin'],
  sticky: ['sticky', 'cooperative-sticky'],
  // The ports of Kafka's own two, against the originals.
  'java-sticky': ['sticky'],
  'cooperative-sticky': ['cooperative-sticky'],
};

function printKafkaComparison(rows: readonly Row[], out: (text: string) => void): void {
  const kafka = loadKafkaResults(process.env.KAFKA_BENCH_RESULTS);
  out('');
  if (kafka === undefined) {
    out(
      'No Java results from ../shared/kafka-bench (run its compare.sh, or set KAFKA_BENCH_RESULTS).',
    );
    return;
  }
  if ('error' in kafka) {
    out(`Java results: ${kafka.error}`);
    return;
  }
  out(`Kafka's Java assignors, warm medians from ${kafka.source}`);
  out('(another run, under its own machine load; ratio above 1 = ours is slower):');
  out('');
  out(
    [
      'case',
      'phase',
      'names   ',
      'ours              ',
      '     ms',
      'java              ',
      '     ms',
      ' ours/java',
    ].join('  '),
  );
  for (const row of rows) {
    for (const names of ['original', 'hashed']) {
      for (const java of JAVA_COUNTERPARTS[row.assignor]) {
        const javaMs = kafka.medians.get(kafkaKey(names, row.case, row.phase, java));
        if (javaMs === undefined) continue;
        out(
          [
            row.case.padEnd(4),
            row.phase.padEnd(5),
            names.padEnd(8),
            row.assignor.padEnd(18),
            formatMs(row.medianMs).padStart(7),
            java.padEnd(18),
            formatMs(javaMs).padStart(7),
            (row.medianMs / javaMs).toFixed(2).padStart(10),
          ].join('  '),
        );
      }
    }
  }
}

function main(argv: readonly string[]): number {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n\ncases:\n`);
    for (const c of BENCH_CASES) process.stdout.write(`  ${c.id}  ${c.description}\n`);
    return 0;
  }

  const { json } = options;
  const out = (text: string) => {
    if (!json) process.stdout.write(`${text}\n`);
  };
  const progress = (text: string) => {
    if (json) process.stderr.write(`${text}\n`);
  };

  out('Cases:');
  for (const c of options.cases) out(`  ${c.id}  ${c.description}`);
  out(
    `Phases: fresh = every member joins with no user data; leave = from that assignor's fresh ` +
      `result, the middle member leaves and the others rejoin with metadata(topics).`,
  );
  out(
    `Timing: ${WARMUP_CALLS} warm-up calls, then at least ${MIN_RUNS} runs and ~${TARGET_MS / 1000} s ` +
      `per row; moved = partitions that changed owner in the leave phase, ` +
      `not counting the departed member's.`,
  );
  out('');
  out(tableLine(COLUMNS.map(([name]) => name)));

  const rows: Row[] = [];
  const record = (row: Row) => {
    rows.push(row);
    out(rowLine(row));
    progress(rowLine(row));
    if (row.problem !== undefined) {
      process.stderr.write(
        `bench: case ${row.case} ${row.phase} ${row.assignor}: invalid assignment: ${row.problem}\n`,
      );
    }
  };

  const peaks: number[] = [];
  if (options.inProcess) {
    for (const c of options.cases)
      for (const assignor of options.assignors) runRows(c, assignor, record);
    peaks.push(peakRssMb());
    process.stdout.write(`${JSON.stringify({ rows, peakRssMb: peaks[0] })}\n`);
    return rows.some((row) => row.problem !== undefined) ? 1 : 0;
  }
  // Each case and assignor runs in a fresh process, so one workload's garbage does not
  // inflate the next one's memory figure; the peak reported is the largest of them.
  for (const c of options.cases) {
    for (const assignor of options.assignors) {
      const child = runIsolated(c.id, assignor);
      child.rows.forEach((row) => record({ ...row, peakRssMb: child.peakRssMb }));
      peaks.push(child.peakRssMb);
    }
  }

  const peak = Math.max(...peaks);
  if (json) {
    const results = rows.map((row) => ({
      case: row.case,
      phase: row.phase,
      assignor: row.assignor,
      medianMs: Math.round(row.medianMs * 1000) / 1000,
      runs: row.runs,
    }));
    process.stdout.write(`${JSON.stringify({ results, peakRssMb: peak })}\n`);
  } else {
    out('');
    out(`Peak RSS: ${peak} MB (the largest of the per-case processes)`);
    printKafkaComparison(rows, out);
  }
  return rows.some((row) => row.problem !== undefined) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
