/**
 * The shape of test/conformance/kafka/cooperative-sticky.json and sticky.json (see the README
 * beside them), for the tests that read them: the assignors' own conformance test and the
 * scenario replay test.
 */
import { z } from 'zod';

const owned = z.array(z.tuple([z.string(), z.array(z.number().int())]));

export const cooperativeStickyCall = z.object({
  name: z.string(),
  topics: z.record(z.string(), z.number().int()),
  members: z.array(
    z.object({
      id: z.string(),
      subscription: z.array(z.string()),
      owned,
      generation: z.number().int(),
    }),
  ),
  expected: z.record(z.string(), owned).optional(),
  error: z.string().optional(),
});
export type CooperativeStickyCall = z.infer<typeof cooperativeStickyCall>;

const vectorFile = z.object({
  kafkaCommit: z.string(),
  calls: z.array(cooperativeStickyCall),
  chains: z.array(
    z.object({
      name: z.string(),
      cluster: z.record(z.string(), z.number().int()),
      /** Each step's changes are playground scenario changes; `rounds` name its calls. */
      steps: z.array(z.object({ changes: z.array(z.unknown()), rounds: z.array(z.string()) })),
    }),
  ),
});

/** Where the vectors live, from the repository root (where the tests run), by Java assignor. */
export const JAVA_VECTOR_FILES = {
  'cooperative-sticky': 'test/conformance/kafka/cooperative-sticky.json',
  'java-sticky': 'test/conformance/kafka/sticky.json',
} as const;

/** The file's contents, checked; the tests read it (core code touches no file system). */
export function parseJavaStickyVectors(json: unknown): z.infer<typeof vectorFile> {
  return vectorFile.parse(json);
}

/**
 * A member's assignment in the vectors' shape: topics by name, partitions ascending, topics
 * without partitions left out.
 */
export function asVectorAssignment(
  assignment: readonly (readonly [string, readonly number[]])[],
): (readonly [string, number[]])[] {
  return assignment
    .filter(([, ps]) => ps.length > 0)
    .map(([topic, ps]) => [topic, [...ps].sort((a, b) => a - b)] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
