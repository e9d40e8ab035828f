/**
 * The exact bytes a member sent or received, as a labelled table: one row per Kafka primitive,
 * with its offset, field name, hex and decoded value. The rows come from the protocol
 * decoders' own span recording, so what is shown here cannot disagree with real decoding.
 */
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import {
  describeMemberAssignment,
  describeMemberMetadata,
  describeStickyMemberMetadata,
  toHex,
  type WireField,
} from '../core/protocol';
import './panels.css';

/**
 * What the bytes are. `sticky-member-metadata` is member metadata whose user_data is read as
 * sticky user data; if it is not (a custom assignor, a corrupt buffer), user_data is shown
 * as plain bytes instead.
 */
export type WireBytesKind = 'member-metadata' | 'sticky-member-metadata' | 'member-assignment';

export interface WireBytesProps {
  bytes: Uint8Array;
  kind: WireBytesKind;
  /** Names the field table for screen readers; defaults to a name derived from `kind`. */
  label?: string;
}

/**
 * Rows shown before "Show all": an assignment of a few hundred partitions is one row per
 * partition, and a drawer of hundreds of rows buries the header fields people look for.
 */
export const WIRE_ROW_LIMIT = 60;

/** Bytes per line of the raw dump shown when decoding fails. */
const DUMP_WIDTH = 16;

const KIND_NAMES: Record<WireBytesKind, string> = {
  'member-metadata': 'member metadata',
  'sticky-member-metadata': 'member metadata',
  'member-assignment': 'member assignment',
};

type Decoded =
  { ok: true; fields: WireField[]; note: string | undefined } | { ok: false; error: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function decode(bytes: Uint8Array, kind: WireBytesKind): Decoded {
  try {
    switch (kind) {
      case 'member-assignment':
        return { ok: true, fields: describeMemberAssignment(bytes), note: undefined };
      case 'member-metadata':
        return { ok: true, fields: describeMemberMetadata(bytes), note: undefined };
      case 'sticky-member-metadata':
        try {
          return { ok: true, fields: describeStickyMemberMetadata(bytes), note: undefined };
        } catch (stickyError) {
          // The metadata itself may be fine and only user_data foreign to sticky: still break
          // down what we can (this throws again, to the outer catch, if the metadata is bad).
          const fields = describeMemberMetadata(bytes);
          return {
            ok: true,
            fields,
            note: `user_data is not valid sticky user data (${messageOf(stickyError)}), so it is shown as raw bytes.`,
          };
        }
    }
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

/** `0001000a` → `00 01 00 0a`: byte boundaries are what a reader counts. */
function spaced(hex: string): string {
  return hex.replace(/(..)(?=.)/g, '$1 ');
}

/** Classic offset + 16 bytes per line dump, for bytes that did not decode. */
function dump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += DUMP_WIDTH) {
    const offset = at.toString(16).padStart(4, '0');
    lines.push(`${offset}  ${spaced(toHex(bytes.subarray(at, at + DUMP_WIDTH)))}`);
  }
  return lines.join('\n');
}

/**
 * Offers line breaks after dots and before brackets, so a long label such as
 * `user_data.previous_assignment[0].partitions count` wraps between its parts rather than
 * mid-word in the narrow field column.
 */
function breakable(label: string): ReactNode {
  const parts = label.split(/(?<=\.)|(?=\[)/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

function formatValue(value: string | number | undefined): string {
  if (value === undefined) return '';
  // Quoted so an empty topic name shows as "" rather than as nothing.
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function WireBytes({ bytes, kind, label }: WireBytesProps) {
  const decoded = useMemo(() => decode(bytes, kind), [bytes, kind]);
  // Deliberately not reset when `bytes` changes: someone stepping through generations with
  // every field shown wants to keep seeing every field.
  const [showAll, setShowAll] = useState(false);
  const [copied, setCopied] = useState(false);
  const tableLabel = label ?? `Fields of the ${KIND_NAMES[kind]}`;

  const copy = () => {
    // Clipboard access can be missing (insecure context) or refused; copying is a convenience,
    // so a failure is simply ignored.
    navigator.clipboard?.writeText(toHex(bytes)).then(
      () => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      },
      () => undefined,
    );
  };

  const fieldCount = decoded.ok ? decoded.fields.length : 0;
  const rows = decoded.ok
    ? showAll
      ? decoded.fields
      : decoded.fields.slice(0, WIRE_ROW_LIMIT)
    : [];

  return (
    <div className="wire-bytes stack">
      <div className="row wire-bytes-bar">
        <span className="muted">
          {bytes.length} {bytes.length === 1 ? 'byte' : 'bytes'}
          {decoded.ok && `, ${fieldCount} ${fieldCount === 1 ? 'field' : 'fields'}`}
        </span>
        <span className="spacer" />
        {/* Kept out of the button's name so the control is always called "Copy hex". */}
        <span role="status" className="wire-copied">
          {copied ? 'Copied' : ''}
        </span>
        <button type="button" className="small" onClick={copy}>
          Copy hex
        </button>
      </div>

      {decoded.ok ? (
        <>
          {decoded.note !== undefined && <p className="wire-note">{decoded.note}</p>}
          <table className="data wire-table" aria-label={tableLabel}>
            <colgroup>
              <col className="wire-col-offset" />
              <col className="wire-col-field" />
              <col className="wire-col-hex" />
              <col className="wire-col-value" />
            </colgroup>
            <thead>
              <tr>
                <th className="num" scope="col">
                  offset
                </th>
                <th scope="col">field</th>
                <th scope="col">hex</th>
                <th scope="col">value</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((field) => (
                // A buffer never has two fields at the same offset with the same label.
                <tr key={`${field.offset}:${field.label}`}>
                  <td className="num mono">{field.offset}</td>
                  <td className="mono wire-label">{breakable(field.label)}</td>
                  <td className="mono wire-hex">
                    {field.length === 0 ? (
                      <span className="muted">(empty)</span>
                    ) : (
                      spaced(field.hex)
                    )}
                  </td>
                  <td className="mono wire-value">{formatValue(field.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {fieldCount > WIRE_ROW_LIMIT && (
            <div>
              <button
                type="button"
                className="small"
                aria-expanded={showAll}
                onClick={() => setShowAll(!showAll)}
              >
                {showAll
                  ? `Show the first ${WIRE_ROW_LIMIT} fields`
                  : `Show all ${fieldCount} fields`}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="wire-error" role="alert">
            These bytes do not decode as {KIND_NAMES[kind]}: {decoded.error}
          </p>
          <pre className="mono wire-raw" aria-label="Raw bytes in hex">
            {bytes.length === 0 ? '(no bytes)' : dump(bytes)}
          </pre>
        </>
      )}
    </div>
  );
}
