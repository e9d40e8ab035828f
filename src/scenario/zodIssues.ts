import type { z } from 'zod';
import { toDotPath } from 'zod/v4/core';

// The one wording of a zod failure for every file reader (scenario, results, conformance
// vectors). It lives in the lowest layer that reads files, so the readers above it import down.

/** A 10 kB key in a path would bury the message: keys are quoted up to 40 characters. */
function shortKey(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

/** zod issues as `at scenarios[3].generations[0].cluster.t1: expected number`. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    // zod's own path notation (`steps[1].changes[0]`, `cluster["my-topic"]`), keys shortened.
    const path = toDotPath(
      issue.path.map((part) => (typeof part === 'string' ? shortKey(part) : part)),
    );
    // A record key that fails its schema: say why the key fails, not just "Invalid key".
    const message =
      issue.code === 'invalid_key' && issue.issues[0] !== undefined
        ? `the key ${issue.issues[0].message}`
        : issue.message;
    return `${path === '' ? 'the top level' : `at ${path}`}: ${message}`;
  });
  const more = error.issues.length - limit;
  return lines.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

/**
 * Unknown object keys for a message: the first three, quoted and shortened, then how many
 * more. A hostile file can hold thousands of keys of any length; the message stays short.
 */
export function quotedKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).map((key) => JSON.stringify(shortKey(key)));
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}

/**
 * The error option of a strict object: an unknown field is named (briefly, {@link quotedKeys})
 * with the fields the object does have; other issues keep zod's own message.
 */
export function unknownFieldError(has: string) {
  return (issue: { code: string; keys?: readonly string[] }): string | undefined =>
    issue.code === 'unrecognized_keys'
      ? `unknown field ${quotedKeys(issue.keys ?? [])}: ${has}`
      : undefined;
}

/** A value found where it should not be, quoted for a message and cut after 60 characters. */
export function quotedValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
