/**
 * The sandbox the page runs custom code in, built from what the browser enforces:
 * - an iframe with `sandbox="allow-scripts"` and never `allow-same-origin`, so its origin is
 *   opaque: no access to the page's DOM, storage, cookies or origin;
 * - its document, public/sandbox.html, has the CSP `default-src 'none'` (plus its own script
 *   by hash, Blob workers and eval): no fetch of any kind;
 * - the worker it starts from a Blob inherits that CSP, so user code there cannot fetch,
 *   import, open sockets or load fonts, however it reaches those APIs.
 * The page talks to the worker over a MessageChannel made for this run only; the frame
 * reports worker errors on a second channel. Stopping the run removes the iframe, which ends
 * the worker even in the middle of a loop.
 */
import type { SandboxWorkerEvent, SandboxWorkerLike } from './browserRunner';
import type { SandboxRequest } from './protocol';
// The bundled worker's URL, without starting it: its code is handed to the frame as text,
// since an opaque-origin frame may not start a worker from the page's origin.
import sandboxWorkerUrl from './sandbox.worker.ts?worker&url';

/** Where the sandbox frame's document is served (public/sandbox.html). */
export const SANDBOX_FRAME_PATH = 'sandbox.html';

let workerCode: Promise<string> | undefined;

/** The sandbox worker's code, fetched once from the page's own origin. */
function loadWorkerCode(): Promise<string> {
  workerCode ??= fetch(sandboxWorkerUrl).then((response) => {
    if (!response.ok) throw new Error(`${sandboxWorkerUrl}: HTTP ${response.status}`);
    return response.text();
  });
  // A failed fetch is not kept: the next run tries again.
  workerCode.catch(() => (workerCode = undefined));
  return workerCode;
}

type Listener = (event: SandboxWorkerEvent) => void;

/** Starts one sandbox: an iframe, then a worker in it. Looks like a `Worker` to the runner. */
export function createFrameSandbox(): SandboxWorkerLike {
  const listeners = new Map<string, Listener[]>();
  const emit = (type: string, event: SandboxWorkerEvent) => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  const data = new MessageChannel();
  const control = new MessageChannel();
  data.port1.onmessage = (event: MessageEvent<unknown>) => emit('message', { data: event.data });
  data.port1.onmessageerror = () => emit('messageerror', {});
  control.port1.onmessage = (event: MessageEvent<unknown>) => {
    const detail = (event.data as { type?: unknown; detail?: unknown } | null) ?? {};
    if (detail.type !== 'crash') return;
    emit('error', typeof detail.detail === 'string' ? { message: detail.detail } : {});
  };

  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Custom assignor sandbox';
  frame.hidden = true;
  let stopped = false;
  frame.addEventListener(
    'load',
    () => {
      void loadWorkerCode().then(
        (code) => {
          if (stopped) return;
          // '*': the frame's origin is opaque, so it has no name to target.
          frame.contentWindow?.postMessage({ type: 'start', code }, '*', [
            control.port2,
            data.port2,
          ]);
        },
        (error: unknown) => {
          if (!stopped) emit('error', { message: `could not load the sandbox: ${String(error)}` });
        },
      );
    },
    { once: true },
  );
  frame.src = new URL(`${import.meta.env.BASE_URL}${SANDBOX_FRAME_PATH}`, location.href).href;
  document.body.append(frame);

  return {
    // Queued on the port until the worker takes its end of the channel.
    postMessage: (message: SandboxRequest) => data.port1.postMessage(message),
    terminate: () => {
      stopped = true;
      control.port1.postMessage('terminate');
      frame.remove();
      data.port1.close();
      control.port1.close();
    },
    addEventListener: (type, listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
  };
}
