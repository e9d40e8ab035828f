/**
 * The Node sandbox worker (for the CLI), loaded by sandbox.node.mjs inside a worker_threads
 * Worker that nodeRunner.ts starts with memory limits. Same job as sandbox.worker.ts.
 */
import { hardenSandboxGlobal, NODE_BLOCKED_GLOBALS, WEB_BLOCKED_GLOBALS } from './harden';
import type { SandboxRequest } from './protocol';
import { runSandboxReplay } from './sandbox';

/** The part of `worker_threads.parentPort` used here. */
interface ParentPort {
  postMessage(message: string): void;
  once(event: 'message', listener: (request: SandboxRequest) => void): void;
}

// Through a variable: the app's tsconfig has no Node types, and this file never reaches
// the browser bundle.
const workerThreadsModule: string = 'node:worker_threads';
const { parentPort } = (await import(workerThreadsModule)) as { parentPort: ParentPort | null };
if (parentPort === null) throw new Error('sandboxNode.ts must run in a worker thread');

// Taken before user code runs, which may replace it on the global.
const stringify = JSON.stringify;
const port = parentPort;
port.once('message', (request) => {
  switch (request.type) {
    case 'replay':
      runSandboxReplay(request, (response) => port.postMessage(stringify(response)));
      break;
    default: {
      const unexpected: never = request.type;
      void unexpected;
    }
  }
});
hardenSandboxGlobal(globalThis, [...WEB_BLOCKED_GLOBALS, ...NODE_BLOCKED_GLOBALS]);
