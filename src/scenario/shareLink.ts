/**
 * Share links: the scenario file, deflated and base64url-encoded into the URL fragment, so
 * a link carries the whole scenario and no server is involved.
 */
import {
  SCENARIO_LIMITS,
  parseScenarioFile,
  ScenarioFileError,
  serializeScenario,
  type CustomAssignorSource,
  type LoadedScenario,
} from './file';
import type { SharedView } from './sharedView';
import type { Scenario } from './types';

/** The fragment key: `#s=…`. */
export const SHARE_PARAM = 's';
/** Longest fragment we accept, so a hostile link cannot make us inflate without bound. */
export const MAX_SHARE_LENGTH = 2_000_000;
const MAX_INFLATED_BYTES = SCENARIO_LIMITS.inputBytes;
/**
 * Input is fed to the decompressor this many bytes at a time, and only as its output is
 * read: deflate expands at most ~1,032×, so no output chunk can exceed about 1 MB, and the
 * cap is enforced chunk by chunk instead of after a browser inflated a whole bomb at once.
 */
const INPUT_SLICE_BYTES = 1024;

export async function encodeShareFragment(
  scenario: Scenario,
  customAssignor?: CustomAssignorSource,
  view?: SharedView,
): Promise<string> {
  // The view travels inside the scenario file, as in an exported file.
  const text = JSON.stringify(JSON.parse(serializeScenario(scenario, customAssignor, view)));
  const deflated = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `${SHARE_PARAM}=${toBase64Url(deflated)}`;
}

/**
 * Reads a scenario from a URL fragment (`#s=…` or `s=…`). Returns `undefined` when the
 * fragment holds no scenario; throws {@link ScenarioFileError} when it holds a broken one.
 */
export async function decodeShareFragment(fragment: string): Promise<LoadedScenario | undefined> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const encoded = params.get(SHARE_PARAM);
  if (encoded === null || encoded === '') return undefined;
  if (encoded.length > MAX_SHARE_LENGTH)
    throw new ScenarioFileError('the shared link is too long to be a scenario');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(encoded);
  } catch {
    throw new ScenarioFileError(
      'the shared link is damaged: it is not valid base64url (was it cut short?)',
    );
  }
  let text: string;
  try {
    const inflated = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES);
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    throw new ScenarioFileError(
      'the shared link is damaged: its data does not decompress (was it cut short?)',
    );
  }
  try {
    return parseScenarioFile(text);
  } catch (error) {
    if (error instanceof ScenarioFileError)
      throw new ScenarioFileError(`the shared link's scenario is invalid: ${error.message}`);
    throw error;
  }
}

async function pipe(
  input: Uint8Array,
  transform: CompressionStream | DecompressionStream,
  limit = Infinity,
): Promise<Uint8Array> {
  let consumed = 0;
  const source = new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (consumed >= input.length) {
          controller.close();
          return;
        }
        controller.enqueue(input.slice(consumed, consumed + INPUT_SLICE_BYTES));
        consumed += INPUT_SLICE_BYTES;
      },
    },
    { highWaterMark: 0 },
  );
  const stream = source.pipeThrough(transform);
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new ScenarioFileError('the shared link expands to more data than a scenario can hold');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
