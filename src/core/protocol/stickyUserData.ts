/**
 * `StickyAssignorUserDataV1`: previous_assignment Array(topic String, partitions
 * Array(Int32)), generation Int32. A sticky member sends it as its metadata's user_data.
 */

import type { StickyUserData, TopicPartition, TopicPartitions } from '../types';
import { readTopicPartitionsArray, writeTopicPartitionsArray } from './memberAssignment';
import { Utf8Cache } from './text';
import { ByteReader, ByteWriter } from './wire';

export { Utf8Cache } from './text';

export function writeStickyUserData(writer: ByteWriter, data: StickyUserData): void {
  writeTopicPartitionsArray(writer, data.previousAssignment, 'previous_assignment');
  writer.int32(data.generation, 'generation');
}

export function readStickyUserData(reader: ByteReader): StickyUserData {
  const previousAssignment = readTopicPartitionsArray(reader, 'previous_assignment');
  const generation = reader.int32('generation');
  return { previousAssignment, generation };
}

export function encodeStickyUserData(data: StickyUserData): Uint8Array<ArrayBuffer> {
  const writer = new ByteWriter();
  writeStickyUserData(writer, data);
  return writer.finish();
}

/** Decodes a whole buffer; trailing bytes are an error. */
export function decodeStickyUserData(bytes: Uint8Array): StickyUserData {
  const reader = new ByteReader(bytes);
  const data = readStickyUserData(reader);
  reader.end('sticky user data');
  return data;
}

/**
 * Groups partitions by topic, topics in order of first appearance and partitions in the
 * given order: the shape a sticky member puts in `previous_assignment`.
 */
export function groupByTopic(partitions: Iterable<TopicPartition>): TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = byTopic.get(topic);
    if (list === undefined) byTopic.set(topic, [partition]);
    else list.push(partition);
  }
  return [...byTopic];
}

/**
 * {@link decodeStickyUserData} for a leader decoding many members: the same result, with
 * topic names shared through `names`. Well-formed data is read in one pass straight off the
 * bytes; anything else (a bad count or length, invalid UTF-8, trailing bytes) goes through
 * `decodeStickyUserData`, so errors and their messages are exactly its own.
 */
export function decodeStickyUserDataCached(bytes: Uint8Array, names: Utf8Cache): StickyUserData {
  return readWellFormed(bytes, names) ?? decodeStickyUserData(bytes);
}

function readWellFormed(bytes: Uint8Array, names: Utf8Cache): StickyUserData | undefined {
  const end = bytes.length;
  if (end < 4) return undefined;
  const count = int32At(bytes, 0);
  // Each entry takes at least 6 bytes, so a count that cannot fit fails below anyway.
  if (count < 0 || count > (end - 4) / 6) return undefined;
  const previousAssignment = new Array<TopicPartitions>(count);
  let at = 4;
  for (let i = 0; i < count; i++) {
    if (at + 2 > end) return undefined;
    const length = int16At(bytes, at);
    at += 2;
    if (length < 0 || at + length > end) return undefined;
    const topic = names.decode(bytes, at, length, i);
    if (topic === undefined) return undefined;
    at += length;
    if (at + 4 > end) return undefined;
    const partitionCount = int32At(bytes, at);
    at += 4;
    if (partitionCount < 0 || at + 4 * partitionCount > end) return undefined;
    let partitions: readonly number[];
    const first = partitionCount === 1 ? int32At(bytes, at) : -1;
    if (first >= 0 && first < 0x10000) {
      // Most claims of a large group name one partition of a topic: share those lists.
      partitions = names.singletons[first] ?? (names.singletons[first] = [first]);
      at += 4;
    } else {
      const list = new Array<number>(partitionCount);
      for (let j = 0; j < partitionCount; j++, at += 4) list[j] = int32At(bytes, at);
      partitions = list;
    }
    previousAssignment[i] = [topic, partitions];
  }
  if (at + 4 !== end) return undefined;
  return { previousAssignment, generation: int32At(bytes, at) };
}

// Big-endian reads straight off the bytes: a DataView per member costs more than the reads.
function int32At(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) << 24) |
    ((bytes[at + 1] as number) << 16) |
    ((bytes[at + 2] as number) << 8) |
    (bytes[at + 3] as number) |
    0
  );
}

function int16At(bytes: Uint8Array, at: number): number {
  return ((((bytes[at] as number) << 8) | (bytes[at + 1] as number)) << 16) >> 16;
}
