import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServerRangeAssignor, ServerUniformAssignor } from './index';
import type { ServerAssignor } from './types';

/**
 * Every vector in test/conformance/kafka/server-assignors.json was computed by Kafka's own Java
 * `UniformAssignor` / server-side `RangeAssignor` (see the README next to it); the port must give
 * exactly the same target assignment.
 */
const vectorFile = z.object({
  cases: z.array(
    z.object({
      name: z.string(),
      assignor: z.enum(['uniform', 'range']),
      topics: z.array(z.object({ name: z.string(), id: z.string(), partitions: z.number().int() })),
      members: z.array(
        z.object({
          id: z.string(),
          instanceId: z.string().optional(),
          subscription: z.array(z.string()),
          current: z.array(z.tuple([z.string(), z.array(z.number().int())])),
        }),
      ),
      expected: z.record(z.string(), z.record(z.string(), z.array(z.number().int()))),
    }),
  ),
});

const { cases } = vectorFile.parse(
  JSON.parse(readFileSync('test/conformance/kafka/server-assignors.json', 'utf8')),
);

const assignors: Record<'uniform' | 'range', ServerAssignor> = {
  uniform: new ServerUniformAssignor(),
  range: new ServerRangeAssignor(),
};

describe('KIP-848 server-side assignors match Kafka', () => {
  it('has vectors for both assignors, homogeneous and heterogeneous, with current assignments', () => {
    for (const name of [
      'uniform/homogeneous',
      'uniform/heterogeneous',
      'range/homogeneous',
      'range/heterogeneous',
    ]) {
      expect(cases.filter((c) => c.name.startsWith(name)).length).toBeGreaterThan(50);
    }
    expect(cases.some((c) => c.members.some((m) => m.current.length > 0))).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    expect(assignors[vector.assignor].assign(vector)).toEqual(vector.expected);
  });
});
