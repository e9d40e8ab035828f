import { describe, expect, it } from 'vitest';
import wire from '../../../test/conformance/wire.json';
import type { TopicPartition, TopicPartitions } from '../types';
import {
  ByteReader,
  ByteWriter,
  WireFormatError,
  assignmentPartitions,
  decodeMemberAssignment,
  decodeMemberMetadata,
  decodeStickyUserData,
  describeMemberAssignment,
  describeMemberMetadata,
  describeStickyMemberMetadata,
  describeStickyUserData,
  encodeMemberAssignment,
  encodeMemberMetadata,
  encodeStickyUserData,
  fromHex,
  groupByTopic,
  toHex,
  type WireField,
} from './index';

// The JSON's inferred types are loose ((string | number[])[][]), so check the shape once here.
function topicPartitions(raw: unknown): TopicPartitions[] {
  if (!Array.isArray(raw)) throw new Error('expected an array of [topic, partitions]');
  return raw.map((entry: unknown) => {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      !Array.isArray(entry[1]) ||
      !entry[1].every((p: unknown) => typeof p === 'number')
    ) {
      throw new Error(`bad [topic, partitions] entry ${JSON.stringify(entry)}`);
    }
    return [entry[0], entry[1] as number[]] as const;
  });
}

const memberMetadata = wire.memberMetadata.map((v) => ({
  hex: v.hex,
  fields: { version: v.version, subscription: v.subscription, userData: fromHex(v.userDataHex) },
}));

const memberAssignment = wire.memberAssignment.map((v) => ({
  hex: v.hex,
  fields: {
    version: v.version,
    assignment: topicPartitions(v.assignment),
    userData: fromHex(v.userDataHex),
  },
}));

const stickyUserData = wire.stickyUserData.map((v) => ({
  hex: v.hex,
  fields: { previousAssignment: topicPartitions(v.previousAssignment), generation: v.generation },
}));

const stickyMemberMetadata = wire.stickyMemberMetadata.map((v) => ({
  hex: v.hex,
  subscription: v.subscription,
  generation: v.generation,
  owned: v.ownedPartitions.map(([topic, partition]): TopicPartition => {
    if (typeof topic !== 'string' || typeof partition !== 'number') throw new Error('bad owned');
    return { topic, partition };
  }),
}));

/** Asserts `fn` throws a WireFormatError whose message contains every fragment. */
function expectWireError(fn: () => unknown, ...fragments: string[]): WireFormatError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WireFormatError);
  const error = caught as WireFormatError;
  expect(error.name).toBe('WireFormatError');
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error;
}

/** Spans must tile the buffer: contiguous, in order, from 0 to the end, hex matching. */
function expectContiguous(fields: readonly WireField[], hex: string): void {
  let offset = 0;
  for (const f of fields) {
    expect(f.offset, f.label).toBe(offset);
    expect(f.hex.length, f.label).toBe(2 * f.length);
    offset += f.length;
  }
  expect(offset).toBe(hex.length / 2);
  expect(fields.map((f) => f.hex).join('')).toBe(hex);
}

describe('conformance vectors (aiokafka 0.14.0 wire.json)', () => {
  it('has vectors of every kind', () => {
    expect(wire.format).toBe('aiokafka-wire-vectors/1');
    expect(memberMetadata.length).toBeGreaterThan(0);
    expect(memberAssignment.length).toBeGreaterThan(0);
    expect(stickyUserData.length).toBeGreaterThan(0);
    expect(stickyMemberMetadata.length).toBeGreaterThan(0);
  });

  it.each(memberMetadata)('member metadata $hex round-trips', ({ hex, fields }) => {
    expect(toHex(encodeMemberMetadata(fields))).toBe(hex);
    expect(decodeMemberMetadata(fromHex(hex))).toEqual(fields);
  });

  it.each(memberAssignment)('member assignment $hex round-trips', ({ hex, fields }) => {
    expect(toHex(encodeMemberAssignment(fields))).toBe(hex);
    expect(decodeMemberAssignment(fromHex(hex))).toEqual(fields);
  });

  it.each(stickyUserData)('sticky user data $hex round-trips', ({ hex, fields }) => {
    expect(toHex(encodeStickyUserData(fields))).toBe(hex);
    expect(decodeStickyUserData(fromHex(hex))).toEqual(fields);
  });

  it.each(stickyMemberMetadata)('sticky member metadata $hex round-trips', (v) => {
    const userData = encodeStickyUserData({
      previousAssignment: groupByTopic(v.owned),
      generation: v.generation,
    });
    const encoded = encodeMemberMetadata({ version: 0, subscription: v.subscription, userData });
    expect(toHex(encoded)).toBe(v.hex);

    const decoded = decodeMemberMetadata(fromHex(v.hex));
    expect(decoded.subscription).toEqual(v.subscription);
    const sticky = decodeStickyUserData(decoded.userData);
    expect(sticky.generation).toBe(v.generation);
    expect(
      assignmentPartitions({ version: 0, assignment: sticky.previousAssignment, userData }),
    ).toEqual(v.owned);
  });
});

