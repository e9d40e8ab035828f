/**
 * The parse worker's entry. Created by the parse client with
 * `new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { handleParseRequest } from './parseHandler';
import type { ParseRequest, ParseResponse } from './parseProtocol';

interface ParseWorkerScope {
  postMessage(message: ParseResponse): void;
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
}

const scope = self as unknown as ParseWorkerScope;
scope.onmessage = (event) =>
  void handleParseRequest(event.data).then((response) => scope.postMessage(response));
