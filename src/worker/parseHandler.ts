/** The parse worker's logic, free of the worker global so it runs (and is tested) in Node. */
import { parseScenarioFile, ScenarioFileError } from '../scenario/file';
import { decodeShareFragment } from '../scenario/shareLink';
import type { ParseRequest, ParseResponse } from './parseProtocol';

export async function handleParseRequest(request: ParseRequest): Promise<ParseResponse> {
  try {
    switch (request.type) {
      case 'parse-file':
        return { type: 'parsed', id: request.id, loaded: parseScenarioFile(request.text) };
      case 'parse-link':
        return {
          type: 'parsed',
          id: request.id,
          loaded: await decodeShareFragment(request.fragment),
        };
      default: {
        const unexpected: never = request;
        throw new Error(
          `unknown request ${JSON.stringify((unexpected as { type?: unknown }).type)}`,
        );
      }
    }
  } catch (error) {
    const invalid = error instanceof ScenarioFileError;
    return {
      type: 'parse-failed',
      id: request.id,
      reason: invalid ? 'invalid' : 'internal',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