describe('assignmentPartitions', () => {
  it('flattens in wire order, skipping empty topics', () => {
    const assignment = decodeMemberAssignment(fromHex(wire.memberAssignment[2]!.hex));
    expect(assignmentPartitions(assignment)).toEqual([
      { topic: 'a', partition: 5 },
      { topic: 'c', partition: 0 },
      { topic: 'c', partition: 2147483647 },
    ]);
  });
});

describe('decoding errors', () => {
  const metadataHex = wire.memberMetadata[1]!.hex; // version 0, ["t0"], no user data

  it('reports truncation with the field and offset', () => {
    expectWireError(
      () => decodeMemberMetadata(fromHex('00')),
      'truncated input',
      'version (int16) at offset 0',
      'needs 2 bytes but only 1 remain',
    );
    // Cut inside the user_data length.
    expectWireError(
      () => decodeMemberMetadata(fromHex(metadataHex.slice(0, -2))),
      'truncated input',
      'user_data length (int32) at offset 10',
      'needs 4 bytes but only 3 remain',
    );
    // Cut inside a topic name: "t0" declared, only "t" present, then nothing.
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + '00000001' + '0002' + '74')),
      'subscription[0] (string) at offset 8',
      'needs 2 bytes but only 1 remain',
    );
    // The generation is missing after a complete previous_assignment.
    expectWireError(
      () => decodeStickyUserData(fromHex('0000000100027430000000020000000000000001')),
      'generation (int32) at offset 20',
      'needs 4 bytes but only 0 remain',
    );
    const error = expectWireError(() => decodeMemberAssignment(new Uint8Array(0)), 'version');
    expect(error.offset).toBe(0);
  });

  it('rejects user data declaring more bytes than remain', () => {
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + '00000000' + '00000005' + '0102')),
      'user_data (bytes) at offset 10',
      'needs 5 bytes but only 2 remain',
    );
  });

  it('rejects trailing bytes', () => {
    const error = expectWireError(
      () => decodeMemberMetadata(fromHex(metadataHex + 'abcd')),
      'trailing bytes',
      'member metadata ends at offset 14',
      '2 more bytes follow',
    );
    expect(error.offset).toBe(14);
    expectWireError(
      () => decodeStickyUserData(fromHex('00000000ffffffff00')),
      'sticky user data ends at offset 8',
      '1 more byte follow',
    );
    expectWireError(
      () => decodeMemberAssignment(fromHex(wire.memberAssignment[0]!.hex + '00')),
      'member assignment ends at offset 10',
    );
  });

  it('rejects negative and impossible lengths', () => {
    // Two partitions declared, only one and a half present: caught at the count.
    expectWireError(
      () => decodeStickyUserData(fromHex('000000010002743000000002000000000000')),
      'invalid previous_assignment[0].partitions count 2 at offset 8',
      '2 items need at least 8 bytes but only 6 remain',
    );
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + 'ffffffff' + '00000000')),
      'invalid subscription count -1 at offset 2',
    );
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + '7fffffff' + '00000000')),
      'invalid subscription count 2147483647 at offset 2',
      'only 4 remain',
    );
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + '00000001' + 'ffff' + '00000000')),
      'invalid subscription[0] length -1 at offset 6',
    );
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + '00000000' + 'fffffffe')),
      'invalid user_data length -2 at offset 6',
    );
  });

  it('decodes a null (-1) user_data as empty', () => {
    const decoded = decodeMemberMetadata(fromHex('0000' + '00000000' + 'ffffffff'));
    expect(decoded.userData).toEqual(new Uint8Array(0));
  });

  it('rejects invalid UTF-8 and keeps a leading U+FEFF', () => {
    expectWireError(
      () => decodeMemberMetadata(fromHex('0000' + '00000001' + '0001' + 'ff' + '00000000')),
      'invalid UTF-8 in subscription[0] at offset 8',
    );
    const bom = decodeMemberMetadata(fromHex('0000' + '00000001' + '0003' + 'efbbbf' + '00000000'));
    expect(bom.subscription).toEqual(['\uFEFF']);
  });

  it('reports nested sticky errors at offsets in the whole buffer', () => {
    // Member metadata whose 4 bytes of user data are only a count: generation is missing.
    expectWireError(
      () => describeStickyMemberMetadata(fromHex('0000' + '00000000' + '00000004' + '00000000')),
      'user_data.generation (int32) at offset 14',
    );
  });
});

