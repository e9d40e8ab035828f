import { describe, expect, it } from 'vitest';
import { utf8Decode } from './text';
import { mulberry32 } from '../random';

/** What utf8Decode must agree with: the platform decoder, strict and keeping a BOM. */
const platform = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function reference(bytes: Uint8Array): string | undefined {
  try {
    return platform.decode(bytes);
  } catch {
    return undefined;
  }
}

describe('utf8Decode', () => {
  it('agrees with the platform decoder on seeded random bytes, ASCII or not, short or long', () => {
    const random = mulberry32(0x7e57);
    const samples = ['', 'orders', 't\u0000x', '\uFEFFbom', 'é', '😀', 'ascii-then-é'].map((text) =>
      new TextEncoder().encode(text),
    );
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * (random() < 0.2 ? 200 : 70));
      // Mostly ASCII, sometimes any byte (so invalid sequences too).
      const highChance = random() < 0.5 ? 0 : random() * 0.3;
      samples.push(
        Uint8Array.from({ length }, () =>
          random() < highChance ? Math.floor(random() * 256) : Math.floor(random() * 128),
        ),
      );
    }
    for (const bytes of samples) expect(utf8Decode(bytes)).toBe(reference(bytes));
  });
});
