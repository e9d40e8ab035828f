import { toAssignmentRecord } from '../core/assignmentRecord';
import {
  BUILTIN_ASSIGNOR_NAMES,
  type BuiltinAssignorName,
  createBuiltinAssignor,
  EMPTY_BYTES,
} from '../core/assignors';
import { StaticCluster } from '../core/cluster';
import {
  balanceScore,
  memberLoads,
  spread,
  validateAssignment,
  describeProblem,
} from '../core/metrics';
import { encodeStickyUserData } from '../core/protocol';
import type { AssignmentRecord, GroupAssignment, MemberMetadata } from '../core/types';
import type { AssignorExpectation, ConformanceGeneration, ConformanceMember } from './formats';

export type AssignorOutcome = { assignment: GroupAssignment } | { error: string };

/** The metadata a member sends: sticky user data for sticky, nothing for the others. */
export function conformanceMemberMetadata(
  member: ConformanceMember,
  assignor: BuiltinAssignorName,
): MemberMetadata {
  const userData =
    assignor === 'sticky' && member.userData !== null
      ? encodeStickyUserData({
          previousAssignment: member.userData.owned,
          generation: member.userData.generation,
        })
      : EMPTY_BYTES;
  return { version: 0, subscription: member.subscription, userData };
}

/** Runs one built-in assignor on one self-contained generation of the data. */
export function runGeneration(
  generation: ConformanceGeneration,
  assignor: BuiltinAssignorName,
): AssignorOutcome {
  const cluster = new StaticCluster(generation.cluster);
  const members = new Map(
    generation.members.map((member) => [member.id, conformanceMemberMetadata(member, assignor)]),
  );
  try {
    return { assignment: createBuiltinAssignor(assignor).assign(cluster, members) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export function runAllAssignors(
  generation: ConformanceGeneration,
): Record<BuiltinAssignorName, AssignorOutcome> {
  return Object.fromEntries(
    BUILTIN_ASSIGNOR_NAMES.map((name) => [name, runGeneration(generation, name)]),
  ) as Record<BuiltinAssignorName, AssignorOutcome>;
}

export interface AssignmentProperties {
  valid: boolean;
  maxMinusMin: number;
  balanceScore: number;
  problems: string[];
}

export function assignmentProperties(
  generation: ConformanceGeneration,
  assignment: AssignmentRecord,
): AssignmentProperties {
  const subscriptions = new Map(generation.members.map((m) => [m.id, m.subscription]));
  const problems = validateAssignment(
    new StaticCluster(generation.cluster),
    subscriptions,
    assignment,
  );
  const loads = memberLoads(assignment);
  return {
    valid: problems.length === 0,
    maxMinusMin: spread(loads),
    balanceScore: balanceScore(loads),
    problems: problems.map(describeProblem),
  };
}

export type Verdict =
  | {
      ok: true;
      how: 'exact' | 'listed-outcome' | 'same-properties' | 'deliberate-difference';
      note?: string;
    }
  | { ok: false; reason: string };

/**
 * Judges our outcome against aiokafka's: exact where aiokafka was deterministic; where its
 * choice followed CPython's hash order, any listed outcome, or else a valid assignment with
 * the same spread and balance score.
 */
export function judge(
  generation: ConformanceGeneration,
  expectation: AssignorExpectation,
  outcome: AssignorOutcome,
): Verdict {
  if ('error' in expectation) {
    // aiokafka's sticky raises for an empty group; ours deliberately returns no assignment.
    if (
      generation.members.length === 0 &&
      'assignment' in outcome &&
      outcome.assignment.size === 0
    ) {
      return {
        ok: true,
        how: 'deliberate-difference',
        note: `aiokafka raises ${expectation.error.type}; an empty group gets an empty assignment here`,
      };
    }
    // Where aiokafka fails on a defect we reproduce (sticky's KeyError when it moves a partition
    // back to a member it set aside), failing with the same error type is the faithful answer.
    if ('error' in outcome && outcome.error.startsWith(`${expectation.error.type}:`)) {
      return { ok: true, how: 'exact', note: `both raise ${expectation.error.type}` };
    }
    return {
      ok: false,
      reason: `aiokafka raised ${expectation.error.type}: ${expectation.error.message}; we ${describeOutcome(outcome)}`,
    };
  }
  if ('error' in outcome) return { ok: false, reason: `we raised ${outcome.error}` };
  const ours = toAssignmentRecord(outcome.assignment);

  if ('assignment' in expectation) {
    if (sameAssignment(ours, expectation.assignment)) return { ok: true, how: 'exact' };
    const choicePoints = expectation.hashOrderChoicePoints;
    if (choicePoints === undefined || expectation.properties === undefined) {
      return { ok: false, reason: firstDifference(ours, expectation.assignment) ?? 'differs' };
    }
    // aiokafka picked from a Python set here; all its seeds agreed, but another pick is valid.
    return judgeProperties(generation, ours, expectation.properties, 'hash-order choice point');
  }

  if (expectation.outcomes.some((listed) => sameAssignment(ours, listed.assignment))) {
    return { ok: true, how: 'listed-outcome' };
  }
  const reference = expectation.sharedProperties ?? expectation.outcomes[0]?.properties;
  if (reference === undefined) return { ok: false, reason: 'no outcome to compare with' };
  return judgeProperties(generation, ours, reference, 'hash-order dependent outcome');
}

function judgeProperties(
  generation: ConformanceGeneration,
  ours: AssignmentRecord,
  reference: { valid: boolean; maxMinusMin: number; balanceScore: number },
  why: string,
): Verdict {
  const properties = assignmentProperties(generation, ours);
  const mismatches: string[] = [];
  if (properties.valid !== reference.valid) {
    mismatches.push(
      `valid ${properties.valid} vs ${reference.valid} (${properties.problems.slice(0, 3).join('; ')})`,
    );
  }
  if (properties.maxMinusMin !== reference.maxMinusMin) {
    mismatches.push(`spread ${properties.maxMinusMin} vs ${reference.maxMinusMin}`);
  }
  if (properties.balanceScore !== reference.balanceScore) {
    mismatches.push(`balance score ${properties.balanceScore} vs ${reference.balanceScore}`);
  }
  if (mismatches.length > 0)
    return { ok: false, reason: `${why}, properties differ: ${mismatches.join(', ')}` };
  return {
    ok: true,
    how: 'same-properties',
    note: `${why}: valid, spread ${properties.maxMinusMin}, balance score ${properties.balanceScore}`,
  };
}

function describeOutcome(outcome: AssignorOutcome): string {
  return 'error' in outcome
    ? `raised ${outcome.error}`
    : `returned ${outcome.assignment.size} member assignments`;
}

/** Equal as data: same members, same topics, same partitions in the same order. */
export function sameAssignment(a: AssignmentRecord, b: AssignmentRecord): boolean {
  return firstDifference(a, b) === undefined;
}

export function firstDifference(
  ours: AssignmentRecord,
  theirs: AssignmentRecord,
): string | undefined {
  const members = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  for (const member of members) {
    const a = ours[member];
    const b = theirs[member];
    if (a === undefined) return `member ${member} missing from our assignment`;
    if (b === undefined) return `member ${member} is not in aiokafka's assignment`;
    const topics = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const topic of topics) {
      const x = a[topic];
      const y = b[topic];
      if (
        x === undefined ||
        y === undefined ||
        x.length !== y.length ||
        x.some((p, i) => p !== y[i])
      ) {
        return `${member} ${topic}: ours ${JSON.stringify(x ?? null)}, aiokafka ${JSON.stringify(y ?? null)}`;
      }
    }
  }
  return undefined;
}
