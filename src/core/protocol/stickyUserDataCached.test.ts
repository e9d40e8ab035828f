/**
 * The leader's one-pass sticky user data decoder must agree with the general decoder on every
 * input: the same value for well-formed data (with topic names shared between calls), and for
 * anything else the same error with the same message.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import {
  Utf8Cache,
  decodeStickyUserData,
  decodeStickyUserDataCached,
  encodeStickyUserData,
} from '.';

function outcome(decode: () => unknown): unknown {
  try {
    return { value: decode() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const TOPICS = ['t0', 't1', 'orders', '', 'é', '😀', 'x'.repeat(80)];

describe('decodeStickyUserDataCached', () => {
  it('agrees with decodeStickyUserData on well-formed, truncated and corrupted data', () => {
    const random = mulberry32(42);
    const names = new Utf8Cache();
    let wellFormed = 0;
    for (let i = 0; i < 3000; i++) {
      const claims = Array.from(
        { length: Math.floor(random() * 5) },
        () =>
          [
            TOPICS[Math.floor(random() * TOPICS.length)] as string,
            Array.from(
              { length: Math.floor(random() * 4) },
              () => Math.floor(random() * 2 ** 31) - 2 ** 30,
            ),
          ] as const,
      );
      let bytes: Uint8Array = encodeStickyUserData({
        previousAssignment: claims,
        generation: Math.floor(random() * 10) - 2,
      });
      const damage = random();
      if (damage < 0.2) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
      else if (damage < 0.4) bytes = Uint8Array.from([...bytes, 0]);
      else if (damage < 0.7 && bytes.length > 0) {
        bytes = bytes.slice();
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      } else wellFormed++;
      const got = outcome(() => decodeStickyUserDataCached(bytes, names));
      const want = outcome(() => decodeStickyUserData(bytes));
      expect(got).toEqual(want);
    }
    expect(wellFormed).toBeGreaterThan(500);
  });

  it('hands out one string per distinct topic name', () => {
    const names = new Utf8Cache();
    const bytes = encodeStickyUserData({ previousAssignment: [['orders', [1]]], generation: 3 });
    const a = decodeStickyUserDataCached(bytes, names).previousAssignment[0]?.[0];
    const b = decodeStickyUserDataCached(bytes.slice(), names).previousAssignment[0]?.[0];
    expect(a).toBe('orders');
    expect(b).toBe(a);
  });
});
