import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BUILTIN_ASSIGNOR_NAMES, isBuiltinAssignorName } from '../core/assignors';
import type { CustomReplayOutcome } from '../custom/protocol';
import { PROTOCOLS, type Protocol } from '../protocol';
import {
  resultsOf,
  serializeResults,
  type ResultsFile,
  type ResultsGeneration,
} from '../results/resultsFile';
import { isServerRunName, SERVER_RUN_NAMES, serverRunFactory } from '../scenario/serverRuns';
import { parseScenarioFile, ScenarioFileError, type LoadedScenario } from '../scenario/file';
import { ASSIGNOR_MODES, NON_TERMINATION_MESSAGE, type AssignorMode } from '../core/assignors';
import { builtinRunFactory } from '../scenario/builtinRuns';
import {
  isJavaRunName,
  JAVA_RUN_NAMES,
  javaRunFactory,
  javaRunFits,
  javaRunProtocol,
} from '../scenario/javaRuns';
import { replayAll, type GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { parseCommandArgs, readTextFile, UsageError } from './io';

export const replayUsage = [
  'replay SCENARIO --assignor NAME|FILE [--protocol eager|cooperative|consumer] [--mode faithful|fixed] [--out results.json] [--deadline MS]   replay a scenario, write its results file',
  "      --protocol plays every generation under that rebalance protocol (default: the scenario's,",
  '      else eager); the consumer protocol takes a server-side assignor (server-uniform or',
  "      server-range, default the scenario's, else server-uniform), the others a client one.",
  "      java-sticky and cooperative-sticky are Kafka's Java assignors, run as a Java group runs",
  '      them: java-sticky eager only, cooperative-sticky cooperative only (each the default for',
  '      it), with the follow-up rebalance when partitions change owner.',
  '      A custom assignor FILE runs in a child process: Node permission model (reads only its',
  '      own bundled code; no file writes, child processes or worker threads), empty environment,',
  '      address-space limit (prlimit), 2 s per generation, 60 s per run. Network and other',
  '      processes are cut off only where `unshare --net --pid` works (root or user namespaces);',
  '      elsewhere the file CAN reach the network: run only files you trust there.',
].join('\n');

export const DEFAULT_DEADLINE_MS = 2000;

/** What `src/custom/nodeRunner.ts` exports: runs a custom assignor in a sandbox in Node. */
export interface NodeRunnerModule {
  replayCustomInNode(
    scenario: Scenario,
    assignor: { fileName: string; source: string },
    options: { deadlineMs: number },
  ): Promise<CustomReplayOutcome>;
}

/** Loads the Node runner of custom assignors, or undefined when this build has none. */
export type NodeRunnerLoader = () => Promise<NodeRunnerModule | undefined>;

const CUSTOM_EXTENSIONS = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

/**
 * Imported only when a custom assignor file is given. The specifier is a variable so this
 * file compiles and the built-in path runs whether or not the module exists.
 */
export const loadNodeRunner: NodeRunnerLoader = async () => {
  const specifier = '../custom/nodeRunner';
  try {
    const module = (await import(/* @vite-ignore */ specifier)) as Partial<NodeRunnerModule>;
    return typeof module.replayCustomInNode === 'function'
      ? (module as NodeRunnerModule)
      : undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = (error as Error).message ?? '';
    if (
      code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      /Cannot find module|Failed to load url|does not exist/i.test(message)
    ) {
      return undefined;
    }
    throw error;
  }
};

/** Reads and checks a scenario file; any problem is a UsageError naming the file. */
export function readScenario(path: string): LoadedScenario {
  try {
    return parseScenarioFile(readTextFile(path));
  } catch (error) {
    if (error instanceof ScenarioFileError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}

/** A whole number of at least `min`, from option `--name`. */
export function parseWholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * Replays `scenario` with `assignor`: a built-in assignor's name, or a .ts/.js file holding a
 * custom assignor (run in the Node sandbox with `deadlineMs` per call).
 */
export async function replayWith(
  scenario: Scenario,
  assignor: string,
  deadlineMs: number,
  loadRunner: NodeRunnerLoader = loadNodeRunner,
): Promise<{ name: string; generations: GenerationResult[] }> {
  if (isBuiltinAssignorName(assignor)) {
    const generations = replayAll(scenario, builtinRunFactory(assignor, scenario));
    return { name: assignor, generations };
  }
  if (isServerRunName(assignor)) {
    return { name: assignor, generations: replayAll(scenario, serverRunFactory(assignor)) };
  }
  if (isJavaRunName(assignor)) {
    return { name: assignor, generations: replayAll(scenario, javaRunFactory(assignor)) };
  }
  if (!CUSTOM_EXTENSIONS.test(assignor)) {
    throw new UsageError(
      `unknown assignor ${JSON.stringify(assignor)}: use one of ${[...BUILTIN_ASSIGNOR_NAMES, ...SERVER_RUN_NAMES, ...JAVA_RUN_NAMES].join(', ')}, or a custom assignor file ending in .ts or .js`,
    );
  }
  const source = readTextFile(assignor);
  const runner = await loadRunner();
  if (runner === undefined) {
    throw new UsageError(
      `${assignor}: custom assignors cannot run from the command line in this build (src/custom/nodeRunner.ts is missing); use a built-in assignor: ${BUILTIN_ASSIGNOR_NAMES.join(', ')}`,
    );
  }
  const outcome = await runner.replayCustomInNode(
    scenario,
    { fileName: basename(assignor), source },
    { deadlineMs },
  );
  switch (outcome.status) {
    case 'done':
      return {
        name: outcome.assignorName || basename(assignor).replace(CUSTOM_EXTENSIONS, ''),
        generations: outcome.generations,
      };
    case 'load-error': {
      const { message, line, column } = outcome.error;
      const where = line === undefined ? '' : `:${line}${column === undefined ? '' : `:${column}`}`;
      throw new UsageError(`${assignor}${where}: cannot load the custom assignor: ${message}`);
    }
    case 'error':
      throw new UsageError(`${assignor}: the custom replay failed: ${outcome.message}`);
    default:
      throw new UsageError(`${assignor}: the custom replay ended early (${outcome.status})`);
  }
}

/** Writes `text` to `path`; a failure is a UsageError naming the path. */
export function writeTextFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: cannot write (no such directory)`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a directory, not a file`);
    throw new UsageError(`${path}: cannot write (${(error as Error).message})`);
  }
}

