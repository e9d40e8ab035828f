/**
 * The replay worker's entry: messages in go to the handler, its responses go back out.
 * Created by the client with
 * `new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' })`.
 */
import type { ReplayRequest, ReplayResponse } from './protocol';
import { createReplayHandler } from './replayHandler';

/** The part of `DedicatedWorkerGlobalScope` used here (the app tsconfig has the DOM lib). */
interface ReplayWorkerScope {
  postMessage(message: ReplayResponse): void;
  onmessage: ((event: MessageEvent<ReplayRequest>) => void) | null;
}

const scope = self as unknown as ReplayWorkerScope;
const handler = createReplayHandler((response) => scope.postMessage(response));
scope.onmessage = (event) => void handler.handle(event.data);
