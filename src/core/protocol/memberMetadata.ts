/**
 * `ConsumerProtocolMemberMetadata`: version Int16, subscription Array(String),
 * user_data Bytes.
 */

import type { MemberMetadata, Topic } from '../types';
import { ByteReader, ByteWriter } from './wire';

const MIN_STRING_BYTES = 2;

export function writeMemberMetadata(writer: ByteWriter, metadata: MemberMetadata): void {
  writer.int16(metadata.version, 'version');
  writer.count(metadata.subscription.length, 'subscription');
  metadata.subscription.forEach((topic, i) => writer.string(topic, `subscription[${i}]`));
  writer.bytes(metadata.userData, 'user_data');
}

export function readMemberMetadata(reader: ByteReader): MemberMetadata {
  const version = reader.int16('version');
  const count = reader.count('subscription', MIN_STRING_BYTES);
  const subscription: Topic[] = [];
  for (let i = 0; i < count; i++) subscription.push(reader.string(`subscription[${i}]`));
  const userData = reader.bytes('user_data');
  return { version, subscription, userData };
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
