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
