/**
 * The browser's sandbox worker: the only place custom assignor code runs on the page.
 * Created by browserRunner.ts with
 * `new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module' })`,
 * one worker per run; it serves a single request and is then terminated.
 */
import { hardenSandboxGlobal } from './harden';
import type { SandboxRequest, SandboxResponse } from './protocol';
import { runSandboxReplay } from './sandbox';

/** The part of `DedicatedWorkerGlobalScope` used here. */
interface SandboxWorkerScope {
  postMessage(message: SandboxResponse): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<SandboxRequest>) => void,
    options: { once: true },
  ): void;
}

const scope = self as unknown as SandboxWorkerScope;
// Taken before hardening removes `postMessage` from the global: from here on, only this
// module can talk to the page.
const post = scope.postMessage.bind(scope);
scope.addEventListener(
  'message',
  (event) => {
    const request = event.data;
    switch (request.type) {
      case 'replay':
        runSandboxReplay(request, post);
        break;
      default: {
        const unexpected: never = request.type;
        void unexpected;
      }
    }
  },
  { once: true },
);
hardenSandboxGlobal(self);
