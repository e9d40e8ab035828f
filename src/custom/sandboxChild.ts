/**
 * The CLI's sandbox: the entry of the child process nodeRunner.ts starts for each run, under
 * Node's permission model (reads only this file; no writes, child processes or workers), with
 * an empty environment, an address-space limit and, where the machine allows, no network and
 * no view of other processes. Bundled into one file first, so it needs nothing else to read.
 *
 * It reads one request (a JSON line on stdin), and writes each response as a JSON line on
 * stdout; the parent checks every line (messages.ts) and computes the results itself.
 */
import { hardenSandboxGlobal, NODE_BLOCKED_GLOBALS, WEB_BLOCKED_GLOBALS } from './harden';
import type { SandboxRequest } from './protocol';
import { runSandboxReplay } from './sandbox';

/** The part of Node's `process` used here (the app's tsconfig has no Node types). */
interface ProcessStreams {
  stdin: {
    setEncoding(encoding: string): void;
    on(event: 'data', listener: (chunk: string) => void): void;
    off(event: 'data', listener: (chunk: string) => void): void;
    pause(): void;
  };
  stdout: { write(text: string): boolean };
}

// Taken before user code runs, which may replace them on the global, and before hardening
// takes `process` away.
const stringify = JSON.stringify;
const parse = JSON.parse;
const streams = (globalThis as unknown as { process: ProcessStreams }).process;
const input = streams.stdin;
const output = streams.stdout;

let buffered = '';
const onData = (chunk: string) => {
  buffered += chunk;
  const end = buffered.indexOf('\n');
  if (end === -1) return;
  input.off('data', onData);
  input.pause();
  const request = parse(buffered.slice(0, end)) as SandboxRequest;
  switch (request.type) {
    case 'replay':
      // Writes to a pipe are synchronous on Linux: each line is out before user code goes on.
      runSandboxReplay(request, (response) => output.write(`${stringify(response)}\n`));
      break;
    default: {
      const unexpected: never = request.type;
      void unexpected;
    }
  }
};
input.setEncoding('utf8');
input.on('data', onData);
hardenSandboxGlobal(globalThis, [...WEB_BLOCKED_GLOBALS, ...NODE_BLOCKED_GLOBALS]);