describe('encoding errors', () => {
  it('rejects values with no wire form', () => {
    const userData = new Uint8Array(0);
    expectWireError(
      () => encodeMemberMetadata({ version: 0x8000, subscription: [], userData }),
      'cannot encode version',
      '32768 is not an int16',
    );
    expectWireError(
      () => encodeMemberAssignment({ version: 0, assignment: [['t', [1.5]]], userData }),
      'assignment[0].partitions[0]',
      'not an int32',
    );
    expectWireError(
      () => encodeMemberMetadata({ version: 0, subscription: ['x\uD800'], userData }),
      'subscription[0]',
      'lone surrogate',
    );
    expectWireError(
      () => encodeMemberMetadata({ version: 0, subscription: ['a'.repeat(0x8000)], userData }),
      'subscription[0]',
      '32768 UTF-8 bytes exceed',
    );
  });

  it('grows its buffer past the initial size', () => {
    const topics = Array.from({ length: 100 }, (_, i) => `topic-${i}`);
    const metadata = { version: 3, subscription: topics, userData: new Uint8Array(300).fill(7) };
    expect(decodeMemberMetadata(encodeMemberMetadata(metadata))).toEqual(metadata);
  });
});

describe('hex', () => {
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(toHex(all))).toEqual(all);
    expect(toHex(fromHex('00FFaB'))).toBe('00ffab');
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it('rejects odd length', () => {
    expectWireError(() => fromHex('abc'), 'invalid hex', 'odd length 3');
  });

  it('rejects non-hex characters', () => {
    const error = expectWireError(() => fromHex('00zz'), 'invalid hex', '"z" at position 2');
    expect(error.offset).toBe(2);
    expectWireError(() => fromHex('00 11'), '" " at position 2');
    expectWireError(() => fromHex('0x00'), '"x" at position 1');
  });
});

describe('field breakdown', () => {
  const cases = [
    ...wire.memberMetadata.map((v) => ['member metadata', v.hex, describeMemberMetadata] as const),
    ...wire.memberAssignment.map(
      (v) => ['member assignment', v.hex, describeMemberAssignment] as const,
    ),
    ...wire.stickyUserData.map((v) => ['sticky user data', v.hex, describeStickyUserData] as const),
    ...wire.stickyMemberMetadata.map(
      (v) => ['sticky member metadata', v.hex, describeStickyMemberMetadata] as const,
    ),
    // Sticky member metadata with empty user data (a new member) and with a null one.
    ['sticky member metadata', wire.memberMetadata[1]!.hex, describeStickyMemberMetadata] as const,
    ['member metadata', '0000' + '00000000' + 'ffffffff', describeMemberMetadata] as const,
  ];

  it.each(cases)('%s %s: spans tile the buffer', (_kind, hex, describeFn) => {
    expectContiguous(describeFn(fromHex(hex)), hex);
  });

  it('labels member metadata primitives', () => {
    const fields = describeMemberMetadata(fromHex(wire.memberMetadata[3]!.hex));
    expect(fields.map((f) => [f.label, f.offset, f.length, f.value])).toEqual([
      ['version', 0, 2, 0],
      ['subscription count', 2, 4, 2],
      ['subscription[0] length', 6, 2, 8],
      ['subscription[0]', 8, 8, 'ü-topic'],
      ['subscription[1] length', 16, 2, 1],
      ['subscription[1]', 18, 1, 'a'],
      ['user_data length', 19, 4, 3],
      ['user_data', 23, 3, undefined],
    ]);
    expect(fields.at(-1)?.hex).toBe('0102ff');
  });

  it('breaks sticky user data inside member metadata into user_data.* fields', () => {
    const v = wire.stickyMemberMetadata[0]!;
    const labels = describeStickyMemberMetadata(fromHex(v.hex)).map((f) => f.label);
    expect(labels).toEqual([
      'version',
      'subscription count',
      'subscription[0] length',
      'subscription[0]',
      'subscription[1] length',
      'subscription[1]',
      'user_data length',
      'user_data.previous_assignment count',
      'user_data.previous_assignment[0].topic length',
      'user_data.previous_assignment[0].topic',
      'user_data.previous_assignment[0].partitions count',
      'user_data.previous_assignment[0].partitions[0]',
      'user_data.previous_assignment[0].partitions[1]',
      'user_data.previous_assignment[1].topic length',
      'user_data.previous_assignment[1].topic',
      'user_data.previous_assignment[1].partitions count',
      'user_data.previous_assignment[1].partitions[0]',
      'user_data.generation',
    ]);
  });

  it('throws the decoder error for bad input', () => {
    expectWireError(
      () => describeMemberAssignment(fromHex('0000')),
      'assignment count (int32) at offset 2',
    );
  });
});

