/**
 * Seeded hostile inputs for the fuzz run: scenario files, share links, results files and
 * autosaves, each made by mutating a valid one. Every case is checked by {@link checkCase}:
 * the input is accepted and works, or is refused with this project's own error type and a
 * message — never an uncaught exception, and never the user's work lost.
 */
import { deflateRawSync } from 'node:zlib';
import { createBuiltinAssignor, BUILTIN_ASSIGNOR_NAMES } from '../../src/core/assignors';
import { diffResults, ResultsDiffError } from '../../src/results/diff';
import {
  parseResultsFile,
  ResultsFileError,
  resultsOf,
  serializeResults,
} from '../../src/results/resultsFile';
import {
  checkScenario,
  parseScenarioFile,
  partitionGenerationsOf,
  ScenarioFileError,
  serializeScenario,
} from '../../src/scenario/file';
import { builtinVerdict } from '../../src/scenario/builtinVerdict';
import { DEFAULT_SCENARIO, LESSONS } from '../../src/scenario/lessons';
import { mulberry32, randomScenario } from '../../src/scenario/random';
import { replayAll } from '../../src/scenario/replay';
import { decodeShareFragment } from '../../src/scenario/shareLink';
import type { Scenario } from '../../src/scenario/types';
import { AUTOSAVE_KEY, restoreSession, UNREADABLE_KEY } from '../../src/app/persistence';
import { useAppStore } from '../../src/store/store';

export type CaseKind = 'scenario' | 'link' | 'results' | 'autosave';
export type Outcome = 'accepted' | 'refused';

/** Names that are property names, unencodable, invisible or huge. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '\uD800',
  '\uDFFFx',
  '\u202E\u200F',
  '',
  ' ',
  '0',
  '-1',
  '1e3',
  '<script>',
  'x'.repeat(250),
  'y'.repeat(10_000),
];

/** Small enough to replay every accepted case with three assignors in a few milliseconds. */
const REPLAY_WORK_LIMIT = 5_000;

const seeds: Scenario[] = [
  DEFAULT_SCENARIO,
  ...LESSONS.map((lesson) => lesson.scenario),
  randomScenario(1),
  randomScenario(2, { steps: 12 }),
  // Everything a scenario file can hold since version 5: a protocol with timings, a static
  // restart and a lesson of its own.
  {
    ...DEFAULT_SCENARIO,
    protocol: {
      name: 'cooperative',
      timings: { heartbeatIntervalMs: 1000, sessionTimeoutMs: 20_000 },
    },
    steps: [
      ...DEFAULT_SCENARIO.steps,
      { changes: [{ type: 'static-restart', member: 'C0', downtimeMs: 10_000 }] },
      { changes: [{ type: 'static-restart', member: 'C2', downtimeMs: 30_000 }] },
    ],
    lesson: {
      title: 'C3 joins',
      question: { generation: 2, prompt: 'How many move?', choices: ['0', '2'], reveal: 'Two.' },
      answer: { assignor: 'sticky', figure: 'moved', values: [0, 2] },
    },
  },
];

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A JSON value to put where another was: wrong types, edge numbers, hostile strings. */
function strangeValue(random: Random): unknown {
  return pick(random, [
    null,
    true,
    -1,
    0,
    1.5,
    1e9,
    Number.MAX_SAFE_INTEGER,
    '',
    pick(random, HOSTILE_NAMES),
    [],
    {},
    [pick(random, HOSTILE_NAMES)],
    { ['__proto__']: 1 },
    Array.from({ length: 3 }, () => pick(random, HOSTILE_NAMES)),
  ]);
}

