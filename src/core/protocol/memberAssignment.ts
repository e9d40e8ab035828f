/**
 * `ConsumerProtocolMemberAssignment`: version Int16, assignment Array(topic String,
 * partitions Array(Int32)), user_data Bytes. The (topic, partitions) array is shared with
 * the sticky user data, so its reader and writer live here too.
 */

import type { MemberAssignment, TopicPartition, TopicPartitions } from '../types';
import { ByteReader, ByteWriter } from './wire';

// Smallest encoding of one item, so a corrupt count fails at the count, not items later.
const MIN_TOPIC_PARTITIONS_BYTES = 2 + 4; // empty topic name + empty partition array
const INT32_BYTES = 4;

export function writeTopicPartitionsArray(
  writer: ByteWriter,
  entries: readonly TopicPartitions[],
  label: string,
): void {
  writer.count(entries.length, label);
  entries.forEach(([topic, partitions], i) => {
    writer.string(topic, `${label}[${i}].topic`);
    writer.count(partitions.length, `${label}[${i}].partitions`);
    writer.int32Items(partitions, (j) => `${label}[${i}].partitions[${j}]`);
  });
}

export function readTopicPartitionsArray(reader: ByteReader, label: string): TopicPartitions[] {
  const entries: TopicPartitions[] = [];
  const count = reader.count(label, MIN_TOPIC_PARTITIONS_BYTES);
  for (let i = 0; i < count; i++) {
    const topic = reader.string(`${label}[${i}].topic`);
    const partitionCount = reader.count(`${label}[${i}].partitions`, INT32_BYTES);
    const partitions = reader.int32Items(partitionCount, (j) => `${label}[${i}].partitions[${j}]`);
    entries.push([topic, partitions]);
  }
  return entries;
}

export function writeMemberAssignment(writer: ByteWriter, assignment: MemberAssignment): void {
  writer.int16(assignment.version, 'version');
  writeTopicPartitionsArray(writer, assignment.assignment, 'assignment');
  writer.bytes(assignment.userData, 'user_data');
}

export function readMemberAssignment(reader: ByteReader): MemberAssignment {
  const version = reader.int16('version');
  const assignment = readTopicPartitionsArray(reader, 'assignment');
  const userData = reader.bytes('user_data');
  return { version, assignment, userData };
}

export function encodeMemberAssignment(assignment: MemberAssignment): Uint8Array<ArrayBuffer> {
  const writer = new ByteWriter();
  writeMemberAssignment(writer, assignment);
  return writer.finish();
}

/** Decodes a whole buffer; trailing bytes are an error. */
export function decodeMemberAssignment(bytes: Uint8Array): MemberAssignment {
  const reader = new ByteReader(bytes);
  const assignment = readMemberAssignment(reader);
  reader.end('member assignment');
  return assignment;
}

/** Every (topic, partition) of the assignment, flattened in wire order. */
export function assignmentPartitions(assignment: MemberAssignment): TopicPartition[] {
  return assignment.assignment.flatMap(([topic, partitions]) =>
    partitions.map((partition) => ({ topic, partition })),
  );
}
