/**
 * Takes away from a sandbox worker's global what an assignor has no business using: the
 * network, storage, messaging out of the worker, timers, and code from strings (which would
 * reach `import()` and so the network). Called by the worker entries before any user code
 * runs; what the sandbox itself needs (its `postMessage`, the Function constructor) is
 * captured before.
 *
 * This is defence in depth, not a security boundary on its own: the worker is the boundary
 * (no DOM, no page state, terminated after each run). It makes the common ways out fail with
 * a message that says why.
 */
import { mulberry32 } from '../core/random';

/** Network, storage, cross-context messaging and code-from-strings APIs of web workers. */
export const WEB_BLOCKED_GLOBALS: readonly string[] = [
  // Network.
  'fetch',
  'fetchLater',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'navigator', // sendBeacon (where it exists), storage, locks
  // Storage.
  'indexedDB',
  'caches',
  'cookieStore',
  'localStorage',
  'sessionStorage',
  // Messaging out of the worker, and starting more workers.
  'postMessage',
  'close',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  // Code from strings.
  'eval',
  'Function',
  // Timers: assignors are synchronous, and a timer's callback would run outside any deadline.
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
];

/** Also blocked in a Node worker (the CLI): the process and its modules. */
export const NODE_BLOCKED_GLOBALS: readonly string[] = ['process', 'require'];

function blockedMessage(name: string): string {
  return (
    `${name} is not available to a custom assignor: it runs in a sandbox without network, ` +
    'storage, timers or messaging'
  );
}

/**
 * Removes `name` from `global` and every prototype of it, then shadows it with a getter
 * that throws, so using it fails with a message that says why. Returns whether it worked.
 */
function block(global: object, name: string): boolean {
  for (
    let holder: object | null = global;
    holder !== null && holder !== Object.prototype;
    holder = Object.getPrototypeOf(holder) as object | null
  ) {
    if (Object.hasOwn(holder, name)) Reflect.deleteProperty(holder, name);
  }
  const message = blockedMessage(name);
  return Reflect.defineProperty(global, name, {
    get() {
      throw new ReferenceError(message);
    },
    set() {
      throw new ReferenceError(message);
    },
    configurable: false,
    enumerable: false,
  });
}

/**
 * Makes the Function constructors unreachable through `fn.constructor`, the other way to
 * turn a string into code once the `Function` global is gone.
 */
function blockFunctionConstructors(): void {
  const message = blockedMessage('the Function constructor');
  const blocked = function Function() {
    throw new ReferenceError(message);
  };
  const prototypes = [
    Function.prototype,
    Object.getPrototypeOf(async function () {}) as object,
    Object.getPrototypeOf(function* () {}) as object,
    Object.getPrototypeOf(async function* () {}) as object,
  ];
  for (const prototype of prototypes) {
    Reflect.defineProperty(prototype, 'constructor', {
      value: blocked,
      writable: false,
      configurable: false,
      enumerable: false,
    });
  }
}

/**
 * Blocks `names` on `global` and the Function constructors. Returns the names that could not
 * be blocked (a property the engine does not let us replace), for tests to check.
 */
export function hardenSandboxGlobal(
  global: object = globalThis,
  names: readonly string[] = WEB_BLOCKED_GLOBALS,
): string[] {
  // First: it reads `Function.prototype`, and `Function` is one of the blocked names.
  blockFunctionConstructors();
  return names.filter((name) => !block(global, name));
}

/**
 * Replaces `Math.random` with a seeded generator (mulberry32), so a replay that restarts
 * after a hung generation sees the same random numbers as the run it replaces, and a
 * scenario replays the same way every time.
 */
export function seedMathRandom(seed: number): void {
  Math.random = mulberry32(seed);
}
