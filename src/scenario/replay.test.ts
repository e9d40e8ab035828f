import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor, BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import { decodeMemberMetadata, decodeStickyUserData } from '../core/protocol';
import { parseConformanceFile } from '../conformance/formats';
import { sameAssignment } from '../conformance/assignors';
import { scenarioFromConformance } from '../conformance/scenario';
import { replayAll, type GenerationResult } from './replay';
import type { Scenario } from './types';

const file = parseConformanceFile(readFileSync('test/conformance/assignors.json', 'utf8'));
if (file.kind !== 'assignors') throw new Error('expected the assignor data');
const randomScenarios = file.data.scenarios.filter((s) => s.name.startsWith('random/'));

function stickyUserData(bytes: Uint8Array) {
  const { userData } = decodeMemberMetadata(bytes);
  if (userData.length === 0) return null;
  const { previousAssignment, generation } = decodeStickyUserData(userData);
  return { generation, owned: previousAssignment };
}

function record(generation: GenerationResult) {
  return Object.fromEntries(
    generation.members.map((m) => [
      m.id,
      Object.fromEntries(m.assignment.map(([t, p]) => [t, [...p]])),
    ]),
  );
}

describe('replaying the conformance random/ scenarios through the scenario model', () => {
  it('covers every random scenario', () => expect(randomScenarios.length).toBe(18));

  it.each(randomScenarios.map((s) => [s.name, s] as const))('%s', (_, source) => {
    const scenario = scenarioFromConformance(source);
    const replays = Object.fromEntries(
      BUILTIN_ASSIGNOR_NAMES.map((name) => [
        name,
        replayAll(scenario, () => createBuiltinAssignor(name)),
      ]),
    );
    source.generations.forEach((expected, i) => {
      const where = `generation ${expected.generation}`;
      const sticky = replays.sticky![i]!;
      // The same member order and the same user data as real consumers sent.
      expect(
        sticky.members.map((m) => m.id),
        where,
      ).toEqual(expected.members.map((m) => m.id));
      expect(
        sticky.members.map((m) => m.subscription),
        where,
      ).toEqual(expected.members.map((m) => m.subscription));
      expect(
        sticky.members.map((m) => stickyUserData(m.metadataBytes)),
        where,
      ).toEqual(expected.members.map((m) => m.userData));
      expect(sticky.cluster, where).toEqual(expected.cluster);
      for (const name of BUILTIN_ASSIGNOR_NAMES) {
        const want = expected.expected[name];
        if (!('assignment' in want)) continue;
        expect(
          sameAssignment(record(replays[name]![i]!), want.assignment),
          `${where} ${name}`,
        ).toBe(true);
      }
    });
  });
});

describe('replay metrics', () => {
  const base: Scenario = {
    name: 'three members, one leaves',
    userDataMode: 'aiokafka',
    cluster: { t0: 2, t1: 2, t2: 2, t3: 2 },
    steps: [
      {
        changes: ['C0', 'C1', 'C2'].map((member) => ({
          type: 'join' as const,
          member,
          subscription: ['t0', 't1', 't2', 't3'],
        })),
      },
      { changes: [{ type: 'leave', member: 'C1' }] },
    ],
  };

  it('counts what sticky kept and what roundrobin moved when C1 leaves (KIP-54 example 1)', () => {
    const [, sticky] = replayAll(base, () => createBuiltinAssignor('sticky'));
    expect(sticky!.metrics).toMatchObject({
      moved: 0,
      kept: 5,
      unownedDuringRebalance: 3,
      spread: 0,
      isSticky: true,
    });
    const [, roundrobin] = replayAll(base, () => createBuiltinAssignor('roundrobin'));
    // aiokafka's docstring: roundrobin preserves 3; t1-1 goes C0→C2 while t1-0 goes C2→C0.
    expect(roundrobin!.metrics).toMatchObject({ moved: 2, kept: 3, isSticky: false });
  });

  it('reports a subscription to a topic that does not exist as a warning, and assigns the rest', () => {
    const scenario: Scenario = {
      name: 'ghost topic',
      userDataMode: 'aiokafka',
      cluster: { t: 2 },
      steps: [{ changes: [{ type: 'join', member: 'A', subscription: ['t', 'ghost'] }] }],
    };
    const [generation] = replayAll(scenario, () => createBuiltinAssignor('sticky'));
    expect(generation!.warnings).toContain(
      'A subscribes to ghost, which does not exist: it gets nothing from it',
    );
    expect(generation!.metrics.assigned).toBe(2);
  });

  it('carries an assignor failure as the generation error and goes on', () => {
    const scenario: Scenario = { ...base };
    const failing = () => ({
      name: 'broken',
      assign: () => {
        throw new Error('boom');
      },
      metadata: (topics: Iterable<string>) => ({
        version: 0,
        subscription: [...topics],
        userData: new Uint8Array(),
      }),
      onAssignment: () => undefined,
    });
    const generations = replayAll(scenario, failing);
    expect(generations).toHaveLength(2);
    expect(generations[0]!.error).toBe('Error: boom');
    expect(generations[0]!.members.every((m) => m.assignment.length === 0)).toBe(true);
  });

  it('sends the real generation number in counter mode and -1 in aiokafka mode', () => {
    const counter = replayAll({ ...base, userDataMode: 'counter' }, () =>
      createBuiltinAssignor('sticky'),
    );
    expect(stickyUserData(counter[1]!.members[0]!.metadataBytes)?.generation).toBe(1);
    const aiokafka = replayAll(base, () => createBuiltinAssignor('sticky'));
    expect(stickyUserData(aiokafka[1]!.members[0]!.metadataBytes)?.generation).toBe(-1);
  });
});
