/**
 * The runner's check of everything a sandbox sends. A response arrives as JSON text: it is
 * refused by its length before any parsing, parsed into plain data, and validated with a
 * schema that bounds every array and string. Anything that fails becomes a problem in words
 * for the supervisor to turn into a verdict; nothing here throws.
 */
import { z } from 'zod';
import { clipText } from './clipText';
import type { SandboxResponse } from './protocol';

export { clipText, MAX_SHOWN_CHARS } from './clipText';

/** Largest response accepted, in UTF-16 code units of its JSON text (16 Mi). */
export const MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

/** Bounds on one generation's data; a legal scenario stays far below them. */
export const MESSAGE_LIMITS = {
  /** Member ids and topic names in results (a scenario allows 249). */
  nameLength: 1000,
  members: 100_000,
  topicsPerMember: 100_000,
  partitionsPerTopic: 1_000_000,
  userDataBytes: 1024 * 1024,
} as const;

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const shown = z.string().transform((text) => clipText(text));
const name = z.string().max(MESSAGE_LIMITS.nameLength);
const int16 = z.number().int().min(-0x8000).max(0x7fff);
const int32 = z.number().int().min(-0x80000000).max(0x7fffffff);
const bytes = z.array(z.number().int().min(0).max(255)).max(MESSAGE_LIMITS.userDataBytes);

const metadataSchema = z.object({
  version: int16,
  subscription: z.array(name).max(MESSAGE_LIMITS.topicsPerMember),
  userData: bytes,
});

const memberAssignmentSchema = z.object({
  version: int16,
  assignment: z
    .array(z.tuple([name, z.array(int32).max(MESSAGE_LIMITS.partitionsPerTopic)]))
    .max(MESSAGE_LIMITS.topicsPerMember),
  userData: bytes,
});

const responseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading'), id }),
  z.object({
    type: z.literal('loaded'),
    id,
    assignorName: z.string().transform((text) => clipText(text, 200)),
    style: z.enum(['static-class', 'instance-class', 'object']),
  }),
  z.object({
    type: z.literal('generation'),
    id,
    generation: z.number().int().min(1),
    metadata: z.array(z.tuple([name, metadataSchema])).max(MESSAGE_LIMITS.members),
    assignment: z
      .array(z.tuple([name, memberAssignmentSchema]))
      .max(MESSAGE_LIMITS.members)
      .nullable(),
    error: shown.nullable(),
    lateError: shown.nullable(),
  }),
  z.object({ type: z.literal('done'), id }),
  z.object({
    type: z.literal('load-error'),
    id,
    error: z.object({
      message: shown,
      line: z.number().int().min(1).optional(),
      column: z.number().int().min(1).optional(),
    }),
  }),
  z.object({ type: z.literal('failed'), id, message: shown }),
]);

export type ParsedSandboxMessage =
  { ok: true; response: SandboxResponse } | { ok: false; problem: string };

/** Where in the message zod found the first problem, e.g. `assignment[0][1].version`. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'it does not match the protocol';
  const path = issue.path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
  return clipText(`${path === '' ? 'the message' : path}: ${issue.message}`, 300);
}

/** Reads one message from a sandbox: JSON text of a {@link SandboxResponse}, or a problem. */
export function parseSandboxMessage(raw: unknown): ParsedSandboxMessage {
  if (typeof raw !== 'string') {
    return {
      ok: false,
      problem: `the sandbox sent a ${raw === null ? 'null' : typeof raw}, not protocol text`,
    };
  }
  if (raw.length > MAX_MESSAGE_CHARS) {
    return {
      ok: false,
      problem: `the sandbox sent a message of ${raw.length} characters, more than the limit of ${MAX_MESSAGE_CHARS}`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'the sandbox sent a message that is not JSON' };
  }
  const parsed = responseSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problem: `the sandbox sent a malformed message (${describeIssue(parsed.error)})`,
    };
  }
  return { ok: true, response: parsed.data as SandboxResponse };
}
