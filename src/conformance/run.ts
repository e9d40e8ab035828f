import { BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import {
  decodeMemberAssignment,
  decodeMemberMetadata,
  decodeStickyUserData,
  encodeMemberAssignment,
  encodeMemberMetadata,
  encodeStickyUserData,
  fromHex,
  groupByTopic,
  toHex,
} from '../core/protocol';
import type { GroupAssignment } from '../core/types';
import { type AssignorOutcome, judge, runAllAssignors } from './assignors';
import type { ConformanceFile, WireFile } from './formats';
import { runPartitionMovementsVector, runSortedSetVector, type VectorReport } from './vectors';

/** The outcome of checking one conformance file. */
export interface ConformanceRun {
  kind: ConformanceFile['kind'];
  passed: number;
  failed: number;
  /** One line per check that failed, plus notes on accepted differences. */
  lines: string[];
  /** What our code computed, for external checks (`--json`); Maps keep member/topic order. */
  computed: unknown;
}

export function runConformance(file: ConformanceFile): ConformanceRun {
  switch (file.kind) {
    case 'assignors':
      return runAssignorsFile(file.data);
    case 'sortedset':
      return summariseVectors('sortedset', file.data.vectors.map(runSortedSetVector));
    case 'partition-movements':
      return summariseVectors(
        'partition-movements',
        file.data.vectors.map(runPartitionMovementsVector),
      );
    case 'wire':
      return runWireFile(file.data);
  }
}

function runAssignorsFile(
  data: Extract<ConformanceFile, { kind: 'assignors' }>['data'],
): ConformanceRun {
  const run: ConformanceRun = {
    kind: 'assignors',
    passed: 0,
    failed: 0,
    lines: [],
    computed: undefined,
  };
  const scenarios = data.scenarios.map((scenario) => ({
    name: scenario.name,
    generations: scenario.generations.map((generation) => {
      const outcomes = runAllAssignors(generation);
      for (const name of BUILTIN_ASSIGNOR_NAMES) {
        const verdict = judge(generation, generation.expected[name], outcomes[name]);
        const where = `${scenario.name} generation ${generation.generation} ${name}`;
        if (verdict.ok) {
          run.passed++;
          if (verdict.note !== undefined) run.lines.push(`note  ${where}: ${verdict.note}`);
        } else {
          run.failed++;
          run.lines.push(`FAIL  ${where}: ${verdict.reason}`);
        }
      }
      return Object.fromEntries(
        BUILTIN_ASSIGNOR_NAMES.map((name) => [name, outcomeJson(outcomes[name])]),
      );
    }),
  }));
  run.computed = { scenarios };
  return run;
}

function outcomeJson(outcome: AssignorOutcome) {
  if ('error' in outcome) return { error: outcome.error };
  return { assignment: assignmentMap(outcome.assignment) };
}

/** `{member: {topic: [partitions]}}` as ordered Maps: every member, topics in wire order. */
export function assignmentMap(assignment: GroupAssignment): Map<string, Map<string, number[]>> {
  return new Map(
    [...assignment].map(([member, { assignment: topics }]) => [
      member,
      new Map(topics.map(([topic, partitions]) => [topic, [...partitions]])),
    ]),
  );
}

function summariseVectors(kind: ConformanceRun['kind'], reports: VectorReport[]): ConformanceRun {
  const run: ConformanceRun = { kind, passed: 0, failed: 0, lines: [], computed: undefined };
  for (const report of reports) {
    if (report.failures.length === 0) run.passed++;
    else {
      run.failed++;
      for (const failure of report.failures) run.lines.push(`FAIL  ${report.name} ${failure}`);
    }
  }
  run.computed = { vectors: reports.map(({ name, results }) => ({ name, results })) };
  return run;
}

function runWireFile(data: WireFile): ConformanceRun {
  const run: ConformanceRun = {
    kind: 'wire',
    passed: 0,
    failed: 0,
    lines: [],
    computed: undefined,
  };
  const check = (
    section: string,
    i: number,
    expectedHex: string,
    encode: () => Uint8Array,
    roundTrip: () => Uint8Array,
  ) => {
    let ours: string;
    try {
      ours = toHex(encode());
      const decodedAgain = toHex(roundTrip());
      if (ours === expectedHex && decodedAgain === expectedHex) run.passed++;
      else {
        run.failed++;
        run.lines.push(
          `FAIL  ${section}[${i}]: encoded ${ours}, re-encoded after decoding ${decodedAgain}, expected ${expectedHex}`,
        );
      }
    } catch (error) {
      ours = `error: ${(error as Error).message}`;
      run.failed++;
      run.lines.push(`FAIL  ${section}[${i}]: ${ours}`);
    }
    return ours;
  };
  run.computed = {
    memberMetadata: data.memberMetadata.map((v, i) =>
      check(
        'memberMetadata',
        i,
        v.hex,
        () =>
          encodeMemberMetadata({
            version: v.version,
            subscription: v.subscription,
            userData: fromHex(v.userDataHex),
          }),
        () => encodeMemberMetadata(decodeMemberMetadata(fromHex(v.hex))),
      ),
    ),
    memberAssignment: data.memberAssignment.map((v, i) =>
      check(
        'memberAssignment',
        i,
        v.hex,
        () =>
          encodeMemberAssignment({
            version: v.version,
            assignment: v.assignment,
            userData: fromHex(v.userDataHex),
          }),
        () => encodeMemberAssignment(decodeMemberAssignment(fromHex(v.hex))),
      ),
    ),
    stickyUserData: data.stickyUserData.map((v, i) =>
      check(
        'stickyUserData',
        i,
        v.hex,
        () =>
          encodeStickyUserData({
            previousAssignment: v.previousAssignment,
            generation: v.generation,
          }),
        () => encodeStickyUserData(decodeStickyUserData(fromHex(v.hex))),
      ),
    ),
    stickyMemberMetadata: (data.stickyMemberMetadata ?? []).map((v, i) =>
      check(
        'stickyMemberMetadata',
        i,
        v.hex,
        () =>
          encodeMemberMetadata({
            version: 0,
            subscription: v.subscription,
            userData: encodeStickyUserData({
              previousAssignment: groupByTopic(
                v.ownedPartitions.map(([topic, partition]) => ({ topic, partition })),
              ),
              generation: v.generation,
            }),
          }),
        () => encodeMemberMetadata(decodeMemberMetadata(fromHex(v.hex))),
      ),
    ),
  };
  return run;
}
