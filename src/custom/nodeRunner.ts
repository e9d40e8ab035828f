/**
 * Custom assignors in Node, for the CLI (`npm run cli -- replay SCENARIO --assignor FILE.ts`):
 * the same compile, load, deadline, verdicts and restart-and-skip as the page (supervisor.ts),
 * in worker_threads workers with a memory limit, so running out of memory is a verdict for
 * that generation rather than the end of the CLI.
 *
 * Not for the browser bundle. Node's modules are imported through variables because the
 * app's tsconfig has no Node types.
 */
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import type { AssignorLanguage } from './compile';
import type { CustomReplayOutcome, SandboxRequest } from './protocol';
import {
  DEFAULT_DEADLINE_MS,
  superviseCustomReplay,
  type SandboxConnection,
  type SandboxEvents,
} from './supervisor';

/** Old-generation heap of a sandbox worker, in MB, unless the caller says otherwise. */
export const DEFAULT_MEMORY_LIMIT_MB = 512;

/** The part of worker_threads' `Worker` used here. */
interface NodeWorker {
  postMessage(message: SandboxRequest): void;
  terminate(): Promise<number>;
  on(event: 'message', listener: (data: unknown) => void): void;
  on(event: 'messageerror', listener: (error: Error) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
}

interface NodeWorkerOptions {
  execArgv: string[];
  resourceLimits: {
    maxOldGenerationSizeMb: number;
    maxYoungGenerationSizeMb: number;
    stackSizeMb: number;
  };
}

type NodeWorkerConstructor = new (url: URL, options: NodeWorkerOptions) => NodeWorker;

export interface NodeReplayOptions {
  /** Per generation, in ms. Defaults to 2000. */
  deadlineMs?: number;
  /** Heap limit of each sandbox worker, in MB. Defaults to {@link DEFAULT_MEMORY_LIMIT_MB}. */
  memoryLimitMb?: number;
  onGeneration?: (result: GenerationResult, total: number) => void;
}

export interface AssignorFile {
  /** Shown in messages; its extension picks the language unless `language` is given. */
  fileName: string;
  source: string;
  language?: AssignorLanguage;
}

/** TypeScript for .ts/.mts/.cts/.tsx files, JavaScript for everything else. */
export function languageOfFile(fileName: string): AssignorLanguage {
  return /\.[mc]?tsx?$/i.test(fileName) ? 'typescript' : 'javascript';
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

async function loadWorkerConstructor(): Promise<NodeWorkerConstructor> {
  const specifier: string = 'node:worker_threads';
  const module = (await import(/* @vite-ignore */ specifier)) as { Worker: NodeWorkerConstructor };
  return module.Worker;
}

function startNodeSandbox(
  Worker: NodeWorkerConstructor,
  memoryLimitMb: number,
  events: SandboxEvents,
): SandboxConnection {
  // sandbox.node.mjs registers tsx itself; inheriting the parent's loaders would register twice.
  const worker = new Worker(new URL('./sandbox.node.mjs', import.meta.url), {
    execArgv: [],
    resourceLimits: {
      maxOldGenerationSizeMb: memoryLimitMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(memoryLimitMb / 8))),
      stackSizeMb: 4,
    },
  });
  let terminating = false;
  worker.on('message', (data) => events.message(data));
  worker.on('messageerror', () => events.crash('a message could not be read'));
  // ERR_WORKER_OUT_OF_MEMORY arrives here, with "…reaching memory limit: JS heap out of memory".
  worker.on('error', (error) => events.crash(error.message));
  worker.on('exit', (code) => {
    if (!terminating) events.crash(`the worker exited with code ${code}`);
  });
  return {
    send: (request) => worker.postMessage(request),
    terminate: () => {
      terminating = true;
      void worker.terminate();
    },
  };
}

/** Replays `scenario` with the assignor in `file`, in sandboxed worker threads. */
export async function replayCustomInNode(
  scenario: Scenario,
  file: AssignorFile,
  options: NodeReplayOptions = {},
): Promise<CustomReplayOutcome> {
  const Worker = await loadWorkerConstructor();
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  const supervised = superviseCustomReplay(
    (events) => startNodeSandbox(Worker, memoryLimitMb, events),
    scenario,
    {
      name: baseName(file.fileName),
      language: file.language ?? languageOfFile(file.fileName),
      source: file.source,
    },
    {
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      label: file.fileName,
      ...(options.onGeneration === undefined ? {} : { onGeneration: options.onGeneration }),
    },
  );
  return supervised.outcome;
}
