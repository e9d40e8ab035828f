/** Kafka consumer-protocol codecs: member metadata, member assignment, sticky user data. */

export {
  ByteReader,
  ByteWriter,
  WireFormatError,
  fromHex,
  toHex,
  type ReaderOptions,
  type Span,
  type SpanRecorder,
} from './wire';
export {
  decodeMemberMetadata,
  encodeMemberMetadata,
  readMemberMetadata,
  writeMemberMetadata,
} from './memberMetadata';
export {
  assignmentPartitions,
  decodeMemberAssignment,
  encodeMemberAssignment,
  readMemberAssignment,
  readTopicPartitionsArray,
  writeMemberAssignment,
  writeTopicPartitionsArray,
} from './memberAssignment';
export {
  decodeStickyUserData,
  decodeStickyUserDataCached,
  encodeStickyUserData,
  Utf8Cache,
  groupByTopic,
  readStickyUserData,
  writeStickyUserData,
} from './stickyUserData';
export {
  describeMemberAssignment,
  describeMemberMetadata,
  describeStickyMemberMetadata,
  describeStickyUserData,
  type WireField,
} from './fields';
