/**
 * Schemas of the aiokafka conformance data files (see test/conformance/README.md), so a
 * file from anywhere is checked before it is trusted, with messages that say where it is off.
 */
import { z } from 'zod';
import { describeIssues } from '../scenario/zodIssues';

const topicPartitions = z.tuple([z.string(), z.array(z.number().int())]);
const assignmentRecord = z.record(z.string(), z.record(z.string(), z.array(z.number().int())));

export const stickyPropertiesSchema = z.object({
  valid: z.boolean(),
  assignedCount: z.number().int().optional(),
  maxMinusMin: z.number().int(),
  balanceScore: z.number().int(),
});

const assignorExpectation = z.union([
  z.object({
    deterministic: z.literal(true),
    assignment: assignmentRecord,
    properties: stickyPropertiesSchema.optional(),
    hashOrderChoicePoints: z.record(z.string(), z.number()).optional(),
  }),
  z.object({
    deterministic: z.literal(true),
    error: z.object({ type: z.string(), message: z.string() }),
  }),
  z.object({
    deterministic: z.literal(false),
    outcomes: z.array(
      z.object({ assignment: assignmentRecord, properties: stickyPropertiesSchema }),
    ),
    propertiesAgree: z.boolean(),
    sharedProperties: stickyPropertiesSchema.nullable(),
  }),
]);
export type AssignorExpectation = z.infer<typeof assignorExpectation>;

export const conformanceMemberSchema = z.object({
  id: z.string(),
  subscription: z.array(z.string()),
  userData: z.object({ generation: z.number().int(), owned: z.array(topicPartitions) }).nullable(),
});
export type ConformanceMember = z.infer<typeof conformanceMemberSchema>;

export const conformanceGenerationSchema = z.looseObject({
  generation: z.number().int(),
  changes: z.array(z.string()).optional(),
  cluster: z.record(z.string(), z.number().int().nonnegative()),
  members: z.array(conformanceMemberSchema),
  expected: z.object({
    range: assignorExpectation,
    roundrobin: assignorExpectation,
    sticky: assignorExpectation,
  }),
});
export type ConformanceGeneration = z.infer<typeof conformanceGenerationSchema>;

export const conformanceScenarioSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  userDataMode: z.enum(['aiokafka', 'counter']),
  generations: z.array(conformanceGenerationSchema),
});
export type ConformanceScenario = z.infer<typeof conformanceScenarioSchema>;

export const assignorsFileSchema = z.looseObject({
  format: z.literal('aiokafka-assignor-conformance/1'),
  scenarios: z.array(conformanceScenarioSchema),
});
export type AssignorsFile = z.infer<typeof assignorsFileSchema>;

const sortedSetValue = z.union([
  z.number(),
  z.string(),
  z.tuple([z.string(), z.array(z.number())]),
]);
export type SortedSetValue = z.infer<typeof sortedSetValue>;

export const sortedSetOpSchema = z.looseObject({
  op: z.enum(['add', 'remove', 'contains', 'first', 'last', 'pop_last', 'iter', 'len']),
  value: sortedSetValue.optional(),
  expect: z.unknown().optional(),
  expectError: z.literal('KeyError').optional(),
  anyOf: z.array(sortedSetValue).optional(),
  groups: z.array(z.array(sortedSetValue)).optional(),
  observed: z.array(z.unknown()).optional(),
});
export type SortedSetOp = z.infer<typeof sortedSetOpSchema>;

export const sortedSetFileSchema = z.looseObject({
  format: z.literal('aiokafka-sortedset-vectors/1'),
  vectors: z.array(
    z.looseObject({
      name: z.string(),
      key: z.enum(['identity', 'negate', 'subscription', 'mod10', 'length']),
      initial: z.array(sortedSetValue).optional(),
      ops: z.array(sortedSetOpSchema),
    }),
  ),
});
export type SortedSetFile = z.infer<typeof sortedSetFileSchema>;

const movementOp = z.union([
  z.object({
    op: z.enum(['move', 'partitionToBeMoved']),
    topic: z.string(),
    partition: z.number().int(),
    from: z.string(),
    to: z.string(),
    expect: z.tuple([z.string(), z.number().int()]).optional(),
    expectOneOf: z.array(z.tuple([z.string(), z.number().int()])).optional(),
  }),
  z.object({ op: z.literal('areSticky'), expect: z.boolean() }),
]);
export type MovementOp = z.infer<typeof movementOp>;

export const partitionMovementsFileSchema = z.looseObject({
  format: z.literal('aiokafka-partition-movements-vectors/1'),
  vectors: z.array(z.looseObject({ name: z.string(), ops: z.array(movementOp) })),
});
export type PartitionMovementsFile = z.infer<typeof partitionMovementsFileSchema>;

const wireVector = z.looseObject({ hex: z.string() });
export const wireFileSchema = z.looseObject({
  format: z.literal('aiokafka-wire-vectors/1'),
  memberMetadata: z.array(
    wireVector.extend({
      version: z.number().int(),
      subscription: z.array(z.string()),
      userDataHex: z.string(),
    }),
  ),
  memberAssignment: z.array(
    wireVector.extend({
      version: z.number().int(),
      assignment: z.array(topicPartitions),
      userDataHex: z.string(),
    }),
  ),
  stickyUserData: z.array(
    wireVector.extend({
      previousAssignment: z.array(topicPartitions),
      generation: z.number().int(),
    }),
  ),
  stickyMemberMetadata: z
    .array(
      wireVector.extend({
        subscription: z.array(z.string()),
        ownedPartitions: z.array(z.tuple([z.string(), z.number().int()])),
        generation: z.number().int(),
      }),
    )
    .optional(),
});
export type WireFile = z.infer<typeof wireFileSchema>;

export type ConformanceFile =
  | { kind: 'assignors'; data: AssignorsFile }
  | { kind: 'sortedset'; data: SortedSetFile }
  | { kind: 'partition-movements'; data: PartitionMovementsFile }
  | { kind: 'wire'; data: WireFile };

/** Bad input: the message says what is wrong and where. */
export class ConformanceFormatError extends Error {
  override readonly name = 'ConformanceFormatError';
}

const schemasByFormat = {
  'aiokafka-assignor-conformance/1': ['assignors', assignorsFileSchema],
  'aiokafka-sortedset-vectors/1': ['sortedset', sortedSetFileSchema],
  'aiokafka-partition-movements-vectors/1': ['partition-movements', partitionMovementsFileSchema],
  'aiokafka-wire-vectors/1': ['wire', wireFileSchema],
} as const;

/** Parses a conformance file of any known format, chosen by its `format` field. */
export function parseConformanceFile(text: string): ConformanceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConformanceFormatError(`not valid JSON: ${(error as Error).message}`);
  }
  const format =
    typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (typeof format !== 'string' || !Object.hasOwn(schemasByFormat, format)) {
    throw new ConformanceFormatError(
      `unknown format ${JSON.stringify(format)}; expected one of ${Object.keys(schemasByFormat).join(', ')}`,
    );
  }
  const [kind, schema] = schemasByFormat[format as keyof typeof schemasByFormat];
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ConformanceFormatError(`${format}: ${describeIssues(parsed.error)}`);
  }
  return { kind, data: parsed.data } as ConformanceFile;
}