/** Options of `--assignor` and `--deadline`, checked. */
export function assignorOptions(
  options: { assignor?: string | undefined; deadline?: string | undefined },
  usage: string,
) {
  const { assignor, deadline } = options;
  if (assignor === undefined) throw new UsageError(`--assignor is required\nusage: ${usage}`);
  const deadlineMs =
    deadline === undefined ? DEFAULT_DEADLINE_MS : parseWholeNumber('deadline', deadline, 1);
  return { assignor, deadlineMs };
}

/** `--mode faithful|fixed`, checked; undefined keeps the scenario's own mode. */
export function parseModeOption(value: string | undefined): AssignorMode | undefined {
  if (value === undefined) return undefined;
  if ((ASSIGNOR_MODES as readonly string[]).includes(value)) return value as AssignorMode;
  throw new UsageError(
    `--mode must be ${ASSIGNOR_MODES.join(' or ')}, got ${JSON.stringify(value)}`,
  );
}

/** The generations where aiokafka's sticky assignor would never have returned. */
export function nonTerminatingGenerations(generations: readonly GenerationResult[]): number[] {
  return generations
    .filter((g) => g.error?.includes(NON_TERMINATION_MESSAGE) === true)
    .map((g) => g.generation);
}

/** `--protocol eager|cooperative|consumer`, checked; undefined keeps the scenario's. */
export function parseProtocolOption(value: string | undefined): Protocol | undefined {
  if (value === undefined) return undefined;
  if ((PROTOCOLS as readonly string[]).includes(value)) return value as Protocol;
  throw new UsageError(`--protocol must be ${PROTOCOLS.join(', ')}, got ${JSON.stringify(value)}`);
}

/**
 * The protocol and assignor a replay runs: the options, else the scenario's protocol (and its
 * server assignor), else eager. Under the consumer protocol the coordinator computes the
 * assignment with a server-side assignor; under eager and cooperative the group leader runs a
 * client one. Any other pairing is refused with the reason.
 */
