/**
 * `ConsumerProtocolMemberMetadata` (Kafka: `ConsumerProtocolSubscription`): version Int16,
 * subscription Array(String), user_data Bytes — all aiokafka sends (v0). A Java consumer adds,
 * from v1 on, owned_partitions Array(topic String, partitions Array(Int32)); from v2,
 * generation_id Int32; from v3, rack_id nullable String. Those fields are written when the
 * metadata carries owned partitions (a Java consumer's), so aiokafka's bytes stay v0 whatever
 * version number a custom assignor puts in them, and read when a version 1+ message has bytes
 * left after user_data.
 */

import type { MemberMetadata, Topic } from '../types';
import { readTopicPartitionsArray, writeTopicPartitionsArray } from './memberAssignment';
import { ByteReader, ByteWriter } from './wire';

const MIN_STRING_BYTES = 2;
const NO_GENERATION = -1;

export function writeMemberMetadata(writer: ByteWriter, metadata: MemberMetadata): void {
  writer.int16(metadata.version, 'version');
  writer.count(metadata.subscription.length, 'subscription');
  metadata.subscription.forEach((topic, i) => writer.string(topic, `subscription[${i}]`));
  writer.bytes(metadata.userData, 'user_data');
  if (metadata.ownedPartitions === undefined || metadata.version < 1) return;
  writeTopicPartitionsArray(writer, metadata.ownedPartitions, 'owned_partitions');
  if (metadata.version < 2) return;
  writer.int32(metadata.generationId ?? NO_GENERATION, 'generation_id');
  if (metadata.version < 3) return;
  writer.nullableString(metadata.rackId ?? null, 'rack_id');
}

export function readMemberMetadata(reader: ByteReader): MemberMetadata {
  const version = reader.int16('version');
  const count = reader.count('subscription', MIN_STRING_BYTES);
  const subscription: Topic[] = [];
  for (let i = 0; i < count; i++) subscription.push(reader.string(`subscription[${i}]`));
  const userData = reader.bytes('user_data');
  if (version < 1 || reader.remaining === 0) return { version, subscription, userData };
  const ownedPartitions = readTopicPartitionsArray(reader, 'owned_partitions');
  if (version < 2) return { version, subscription, userData, ownedPartitions };
  const generationId = reader.int32('generation_id');
  if (version < 3) return { version, subscription, userData, ownedPartitions, generationId };
  const rackId = reader.nullableString('rack_id');
  return { version, subscription, userData, ownedPartitions, generationId, rackId };
}

export function encodeMemberMetadata(metadata: MemberMetadata): Uint8Array<ArrayBuffer> {
  const writer = new ByteWriter();
  writeMemberMetadata(writer, metadata);
  return writer.finish();
}

/** Decodes a whole buffer; trailing bytes are an error. */
export function decodeMemberMetadata(bytes: Uint8Array): MemberMetadata {
  const reader = new ByteReader(bytes);
  const metadata = readMemberMetadata(reader);
  reader.end('member metadata');
  return metadata;
}
