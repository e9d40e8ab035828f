/**
 * Kafka wire primitives (big-endian Int16, Int32, String, Bytes, Array count) over plain
 * Uint8Array/DataView, so the codecs run unchanged in a worker, in Node and in tests.
 */

import { ASCII_BY_HAND_MAX, utf8Decode, utf8Encode } from './text';

/** Bytes that are not a valid encoding, or a value that has no encoding. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  /** Byte offset of the problem (a character position for `fromHex`), when there is one. */
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super(message);
    this.offset = offset;
  }
}

/** One primitive as it was read: where it sits in the buffer and what it decoded to. */
export interface Span {
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  readonly value?: string | number;
}

export type SpanRecorder = (span: Span) => void;

export interface ReaderOptions {
  /** Called once per primitive read, in order; this is how the field inspector works. */
  readonly recorder?: SpanRecorder;
  /** Where `bytes` starts inside an enclosing buffer, so nested reads report outer offsets. */
  readonly baseOffset?: number;
  /** Prepended to every label, e.g. `user_data.` for a struct nested in user data. */
  readonly labelPrefix?: string;
}

const INT16_MAX = 0x7fff;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Reads Kafka primitives front to back; every failure names the field and its offset. */
export class ByteReader {
  private readonly view: DataView;
  private position = 0;
  private readonly recorder: SpanRecorder | undefined;
  private readonly base: number;
  private readonly prefix: string;

  constructor(
    private readonly data: Uint8Array,
    options: ReaderOptions = {},
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.recorder = options.recorder;
    this.base = options.baseOffset ?? 0;
    this.prefix = options.labelPrefix ?? '';
  }

  /** The current position, counted in the outermost buffer. */
  get offset(): number {
    return this.base + this.position;
  }

  get remaining(): number {
    return this.data.length - this.position;
  }

  int16(label: string): number {
    const at = this.take(2, label, 'int16');
    const value = this.view.getInt16(at);
    this.record(label, at, 2, value);
    return value;
  }

  int32(label: string): number {
    const at = this.take(4, label, 'int32');
    const value = this.view.getInt32(at);
    this.record(label, at, 4, value);
    return value;
  }

  /**
   * `n` Int32 items in a row. Labels are built only when recording spans, because large
   * assignments hold a hundred thousand partitions and a label string each adds up.
   */
  int32Items(n: number, labelOf: (index: number) => string): number[] {
    const values = new Array<number>(n);
    if (this.recorder !== undefined || n * 4 > this.remaining) {
      for (let i = 0; i < n; i++) values[i] = this.int32(labelOf(i));
      return values;
    }
    const { view } = this;
    let at = this.position;
    for (let i = 0; i < n; i++, at += 4) values[i] = view.getInt32(at);
    this.position = at;
    return values;
  }

  /**
   * An Array's Int32 item count. Arrays in the consumer protocol are never null, and a count
   * that cannot fit in what is left is rejected up front rather than failing items later.
   */
  count(label: string, minItemBytes: number): number {
    const at = this.offset;
    const n = this.int32(`${label} count`);
    if (n < 0) {
      throw new WireFormatError(
        `invalid ${this.name(label)} count ${n} at offset ${at}: must not be negative`,
        at,
      );
    }
    if (n * minItemBytes > this.remaining) {
      throw new WireFormatError(
        `invalid ${this.name(label)} count ${n} at offset ${at}: ${plural(n, 'item')} need ` +
          `at least ${plural(n * minItemBytes, 'byte')} but only ${this.remaining} remain`,
        at,
      );
    }
    return n;
  }

  /** A String: Int16 length then UTF-8. Null strings (length -1) do not occur here. */
  string(label: string): string {
    const lengthAt = this.offset;
    const length = this.int16(`${label} length`);
    if (length < 0) {
      throw new WireFormatError(
        `invalid ${this.name(label)} length ${length} at offset ${lengthAt}: must not be negative`,
        lengthAt,
      );
    }
    const at = this.take(length, label, 'string');
    const text = utf8Decode(this.data.subarray(at, at + length));
    if (text === undefined) {
      throw new WireFormatError(
        `invalid UTF-8 in ${this.name(label)} at offset ${this.base + at}`,
        this.base + at,
      );
    }
    this.record(label, at, length, text);
    return text;
  }

  /** A nullable String (Java's v3 `rack_id`): Int16 length -1 is null. */
  nullableString(label: string): string | null {
    if (this.remaining >= 2 && this.view.getInt16(this.position) === -1) {
      this.int16(`${label} length (null)`);
      return null;
    }
    return this.string(label);
  }

  /** Bytes: Int32 length then raw bytes; length -1 (null) decodes as empty. Returns a copy. */
  bytes(label: string): Uint8Array<ArrayBuffer> {
    const lengthAt = this.offset;
    const length = this.int32(`${label} length`);
    if (length < -1) {
      throw new WireFormatError(
        `invalid ${this.name(label)} length ${length} at offset ${lengthAt}: must be -1 or more`,
        lengthAt,
      );
    }
    const size = Math.max(length, 0);
    const at = this.take(size, label, 'bytes');
    this.record(label, at, size);
    return this.data.slice(at, at + size);
  }