describe('ByteReader and ByteWriter', () => {
  it('read what they write, reporting outer offsets and prefixes when nested', () => {
    const bytes = new ByteWriter().int16(-2, 'a').int32(-5, 'b').string('hé', 'c').finish();
    const spans: unknown[] = [];
    const reader = new ByteReader(bytes, {
      baseOffset: 100,
      labelPrefix: 'x.',
      recorder: (span) => spans.push(span),
    });
    expect([reader.int16('a'), reader.int32('b'), reader.string('c')]).toEqual([-2, -5, 'hé']);
    reader.end('test struct');
    expect(reader.offset).toBe(100 + bytes.length);
    expect(spans).toEqual([
      { label: 'x.a', offset: 100, length: 2, value: -2 },
      { label: 'x.b', offset: 102, length: 4, value: -5 },
      { label: 'x.c length', offset: 106, length: 2, value: 3 },
      { label: 'x.c', offset: 108, length: 3, value: 'hé' },
    ]);
  });

  it('writes every string as Int16 length and UTF-8, whether it takes the ASCII path or not', () => {
    const strings = [
      '',
      't000',
      'consumer-042',
      'x'.repeat(64), // the longest written by hand
      'x'.repeat(65),
      'hé',
      `${'a'.repeat(10)}é`, // ASCII first, then not: the bytes written so far are overwritten
      '\u{1F600}topic',
      '__proto__',
    ];
    const encoder = new TextEncoder();
    for (const text of strings) {
      const utf8 = encoder.encode(text);
      const expected = new Uint8Array(2 + utf8.length);
      new DataView(expected.buffer).setInt16(0, utf8.length);
      expected.set(utf8, 2);
      // After other bytes and growing past the writer's first buffer, as in a real struct.
      const written = new ByteWriter().int32(7, 'before').string(text, 's').int16(9, 'after');
      const bytes = written.finish();
      expect([...bytes.subarray(4, 4 + expected.length)]).toEqual([...expected]);
      expect([...bytes.subarray(4 + expected.length)]).toEqual([0, 9]);
    }
    expect(() => new ByteWriter().string('a\uD800', 's')).toThrow(/lone surrogate/);
  });

  it('reads from a subarray view at its own offsets', () => {
    const outer = fromHex('ffff' + wire.stickyUserData[1]!.hex + 'ffff');
    const inner = outer.subarray(2, outer.length - 2);
    expect(decodeStickyUserData(inner)).toEqual({
      previousAssignment: [['t0', [0, 1]]],
      generation: -1,
    });
  });
});

describe('ConsumerProtocolSubscription v3, as a Java consumer sends it', () => {
  // Laid out from Kafka's ConsumerProtocolSubscription.json (versions 0-3, not flexible):
  // version, topics, user_data, owned_partitions (v1+), generation_id (v2+), rack_id (v3+).
  const metadata = {
    version: 3,
    subscription: ['ab'],
    userData: new Uint8Array([0, 0, 0, 7]),
    ownedPartitions: [['ab', [1]] as const],
    generationId: 7,
    rackId: null,
  };
  const bytes = [
    ...[0, 3], // version
    ...[0, 0, 0, 1, 0, 2, 0x61, 0x62], // topics: ["ab"]
    ...[0, 0, 0, 4, 0, 0, 0, 7], // user_data: Int32 generation 7 (cooperative-sticky's)
    ...[0, 0, 0, 1, 0, 2, 0x61, 0x62, 0, 0, 0, 1, 0, 0, 0, 1], // owned: [("ab", [1])]
    ...[0, 0, 0, 7], // generation_id
    ...[0xff, 0xff], // rack_id: null
  ];

  it('encodes the v1-v3 fields after user_data', () => {
    expect([...encodeMemberMetadata(metadata)]).toEqual(bytes);
  });

  it('decodes them back', () => {
    expect(decodeMemberMetadata(new Uint8Array(bytes))).toEqual({
      ...metadata,
      ownedPartitions: [['ab', [1]]],
    });
  });

  it('leaves aiokafka’s v0 bytes alone whatever the version number says', () => {
    const v0 = { version: 1, subscription: ['ab'], userData: new Uint8Array() };
    expect(decodeMemberMetadata(encodeMemberMetadata(v0))).toEqual(v0);
    expect(encodeMemberMetadata(v0)).toHaveLength(2 + 8 + 4);
  });
});
