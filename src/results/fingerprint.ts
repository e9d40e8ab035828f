/**
 * A scenario's fingerprint: the SHA-256 of its canonical JSON, so a results file says which
 * scenario it is of and two results files of different scenarios are never compared.
 *
 * Pure and synchronous (WebCrypto's digest is async and not in every context), so it uses
 * @noble/hashes' SHA-256 over `TextEncoder`'s UTF-8: the same in the page, the worker and Node.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { compareCodeUnits } from '../core/compare';
import type { Scenario } from '../scenario/types';

/** Lone surrogates become U+FFFD, which results files written before keep relying on. */
const utf8 = new TextEncoder();

/**
 * What decides a replay's outcome: the user data mode, the starting cluster and every step's
 * changes. Names, descriptions and step notes are left out, so renaming a scenario or
 * rewording a note keeps its results comparable.
 */
export function canonicalScenario(scenario: Scenario): unknown {
  return {
    userDataMode: scenario.userDataMode,
    cluster: scenario.cluster,
    steps: scenario.steps.map((step) => step.changes),
  };
}

/** `sha256:` and 64 hex digits. */
export function scenarioFingerprint(scenario: Scenario): string {
  return `sha256:${sha256Hex(canonicalJson(canonicalScenario(scenario)))}`;
}

/** The first hex digits of a fingerprint, for messages. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace: equal values give
 * equal text whatever order their keys were written in. `undefined` fields are left out.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort(compareCodeUnits)
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8.encode(text)));
}
