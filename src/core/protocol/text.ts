/**
 * UTF-8 through the platform's TextEncoder/TextDecoder, which every Web Worker, browser and
 * Node ≥ 11 provides. The core compiles against lib ES2023 only, where neither is declared,
 * so they are reached through a minimal local type on `globalThis`. A `declare global` would
 * clash with the DOM lib's declarations when the app build includes src/core.
 */

interface Utf8Encoder {
  encode(input: string): Uint8Array;
}

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

interface TextCodecGlobals {
  readonly TextEncoder: new () => Utf8Encoder;
  readonly TextDecoder: new (
    label: 'utf-8',
    options: { fatal: boolean; ignoreBOM: boolean },
  ) => Utf8Decoder;
}

const platform = globalThis as unknown as TextCodecGlobals;
const encoder = new platform.TextEncoder();
// Match Python's bytes.decode('utf-8'): raise on malformed input rather than substitute U+FFFD
// (fatal), and keep a leading U+FEFF as a character rather than strip it as a BOM (ignoreBOM).
const decoder = new platform.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// A lone surrogate has no UTF-8 form; Python's str.encode('utf-8') raises, TextEncoder would not.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Encodes `text` as UTF-8, or returns `undefined` when it holds a lone surrogate. */
export function utf8Encode(text: string): Uint8Array | undefined {
  if (LONE_SURROGATE.test(text)) return undefined;
  return encoder.encode(text);
}

/**
 * Up to this many bytes, an all-ASCII string is decoded (and written, wire.ts) by hand: topic names and member ids
 * are short and usually ASCII, and a sticky leave at 1000 × 1000 decodes a million of them,
 * where the call into TextDecoder costs more than the decoding.
 */
export const ASCII_BY_HAND_MAX = 64;

/** Decodes UTF-8, or returns `undefined` when the bytes are not valid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  if (bytes.length <= ASCII_BY_HAND_MAX) {
    // ASCII bytes are always valid UTF-8 and decode to the same code units.
    let text = '';
    let i = 0;
    for (; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (byte >= 0x80) break;
      text += String.fromCharCode(byte);
    }
    if (i === bytes.length) return text;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes UTF-8 strings that repeat, handing out one string object per distinct byte
 * sequence. A sticky leader decodes every member's topic names (a million at 1000 × 1000),
 * nearly all repeats: a hash of the bytes and a byte comparison are cheaper than building the
 * string again, and a string that is the same object hashes once in every later map lookup.
 */
export class Utf8Cache {
  /** One-element lists shared between decodes (decoded data is read-only). */
  readonly singletons: (readonly number[] | undefined)[] = [];
  private readonly entries = new Map<number, { bytes: Uint8Array; text: string }[]>();

  /** Per slot: the entry the last decode with that slot gave. */
  private readonly bySlot: ({ bytes: Uint8Array; text: string } | undefined)[] = [];

  /**
   * The text of `data[start, start + length)`, or `undefined` when it is not valid UTF-8.
   * `slot` (optional) names the caller's position, such as an entry's index in a list that
   * members tend to send in the same order: the name last decoded there is tried first.
   */
  decode(data: Uint8Array, start: number, length: number, slot = -1): string | undefined {
    const last = slot >= 0 ? this.bySlot[slot] : undefined;
    if (last !== undefined && sameBytes(last.bytes, data, start, length)) return last.text;
    const entry = this.lookup(data, start, length);
    if (slot >= 0 && entry !== undefined) this.bySlot[slot] = entry;
    return entry?.text;
  }

  private lookup(
    data: Uint8Array,
    start: number,
    length: number,
  ): { bytes: Uint8Array; text: string } | undefined {
    let hash = 0x811c9dc5 ^ length;
    for (let i = start; i < start + length; i++) {
      hash = Math.imul(hash ^ (data[i] as number), 0x01000193);
    }
    // Kept within 30 bits: a small integer key, not a boxed number, in V8's maps.
    hash &= 0x3fffffff;
    let bucket = this.entries.get(hash);
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i++) {
        const entry = bucket[i] as { bytes: Uint8Array; text: string };
        if (sameBytes(entry.bytes, data, start, length)) return entry;
      }
    }
    const bytes = data.slice(start, start + length);
    const text = utf8Decode(bytes);
    if (text === undefined) return undefined;
    if (bucket === undefined) {
      bucket = [];
      this.entries.set(hash, bucket);
    }
    const entry = { bytes, text };
    bucket.push(entry);
    return entry;
  }
}

function sameBytes(a: Uint8Array, data: Uint8Array, start: number, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== data[start + i]) return false;
  return true;
}
