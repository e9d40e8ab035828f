/**
 * Deflate bombs in share links. Node's DecompressionStream emits 16 kB chunks, but a browser's
 * may inflate a whole input chunk into one output chunk; this test stands one in that does
 * exactly that, so the cap is shown to hold chunk by chunk, whatever the platform does.
 */
import { constants, createInflateRaw, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioFileError } from './file';
import { decodeShareFragment } from './shareLink';

const RealDecompressionStream = globalThis.DecompressionStream;

/** Inflates each written chunk completely and enqueues everything it produced as one chunk. */
class WholeChunkDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  static largestChunk = 0;
  constructor() {
    const inflate = createInflateRaw();
    let enqueue: (chunk: Uint8Array) => void = () => undefined;
    this.readable = new ReadableStream({ start: (c) => void (enqueue = (x) => c.enqueue(x)) });
    this.writable = new WritableStream({
      write: (chunk) =>
        new Promise<void>((resolve, reject) => {
          const parts: Buffer[] = [];
          const onData = (part: Buffer) => parts.push(part);
          inflate.on('data', onData);
          inflate.once('error', reject);
          inflate.write(chunk);
          inflate.flush(constants.Z_SYNC_FLUSH, () => {
            inflate.off('data', onData);
            const whole = Buffer.concat(parts);
            WholeChunkDecompressionStream.largestChunk = Math.max(
              WholeChunkDecompressionStream.largestChunk,
              whole.length,
            );
            try {
              if (whole.length > 0) enqueue(whole);
              resolve();
            } catch (error) {
              reject(error as Error); // the reader cancelled: the decoder gave up, as it should
            }
          });
        }),
    });
  }
}

afterEach(() => {
  globalThis.DecompressionStream = RealDecompressionStream;
});

describe('share link deflate bombs', () => {
  it('refuses a 200 MB bomb without ever inflating more than about a megabyte at once', async () => {
    globalThis.DecompressionStream =
      WholeChunkDecompressionStream as unknown as typeof DecompressionStream;
    WholeChunkDecompressionStream.largestChunk = 0;
    // 200 MB of spaces deflates to about 200 kB: a link short enough to be decoded.
    const bomb = deflateRawSync(Buffer.alloc(200_000_000, 32), { level: 9 });
    const link = `#s=${bomb.toString('base64url')}`;
    await expect(decodeShareFragment(link)).rejects.toThrow(ScenarioFileError);
    await expect(decodeShareFragment(link)).rejects.toThrow(
      'the shared link expands to more data than a scenario can hold',
    );
    expect(WholeChunkDecompressionStream.largestChunk).toBeLessThanOrEqual(1_100_000);
  }, 30_000);
});
