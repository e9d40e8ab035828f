/**
 * The one piece both worker clients stand on: the replay worker's client (src/worker) and the
 * custom-assignor sandbox runner (src/custom). Each speaks its own protocol, a discriminated
 * union on `type` with replies carrying the request's `id`; this module only types a worker by
 * the requests it accepts, turns its three kinds of event into "a message" or "it died", and
 * recognises replies. Nothing here knows what is being replayed.
 */

/** What an event from a worker may carry: `data` for messages, `message` for errors. */
export interface WorkerEventLike {
  readonly data?: unknown;
  readonly message?: string;
}

/**
 * The part of `Worker` the clients use, typed by the requests it accepts. A real `Worker` is
 * one; tests pass a fake, and the sandbox passes a worker living in an iframe.
 */
export interface WorkerLike<Request> {
  postMessage(message: Request): void;
  terminate(): void;
  addEventListener(
    type: 'message' | 'error' | 'messageerror',
    listener: (event: WorkerEventLike) => void,
  ): void;
}

/** What a connected worker tells its client. */
export interface WorkerEvents {
  message(data: unknown): void;
  /** The worker died: an error event, an unexpected exit, a message that could not be read. */
  crash(detail: string | undefined): void;
}

/** A started worker, as its client sees it. */
export interface WorkerConnection<Request> {
  /** May throw, e.g. a DataCloneError when the request holds something that cannot be sent. */
  send(request: Request): void;
  /** Stops the worker; nothing it sent but was not yet delivered reaches `events` afterwards. */
  terminate(): void;
}

/** The detail a crash carries when the browser could not deserialize a worker's message. */
export const UNREADABLE_MESSAGE = 'a message could not be read';

/**
 * Connects `events` to `worker`. After `terminate()`, the dead worker's late events are
 * dropped, so a client that restarted its worker never hears from the old one.
 */
export function connectWorker<Request>(
  worker: WorkerLike<Request>,
  events: WorkerEvents,
): WorkerConnection<Request> {
  let live = true;
  worker.addEventListener('message', (event) => {
    if (live) events.message(event.data);
  });
  worker.addEventListener('error', (event) => {
    if (live)
      events.crash(
        typeof event.message === 'string' && event.message !== '' ? event.message : undefined,
      );
  });
  worker.addEventListener('messageerror', () => {
    if (live) events.crash(UNREADABLE_MESSAGE);
  });
  return {
    send: (request) => worker.postMessage(request),
    terminate: () => {
      live = false;
      worker.terminate();
    },
  };
}

/** Every reply names the request it answers. */
export interface Reply {
  readonly type: string;
  readonly id: number;
}

/**
 * A guard for one protocol's replies: an object whose `type` is one of `types` and whose `id`
 * is a number. The payload is then read by the client's exhaustive `switch` on `type`.
 */
export function replyGuard<R extends Reply>(
  types: readonly R['type'][],
): (data: unknown) => data is R {
  const known: ReadonlySet<string> = new Set(types);
  return (data: unknown): data is R => {
    if (typeof data !== 'object' || data === null) return false;
    const { type, id } = data as { type?: unknown; id?: unknown };
    return typeof type === 'string' && known.has(type) && typeof id === 'number';
  };
}