export function protocolAndAssignor(
  scenario: Scenario,
  options: { protocol?: string | undefined; assignor?: string | undefined },
): { protocol: Protocol; assignor: string } {
  const javaRun =
    options.assignor !== undefined && isJavaRunName(options.assignor)
      ? options.assignor
      : undefined;
  const protocol =
    parseProtocolOption(options.protocol) ??
    scenario.protocol?.name ??
    (javaRun === undefined ? 'eager' : javaRunProtocol(javaRun));
  const fromScenario =
    scenario.protocol?.name === 'consumer' ? scenario.protocol.serverAssignor : undefined;
  if (protocol === 'consumer') {
    const assignor = options.assignor ?? fromScenario ?? 'server-uniform';
    if (!isServerRunName(assignor)) {
      throw new UsageError(
        `--protocol consumer cannot run ${JSON.stringify(assignor)}: under KIP-848 the group coordinator computes the assignment with a server-side assignor; use --assignor ${SERVER_RUN_NAMES.join(' or ')}`,
      );
    }
    return { protocol, assignor };
  }
  const assignor = options.assignor;
  if (assignor === undefined) throw new UsageError(`--assignor is required\nusage: ${replayUsage}`);
  if (isServerRunName(assignor)) {
    throw new UsageError(
      `--assignor ${assignor} runs only under the consumer protocol (KIP-848's coordinator), not ${protocol}: add --protocol consumer, or pick a client assignor: ${BUILTIN_ASSIGNOR_NAMES.join(', ')}`,
    );
  }
  if (isJavaRunName(assignor) && !javaRunFits(assignor, protocol)) {
    const fits = javaRunProtocol(assignor);
    throw new UsageError(
      fits === 'cooperative'
        ? `--assignor ${assignor} is Kafka's Java cooperative-sticky, which a Java group runs under the cooperative protocol (under eager a Java consumer revokes everything and reports nothing owned): add --protocol cooperative`
        : `--assignor ${assignor} is Kafka's Java StickyAssignor, which supports only the eager protocol: add --protocol eager`,
    );
  }
  return { protocol, assignor };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per generation: its rounds and what the protocol stopped, for how long. */
export function describeProtocolGeneration(g: ResultsGeneration): string {
  const head = `generation ${g.generation} (${g.summary})`;
  const p = g.protocol;
  if (p === undefined)
    return `${head}: not played (${g.error === undefined ? 'invalid assignment' : 'the assignor failed'})`;
  const m = p.metrics;
  const rounds = p.rounds.map((r) => `${r.kind} ${r.startMs}–${r.endMs} ms`).join(', ');
  const stopped =
    m.unconsumedPartitions === 0
      ? 'no partition unconsumed'
      : `${plural(m.unconsumedPartitions, 'partition')} unconsumed for ${m.unconsumedPartitionMs} partition·ms (longest ${m.maxUnconsumedMs} ms)`;
  const paused = p.members.filter((member) => member.pauseMs > 0);
  const pauses =
    paused.length === 0
      ? 'no member paused'
      : `paused ${paused.map((member) => `${member.member} ${member.pauseMs} ms`).join(', ')}`;
  return `${head}: ${plural(m.rounds, 'round')} in ${m.durationMs} ms${rounds === '' ? '' : ` (${rounds})`}; ${stopped}; ${pauses}`;
}

/** The per-generation protocol report of a results file, with a heading. */
export function describeProtocolRuns(results: ResultsFile): string[] {
  if (results.protocol === undefined) return [];
  const t = results.protocol.timings;
  return [
    `protocol ${results.protocol.name} (heartbeat ${t.heartbeatIntervalMs} ms, poll ${t.pollIntervalMs} ms, rebalance ${t.rebalanceMs} ms, revoke ${t.revokeMs} ms)`,
    ...results.generations.map(describeProtocolGeneration),
  ];
}

/** `replay SCENARIO --assignor NAME|FILE [--protocol P] [--mode M] [--out FILE] [--deadline MS]`. */
export function createReplayCommand(loadRunner: NodeRunnerLoader = loadNodeRunner) {
  return async (args: readonly string[], out: (text: string) => void): Promise<number> => {
    const { positionals, values } = parseCommandArgs(args, {
      assignor: { type: 'string' },
      out: { type: 'string' },
      deadline: { type: 'string' },
      mode: { type: 'string' },
      protocol: { type: 'string' },
    });
    const [path, ...extra] = positionals;
    if (path === undefined || extra.length > 0) throw new UsageError(`usage: ${replayUsage}`);
    const mode = parseModeOption(values.mode);
    parseProtocolOption(values.protocol); // a bad value is named before the file is read
    const loaded = readScenario(path).scenario;
    const { protocol, assignor } = protocolAndAssignor(loaded, values);
    const { deadlineMs } = assignorOptions({ ...values, assignor }, replayUsage);
    // The mode is part of the scenario (and so of its fingerprint): faithful is left out.
    const { assignorMode: _fileMode, ...withoutMode } = loaded;
    const scenario =
      mode === undefined
        ? loaded
        : mode === 'fixed'
          ? { ...withoutMode, assignorMode: mode }
          : withoutMode;
    const { name, generations } = await replayWith(scenario, assignor, deadlineMs, loadRunner);
    const timings = scenario.protocol?.timings;
    const played = { name: protocol, timings };
    const results = resultsOf(scenario, name, generations, played);
    const text = serializeResults(results);
    const target = values.out;
    // The results are still written: every other generation is usable.
    const endless = nonTerminatingGenerations(generations);
    const failIfEndless = () => {
      if (endless.length === 0) return 0;
      throw new UsageError(
        `generation ${endless.join(', ')}: ${NON_TERMINATION_MESSAGE} (--mode fixed corrects it)`,
      );
    };
    if (target === undefined) {
      out(text.trimEnd());
      return failIfEndless();
    }
    writeTextFile(target, text);
    const failed = generations.filter((g) => g.error !== undefined).length;
    const invalid = generations.filter((g) => g.problems.length > 0).length;
    const notes = [
      failed > 0 ? `${failed} failed` : '',
      invalid > 0 ? `${invalid} with invalid assignments` : '',
    ].filter(Boolean);
    out(
      `wrote ${target}: ${generations.length} generation${generations.length === 1 ? '' : 's'} of ${JSON.stringify(scenario.name)} with ${name} under the ${protocol} protocol${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`,
    );
    for (const line of describeProtocolRuns(results)) out(line);
    return failIfEndless();
  };
}

export const replayCommand = createReplayCommand();
