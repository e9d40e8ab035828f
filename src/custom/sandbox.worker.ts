/**
 * The browser's sandbox worker: the only place custom assignor code runs on the page. It is
 * started from a Blob inside an opaque-origin iframe (public/sandbox.html) whose CSP denies
 * every fetch, and a worker made from a Blob inherits that policy: the browser, not this
 * code, keeps it off the network. The iframe hands it one end of a MessageChannel; the page
 * holds the other and is the only party it talks to. One request per worker, then the page
 * removes the iframe, which ends the worker.
 */
import { hardenSandboxGlobal } from './harden';
import type { SandboxRequest, SandboxResponse } from './protocol';
import { runSandboxReplay } from './sandbox';

/** The part of `DedicatedWorkerGlobalScope` used here. */
interface SandboxWorkerScope {
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<unknown>) => void,
    options: { once: true },
  ): void;
}

// Taken before user code runs, which may replace them on the global.
const stringify = JSON.stringify;
const scope = self as unknown as SandboxWorkerScope;
scope.addEventListener(
  'message',
  (event) => {
    const port = event.ports[0];
    if (port === undefined) return;
    const post = (response: SandboxResponse) => port.postMessage(stringify(response));
    port.addEventListener('message', (message: MessageEvent<SandboxRequest>) => {
      const request = message.data;
      switch (request.type) {
        case 'replay':
          runSandboxReplay(request, post);
          break;
        default: {
          const unexpected: never = request.type;
          void unexpected;
        }
      }
    });
    port.start();
  },
  { once: true },
);
hardenSandboxGlobal(self);
