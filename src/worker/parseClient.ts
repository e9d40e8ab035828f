/**
 * Reads an imported file or a share link in the parse worker, so the page never waits for a
 * big or hostile input. Where there is no `Worker` (Node: tests, the CLI) it parses in place.
 */
import { ScenarioFileError, type LoadedScenario } from '../scenario/file';
import { handleParseRequest } from './parseHandler';
import type { ParseRequest, ParseResponse } from './parseProtocol';

type Body = { type: 'parse-file'; text: string } | { type: 'parse-link'; fragment: string };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (response: ParseResponse) => void>();

function parseWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  if (worker === undefined) {
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      resolve?.(event.data);
    };
    worker.onerror = () => {
      // The worker died (e.g. out of memory): fail what it held, start afresh next time.
      for (const [id, resolve] of pending)
        resolve({ type: 'parse-failed', id, reason: 'internal', message: 'the parser stopped' });
      pending.clear();
      worker?.terminate();
      worker = undefined;
    };
  }
  return worker;
}

async function request(body: Body): Promise<LoadedScenario | undefined> {
  const message = { ...body, id: nextId++ } as ParseRequest;
  const target = parseWorker();
  const response = await (target === undefined
    ? handleParseRequest(message)
    : new Promise<ParseResponse>((resolve) => {
        pending.set(message.id, resolve);
        target.postMessage(message);
      }));
  switch (response.type) {
    case 'parsed':
      return response.loaded;
    case 'parse-failed':
      if (response.reason === 'invalid') throw new ScenarioFileError(response.message);
      throw new Error(response.message);
  }
}

/** {@link parseScenarioFile}, off the main thread. */
export function parseScenarioFileOffThread(text: string): Promise<LoadedScenario> {
  return request({ type: 'parse-file', text }) as Promise<LoadedScenario>;
}

/** {@link decodeShareFragment}, off the main thread. */
export function decodeShareFragmentOffThread(
  fragment: string,
): Promise<LoadedScenario | undefined> {
  return request({ type: 'parse-link', fragment });
}