  /** Throws unless every byte has been read; `what` names the struct that should have ended. */
  end(what: string): void {
    if (this.remaining === 0) return;
    throw new WireFormatError(
      `trailing bytes: ${what} ends at offset ${this.offset} but ` +
        `${plural(this.remaining, 'more byte')} follow`,
      this.offset,
    );
  }

  /** Claims `length` bytes at the current position and returns where they start. */
  private take(length: number, label: string, kind: string): number {
    if (length > this.remaining) {
      throw new WireFormatError(
        `truncated input: ${this.name(label)} (${kind}) at offset ${this.offset} needs ` +
          `${plural(length, 'byte')} but only ${this.remaining} remain`,
        this.offset,
      );
    }
    const at = this.position;
    this.position += length;
    return at;
  }

  private name(label: string): string {
    return this.prefix + label;
  }

  private record(label: string, at: number, length: number, value?: string | number): void {
    if (this.recorder === undefined) return;
    const span: Span = { label: this.name(label), offset: this.base + at, length };
    this.recorder(value === undefined ? span : { ...span, value });
  }
}

/** Appends Kafka primitives to a growable buffer; rejects values that have no encoding. */
export class ByteWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  int16(value: number, label: string): this {
    this.checkInteger(value, -0x8000, INT16_MAX, label, 'int16');
    this.reserve(2).setInt16(this.length, value);
    this.length += 2;
    return this;
  }

  int32(value: number, label: string): this {
    this.checkInteger(value, INT32_MIN, INT32_MAX, label, 'int32');
    this.reserve(4).setInt32(this.length, value);
    this.length += 4;
    return this;
  }

  /** `values` as Int32 items in a row; the label is built only to report a bad value. */
  int32Items(values: readonly number[], labelOf: (index: number) => string): this {
    const view = this.reserve(4 * values.length);
    let at = this.length;
    values.forEach((value, i) => {
      if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        this.checkInteger(value, INT32_MIN, INT32_MAX, labelOf(i), 'int32');
      }
      view.setInt32(at, value);
      at += 4;
    });
    this.length = at;
    return this;
  }

  /** An Array's Int32 item count; the caller then writes the items. */
  count(n: number, label: string): this {
    return this.int32(n, `${label} count`);
  }

  string(value: string, label: string): this {
    // Topic names and member ids are short and nearly always ASCII, and a replay writes
    // hundreds of thousands of them: such a string is its own UTF-8, written here byte for
    // byte instead of through TextEncoder and the lone-surrogate check (an ASCII string has
    // no surrogates). Anything else takes the general path below.
    if (value.length <= ASCII_BY_HAND_MAX) {
      const n = value.length;
      const view = this.reserve(2 + n);
      const bytes = this.buffer;
      const start = this.length + 2;
      let i = 0;
      for (; i < n; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) break;
        bytes[start + i] = code;
      }
      if (i === n) {
        view.setInt16(this.length, n);
        this.length += 2 + n;
        return this;
      }
    }
    const encoded = utf8Encode(value);
    if (encoded === undefined) {
      throw new WireFormatError(
        `cannot encode ${label}: it contains a lone surrogate, which has no UTF-8 form`,
        this.length,
      );
    }
    if (encoded.length > INT16_MAX) {
      throw new WireFormatError(
        `cannot encode ${label}: ${encoded.length} UTF-8 bytes exceed the String limit of ${INT16_MAX}`,
        this.length,
      );
    }
    return this.int16(encoded.length, `${label} length`).raw(encoded);
  }

  nullableString(value: string | null, label: string): this {
    return value === null ? this.int16(-1, `${label} length (null)`) : this.string(value, label);
  }

  bytes(value: Uint8Array, label: string): this {
    return this.int32(value.length, `${label} length`).raw(value);
  }

  /** The bytes written so far, as a new buffer of exactly that length. */
  finish(): Uint8Array<ArrayBuffer> {
    return this.buffer.slice(0, this.length);
  }

  private raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Makes room for `extra` more bytes and returns the (possibly new) view. */
  private reserve(extra: number): DataView {
    const needed = this.length + extra;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    return this.view;
  }

  private checkInteger(value: number, min: number, max: number, label: string, kind: string): void {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new WireFormatError(
        `cannot encode ${label}: ${String(value)} is not an ${kind} (${min}..${max})`,
        this.length,
      );
    }
  }
}

/** Lowercase hex, two digits per byte, no separators. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Parses hex (either case, no separators); rejects odd lengths and non-hex characters. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad !== null) {
    throw new WireFormatError(
      `invalid hex: ${JSON.stringify(bad[0])} at position ${bad.index} is not a hex digit`,
      bad.index,
    );
  }
  if (hex.length % 2 !== 0) {
    throw new WireFormatError(
      `invalid hex: odd length ${hex.length}; every byte needs two hex digits`,
    );
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}
