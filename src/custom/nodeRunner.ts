/**
 * Custom assignors in Node, for the CLI (`npm run cli -- replay SCENARIO --assignor FILE.ts`):
 * the same compile, load, deadline, verdicts and restart-and-skip as the page (supervisor.ts),
 * each run in a child process that the operating system and Node confine:
 * - Node's permission model (`--experimental-permission`): it may read only its own bundled
 *   code (sandboxChild.ts, bundled with esbuild into one file); no file writes, no child
 *   processes, no worker threads, no native addons;
 * - an empty environment;
 * - an address-space limit (`prlimit --as`), so ArrayBuffers count as well as the JS heap,
 *   plus V8's own heap limit (`--max-old-space-size`);
 * - where `unshare` works (root, or user namespaces): a network namespace with no interfaces
 *   up (no network, not even 127.0.0.1 of the host), a PID namespace (no other process to
 *   signal), and, as root, the unprivileged user nobody (`setpriv`).
 * {@link sandboxConfinement} says which of these this machine gives; the CLI prints it.
 *
 * Not for the browser bundle. Node's modules are imported through variables because the
 * app's tsconfig has no Node types.
 */
import type { GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import type { AssignorLanguage } from './compile';
import { MAX_MESSAGE_CHARS } from './messages';
import type { CustomReplayOutcome } from './protocol';
import {
  DEFAULT_DEADLINE_MS,
  superviseCustomReplay,
  type SandboxConnection,
  type SandboxEvents,
} from './supervisor';

/** V8 heap of a sandbox process, in MB, unless the caller says otherwise. */
export const DEFAULT_MEMORY_LIMIT_MB = 512;

/** Address space on top of the heap limit: V8's own reservations, code, ArrayBuffers. */
export const ADDRESS_SPACE_MARGIN_MB = 1024;

/** The user the sandbox runs as when the CLI runs as root. */
const NOBODY = '65534';

interface ChildProcess {
  readonly pid?: number;
  stdin: { write(text: string): boolean; end(): void; on(event: 'error', l: () => void): void };
  stdout: { setEncoding(e: string): void; on(event: 'data', l: (chunk: string) => void): void };
  stderr: { resume(): void };
  kill(signal: string): boolean;
  on(event: 'exit', listener: (code: number | null, signal: string | null) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface ChildProcessModule {
  spawn(
    command: string,
    args: string[],
    options: { env: Record<string, string>; stdio: string[] },
  ): ChildProcess;
  spawnSync(command: string, args: string[], options: { stdio: string }): { status: number | null };
}

/** What this machine enforces around the CLI's sandbox, as measured when it starts. */
export interface SandboxConfinement {
  /** Network, PID (and, as root, user) namespaces via `unshare`. */
  namespaces: boolean;
  /** Runs as nobody, not as the CLI's user (root only). */
  unprivilegedUser: boolean;
  /** Address-space limit via `prlimit`. */
  addressSpaceLimit: boolean;
}

interface NodeModules {
  childProcess: ChildProcessModule;
  bundlePath: string;
  confinement: SandboxConfinement;
  execPath: string;
  isRoot: boolean;
}

let modules: Promise<NodeModules> | undefined;

async function importNode<T>(name: string): Promise<T> {
  const specifier: string = `node:${name}`;
  return (await import(/* @vite-ignore */ specifier)) as T;
}

/** Bundles sandboxChild.ts into one file the child may read, and measures the confinement. */
function loadNodeModules(): Promise<NodeModules> {
  modules ??= (async () => {
    const childProcess = await importNode<ChildProcessModule>('child_process');
    const fs = await importNode<{
      mkdtempSync(prefix: string): string;
      writeFileSync(path: string, text: string, options: { mode: number }): void;
      chmodSync(path: string, mode: number): void;
    }>('fs');
    const os = await importNode<{ tmpdir(): string }>('os');
    const path = await importNode<{ join(...parts: string[]): string }>('path');
    const url = await importNode<{ fileURLToPath(url: URL): string }>('url');
    const esbuildName: string = 'esbuild';
    const esbuild = (await import(/* @vite-ignore */ esbuildName)) as {
      build(options: object): Promise<{ outputFiles: { text: string }[] }>;
    };
    const built = await esbuild.build({
      entryPoints: [url.fileURLToPath(new URL('./sandboxChild.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'rebalance-sandbox-'));
    // Readable (not writable) by the unprivileged user the child runs as.
    fs.chmodSync(directory, 0o755);
    const bundlePath = path.join(directory, 'sandbox.mjs');
    fs.writeFileSync(bundlePath, built.outputFiles[0]?.text ?? '', { mode: 0o644 });

    const works = (command: string, args: string[]) => {
      try {
        return childProcess.spawnSync(command, args, { stdio: 'ignore' }).status === 0;
      } catch {
        return false;
      }
    };
    const processModule = await importNode<{ getuid?: () => number; execPath: string }>('process');
    const isRoot = processModule.getuid?.() === 0;
    const namespaces = works('unshare', ['--net', '--pid', '--fork', '--kill-child', 'true']);
    const confinement: SandboxConfinement = {
      namespaces,
      unprivilegedUser:
        isRoot &&
        works('setpriv', [
          '--reuid',
          NOBODY,
          '--regid',
          NOBODY,
          '--clear-groups',
          '--pdeathsig',
          'SIGKILL',
          'true',
        ]),
      addressSpaceLimit: works('prlimit', ['--as=1073741824', 'true']),
    };
    return { childProcess, bundlePath, confinement, execPath: processModule.execPath, isRoot };
  })();
  return modules;
}

/** Which layers of confinement this machine gives the CLI's sandbox (measured once). */
export async function sandboxConfinement(): Promise<SandboxConfinement> {
  return (await loadNodeModules()).confinement;
}

/** The bundled sandbox entry (for tests that run it without confinement, as a control). */
export async function sandboxBundlePath(): Promise<string> {
  return (await loadNodeModules()).bundlePath;
}

/** The command line that starts one sandbox process. */
export function sandboxCommand(
  node: Pick<NodeModules, 'bundlePath' | 'confinement' | 'execPath'>,
  memoryLimitMb: number,
): string[] {
  const { confinement } = node;
  return [
    ...(confinement.namespaces
      ? ['unshare', '--net', '--pid', '--fork', '--kill-child', '--']
      : []),
    ...(confinement.addressSpaceLimit
      ? ['prlimit', `--as=${(memoryLimitMb + ADDRESS_SPACE_MARGIN_MB) * 1024 * 1024}`, '--']
      : []),
    // Changing the user clears the parent-death signal that `unshare --kill-child` set, and the
    // sandbox is then PID 1 of its own namespace, which killing `unshare` does not reach: without
    // `--pdeathsig` a stopped endless loop would go on spinning, orphaned. With it, the kernel
    // kills the sandbox as soon as `unshare` (which `terminate` kills) is gone.
    ...(confinement.unprivilegedUser
      ? [
          'setpriv',
          '--reuid',
          NOBODY,
          '--regid',
          NOBODY,
          '--clear-groups',
          ...(confinement.namespaces ? ['--pdeathsig', 'SIGKILL'] : []),
          '--',
        ]
      : []),
    node.execPath,
    '--experimental-permission',
    `--allow-fs-read=${node.bundlePath}`,
    `--max-old-space-size=${memoryLimitMb}`,
    '--no-warnings',
    node.bundlePath,
  ];
}

export interface NodeReplayOptions {
  /** Per generation, in ms. Defaults to 2000. */
  deadlineMs?: number;
  /** Heap limit of each sandbox process, in MB. Defaults to {@link DEFAULT_MEMORY_LIMIT_MB}. */
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

function startNodeSandbox(
  node: NodeModules,
  memoryLimitMb: number,
  events: SandboxEvents,
): SandboxConnection {
  const [command, ...args] = sandboxCommand(node, memoryLimitMb) as [string, ...string[]];
  const child = node.childProcess.spawn(command, args, {
    env: {},
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGKILL');
  };
  let line = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    if (stopped) return;
    line += chunk;
    for (let end = line.indexOf('\n'); end !== -1; end = line.indexOf('\n')) {
      const message = line.slice(0, end);
      line = line.slice(end + 1);
      events.message(message);
      if (stopped) return;
    }
    // An endless line: refused at the cap, like any oversized message.
    if (line.length > MAX_MESSAGE_CHARS) events.message(line);
  });
  // What user code writes to stderr is not read: nothing there is trusted or shown.
  child.stderr.resume();
  child.stdin.on('error', () => undefined);
  child.on('error', (error) => events.crash(error.message));
  child.on('exit', (code, signal) => {
    if (stopped) return;
    stopped = true;
    events.crash(
      signal === null
        ? `the sandbox process exited with code ${code}`
        : `the sandbox process was killed by ${signal} (the memory limit?)`,
    );
  });
  return {
    send: (request) => {
      child.stdin.write(`${JSON.stringify(request)}\n`);
    },
    terminate: stop,
  };
}

/** Replays `scenario` with the assignor in `file`, each run in a confined child process. */
export async function replayCustomInNode(
  scenario: Scenario,
  file: AssignorFile,
  options: NodeReplayOptions = {},
): Promise<CustomReplayOutcome> {
  const node = await loadNodeModules();
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  const supervised = superviseCustomReplay(
    (events) => startNodeSandbox(node, memoryLimitMb, events),
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