/** Replaces one value somewhere in `json` (in place); returns it. */
function mutateJson(json: unknown, random: Random): unknown {
  const containers: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value))
      value.forEach((item, i) => (containers.push({ parent: value, key: i }), walk(item)));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        containers.push({ parent: value as Record<string, unknown>, key });
        walk(item);
      }
    }
  };
  walk(json);
  if (containers.length === 0) return json;
  const { parent, key } = pick(random, containers);
  const action = random();
  if (action < 0.6) (parent as Record<string | number, unknown>)[key] = strangeValue(random);
  else if (action < 0.8 && !Array.isArray(parent)) {
    // Rename a key to a hostile name (e.g. a topic or member called "__proto__").
    const value = parent[key as string];
    delete parent[key as string];
    Object.defineProperty(parent, pick(random, HOSTILE_NAMES), {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  else delete parent[key as string];
  return json;
}

/** Text-level damage: truncation, a flipped character, a deep nest, a huge padding. */
function mutateText(text: string, random: Random): string {
  const at = Math.floor(random() * text.length);
  const action = random();
  if (action < 0.3) return text.slice(0, at);
  if (action < 0.6) {
    const code = text.charCodeAt(at) ^ (1 << Math.floor(random() * 7));
    return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
  }
  if (action < 0.7) return `${text.slice(0, at)}${'['.repeat(5000)}${text.slice(at)}`;
  if (action < 0.75)
    return `{"format":"rebalance-playground/scenario","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
  return text;
}

/** One hostile scenario file's text. */
export function hostileScenarioText(random: Random): string {
  const json = JSON.parse(serializeScenario(pick(random, seeds))) as unknown;
  const mutations = 1 + Math.floor(random() * 3);
  for (let i = 0; i < mutations; i++) mutateJson(json, random);
  const text = JSON.stringify(json);
  return random() < 0.3 ? mutateText(text, random) : text;
}

function toLink(bytes: Uint8Array): string {
  return `#s=${Buffer.from(bytes).toString('base64url')}`;
}

/** One hostile share link: a mutated scenario, a damaged encoding, or a deflate bomb. */
export function hostileLink(random: Random): string {
  const action = random();
  if (action < 0.005) return toLink(deflateRawSync(Buffer.alloc(30_000_000, 32)));
  const text = hostileScenarioText(random);
  const link = toLink(deflateRawSync(Buffer.from(text)));
  if (action < 0.4) return link;
  if (action < 0.6) return link.slice(0, Math.max(3, Math.floor(random() * link.length)));
  if (action < 0.8) {
    const at = 3 + Math.floor(random() * (link.length - 3));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/%';
    return link.slice(0, at) + pick(random, [...alphabet]) + link.slice(at + 1);
  }
  return toLink(Buffer.from(text)); // not deflated at all
}

const resultsCache = new Map<string, string>();
function validResults(scenario: Scenario, name: (typeof BUILTIN_ASSIGNOR_NAMES)[number]): string {
  const key = `${scenario.name}/${name}`;
  let text = resultsCache.get(key);
  if (text === undefined) {
    const generations = replayAll(scenario, () => createBuiltinAssignor(name));
    text = serializeResults(resultsOf(scenario, name, generations));
    resultsCache.set(key, text);
  }
  return text;
}

/** One hostile results file's text, mutated from a real one. */
export function hostileResultsText(random: Random): string {
  const scenario = pick(random, seeds);
  const name = pick(random, BUILTIN_ASSIGNOR_NAMES);
  const json = JSON.parse(validResults(scenario, name)) as unknown;
  const mutations = Math.floor(random() * 3);
  for (let i = 0; i < mutations; i++) mutateJson(json, random);
  const text = JSON.stringify(json);
  return random() < 0.3 ? mutateText(text, random) : text;
}

/** One corrupted autosave: a damaged envelope or scenario. */
export function hostileAutosave(random: Random): string {
  const scenario = JSON.parse(serializeScenario(pick(random, seeds))) as unknown;
  if (random() < 0.7) mutateJson(scenario, random);
  const envelope: Record<string, unknown> = {
    format: 'rebalance-playground/autosave',
    version: 1,
    tab: 'fuzz',
    revision: 1,
    scenario,
    pendingChanges: random() < 0.5 ? [] : [strangeValue(random)],
    autoRebalance: random() < 0.5,
  };
  if (random() < 0.3) envelope.lessonId = pick(random, [...HOSTILE_NAMES, 'range-skew']);
  const text = JSON.stringify(random() < 0.3 ? mutateJson(envelope, random) : envelope);
  return random() < 0.3 ? mutateText(text, random) : text;
}

/** The replays and checks an accepted scenario must pass. */
function replayAccepted(scenario: Scenario): void {
  checkScenario(scenario);
  if (partitionGenerationsOf(scenario) > REPLAY_WORK_LIMIT) return;
  // Fixed mode must always be valid; faithful sticky may reproduce aiokafka's two known
  // defects, but then the page must say so (a verdict naming aiokafka), never pass it off.
  const fixedSticky = replayAll(scenario, () =>
    createBuiltinAssignor('sticky', undefined, 'fixed'),
  );
  for (const g of fixedSticky) {
    if (g.error !== undefined || g.problems.length > 0)
      throw new Error(`sticky (fixed) was not valid in generation ${g.generation}`);
  }
  for (const name of BUILTIN_ASSIGNOR_NAMES) {
    const generations = replayAll(scenario, () =>
      createBuiltinAssignor(name, undefined, 'faithful'),
    );
    for (const g of generations) {
      const knownDefect = name === 'sticky' && builtinVerdict(g) !== undefined;
      if (g.error !== undefined && !knownDefect)
        throw new Error(`${name} failed generation ${g.generation}: ${g.error}`);
      if (g.problems.length > 0 && !knownDefect)
        throw new Error(`${name} gave an invalid assignment in generation ${g.generation}`);
    }
    // Its results file must read back as the same results.
    const results = resultsOf(scenario, name, generations);
    const text = serializeResults(results);
    if (serializeResults(parseResultsFile(text)) !== text)
      throw new Error('results did not round-trip');
  }
}

function refusedWith(error: unknown, type: new (...args: never[]) => Error): Outcome {
  if (!(error instanceof type) || error.message.length === 0 || error.message.length > 2000)
    throw error;
  return 'refused';
}

const memoryStorage = (): Storage => {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
};

const initialStore = useAppStore.getState();

/** Runs one case; throws when the input broke a rule (the error says which). */
export async function checkCase(kind: CaseKind, input: string): Promise<Outcome> {
  switch (kind) {
    case 'scenario': {
      let loaded;
      try {
        loaded = parseScenarioFile(input);
      } catch (error) {
        return refusedWith(error, ScenarioFileError);
      }
      replayAccepted(loaded.scenario);
      return 'accepted';
    }
    case 'link': {
      let loaded;
      try {
        loaded = await decodeShareFragment(input);
      } catch (error) {
        return refusedWith(error, ScenarioFileError);
      }
      if (loaded === undefined) return 'refused';
      replayAccepted(loaded.scenario);
      return 'accepted';
    }
    case 'results': {
      let results;
      try {
        results = parseResultsFile(input);
      } catch (error) {
        return refusedWith(error, ResultsFileError);
      }
      try {
        diffResults(results, results);
      } catch (error) {
        refusedWith(error, ResultsDiffError);
      }
      return 'accepted';
    }
    case 'autosave': {
      const storage = memoryStorage();
      storage.setItem(AUTOSAVE_KEY, input);
      useAppStore.setState(initialStore, true);
      await restoreSession(
        { search: '', hash: '', pathname: '/' } as Location,
        storage,
        memoryStorage(),
      );
      const { scenario, pendingChanges, notice } = useAppStore.getState();
      // Whatever was restored must be a scenario the page can replay, pending edits included.
      replayAccepted({
        ...scenario,
        steps: [
          ...scenario.steps,
          ...(pendingChanges.length > 0 ? [{ changes: pendingChanges }] : []),
        ],
      });
      // An unreadable save is kept, never dropped.
      if (notice?.kind === 'error' && /could not be read/.test(notice.text)) {
        const kept =
          storage.getItem(UNREADABLE_KEY) === input || storage.getItem(AUTOSAVE_KEY) === input;
        if (!kept) throw new Error('an unreadable save was lost');
        return 'refused';
      }
      return 'accepted';
    }
  }
}

export interface FuzzReport {
  cases: number;
  accepted: number;
  refused: number;
  crashes: { kind: CaseKind; seed: number; message: string }[];
  slowestMs: number;
  slowest: { kind: CaseKind; seed: number } | undefined;
}

const MAKERS: Record<CaseKind, (random: Random) => string> = {
  scenario: hostileScenarioText,
  link: hostileLink,
  results: hostileResultsText,
  autosave: hostileAutosave,
};

/** `cases` seeded cases, spread over the four kinds; the same seed gives the same run. */
export async function runFuzz(cases: number, firstSeed = 1): Promise<FuzzReport> {
  const report: FuzzReport = {
    cases,
    accepted: 0,
    refused: 0,
    crashes: [],
    slowestMs: 0,
    slowest: undefined,
  };
  const kinds = Object.keys(MAKERS) as CaseKind[];
  const history = globalThis.history;
  globalThis.history ??= { replaceState: () => undefined } as unknown as History;
  for (let i = 0; i < cases; i++) {
    const seed = firstSeed + i;
    const kind = kinds[i % kinds.length] as CaseKind;
    const input = MAKERS[kind](mulberry32(seed));
    const started = performance.now();
    try {
      report[await checkCase(kind, input)]++;
    } catch (error) {
      report.crashes.push({
        kind,
        seed,
        message:
          error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error),
      });
    }
    const ms = performance.now() - started;
    if (ms > report.slowestMs) {
      report.slowestMs = ms;
      report.slowest = { kind, seed };
    }
  }
  if (history === undefined) Reflect.deleteProperty(globalThis, 'history');
  return report;
}
