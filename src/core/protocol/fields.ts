/**
 * Labelled byte spans for the wire inspector. They come from the decoders themselves (the
 * ByteReader reports each primitive it reads), so the breakdown cannot disagree with decoding.
 */

import { readMemberAssignment } from './memberAssignment';
import { readMemberMetadata } from './memberMetadata';
import { readStickyUserData } from './stickyUserData';
import { ByteReader, toHex, type Span } from './wire';

export interface WireField {
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  readonly hex: string;
  readonly value?: string | number;
}

function field(bytes: Uint8Array, span: Span): WireField {
  return { ...span, hex: toHex(bytes.subarray(span.offset, span.offset + span.length)) };
}

/** Runs `read` over the whole buffer and returns one field per primitive, in order. */
function describe(
  bytes: Uint8Array,
  what: string,
  read: (reader: ByteReader) => void,
): WireField[] {
  const fields: WireField[] = [];
  const reader = new ByteReader(bytes, { recorder: (span) => fields.push(field(bytes, span)) });
  read(reader);
  reader.end(what);
  return fields;
}

export function describeMemberMetadata(bytes: Uint8Array): WireField[] {
  return describe(bytes, 'member metadata', readMemberMetadata);
}

export function describeMemberAssignment(bytes: Uint8Array): WireField[] {
  return describe(bytes, 'member assignment', readMemberAssignment);
}

export function describeStickyUserData(bytes: Uint8Array): WireField[] {
  return describe(bytes, 'sticky user data', readStickyUserData);
}

/**
 * Member metadata whose user_data is sticky user data: the user_data bytes are broken into
 * sticky fields labelled `user_data.…`, at their offsets in the whole buffer. Empty user_data
 * (a new or restarted member) stays a single empty `user_data` field.
 */
export function describeStickyMemberMetadata(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  const record = (span: Span): void => {
    if (span.label !== 'user_data' || span.length === 0) {
      fields.push(field(bytes, span));
      return;
    }
    const userData = bytes.subarray(span.offset, span.offset + span.length);
    const nested = new ByteReader(userData, {
      recorder: (inner) => fields.push(field(bytes, inner)),
      baseOffset: span.offset,
      labelPrefix: 'user_data.',
    });
    readStickyUserData(nested);
    nested.end('user_data (sticky user data)');
  };
  const reader = new ByteReader(bytes, { recorder: record });
  readMemberMetadata(reader);
  reader.end('member metadata');
  return fields;
}
