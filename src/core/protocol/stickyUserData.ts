/**
 * `StickyAssignorUserDataV1`: previous_assignment Array(topic String, partitions
 * Array(Int32)), generation Int32. A sticky member sends it as its metadata's user_data.
 */

import type { StickyUserData, TopicPartition, TopicPartitions } from '../types';
import { readTopicPartitionsArray, writeTopicPartitionsArray } from './memberAssignment';
import { ByteReader, ByteWriter } from './wire';

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
