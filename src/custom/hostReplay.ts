/**
 * The trusted half of a custom replay: the runner (page or CLI parent) replays the scenario
 * itself and takes from the sandbox only what user code produced — each member's metadata and
 * the leader's assignment — as checked plain data (messages.ts). Wire bytes, problems,
 * metrics and verdicts are all computed here, so a sandbox that patches its own built-ins or
 * forges its messages can only lie about its assignor's output, which is then judged like any
 * other output.
 */
import { plainMetadata } from '../core/assignors/shared';
import type {
  Assignor,
  GroupAssignment,
  MemberAssignment,
  MemberId,
  MemberMetadata,
  Topic,
} from '../core/types';
import { replayScenario, type GenerationResult } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import type { GenerationMessage } from './protocol';

/** A generation the sandbox did not compute: `verdict` fails it without any assignment. */
export interface FailedGenerationReport {
  generation: number;
  verdict: string;
}

export interface HostReplay {
  /**
   * The next generation, from the sandbox's report of it. Throws when the report does not
   * fit the scenario (wrong generation) or the scenario cannot be replayed (a StepError).
   */
  accept(report: GenerationMessage): GenerationResult;
  /** The next generation, failed with `verdict` (no user code's output is used). */
  fail(report: FailedGenerationReport): GenerationResult;
  /** Generations accepted or failed so far. */
  readonly count: number;
}

type Current =
  | { kind: 'report'; report: GenerationMessage; metadata: Map<MemberId, MemberMetadata> }
  | { kind: 'failed'; verdict: string };

function toBytes(values: readonly number[]): Uint8Array {
  return Uint8Array.from(values);
}

function assignmentOf(report: GenerationMessage): GroupAssignment | undefined {
  if (report.assignment === null) return undefined;
  const assignment = new Map<MemberId, MemberAssignment>();
  for (const [member, given] of report.assignment) {
    if (assignment.has(member)) {
      throw `the assignment lists member ${JSON.stringify(member.slice(0, 100))} twice`;
    }
    assignment.set(member, {
      version: given.version,
      assignment: given.assignment.map(([topic, partitions]) => [topic, [...partitions]]),
      userData: toBytes(given.userData),
    });
  }
  return assignment;
}

/** Starts the trusted replay of `scenario`; feed it one report per generation, in order. */
export function createHostReplay(scenario: Scenario): HostReplay {
  let current: Current | undefined;
  let count = 0;

  /** Stands in for a member's assignor process: answers with what the sandbox reported. */
  const recorded = (member: MemberId): Assignor => ({
    name: 'custom',
    metadata(topics: Iterable<Topic>): MemberMetadata {
      const subscription = [...topics];
      if (current?.kind !== 'report') return plainMetadata(subscription);
      return current.metadata.get(member) ?? plainMetadata(subscription);
    },
    assign(): GroupAssignment {
      throw new Error('not called: the host replay assigns through its `assign` option');
    },
    onAssignment() {
      // The member's own process lives in the sandbox, which calls it there.
    },
  });

  const replay = replayScenario(scenario, recorded, {
    // Thrown as strings: the replay records them as the generation's error word for word.
    assign: (_leader, _cluster, members) => {
      const state = current;
      if (state === undefined) throw 'no report for this generation';
      if (state.kind === 'failed') throw state.verdict;
      const { report } = state;
      const missing = [...members.keys()].find((member) => !state.metadata.has(member));
      if (missing !== undefined) {
        throw `the sandbox sent no metadata for member ${JSON.stringify(missing.slice(0, 100))}`;
      }
      if (report.error !== null) throw report.error;
      const assignment = assignmentOf(report);
      if (assignment === undefined) throw 'the sandbox sent neither an assignment nor an error';
      return assignment;
    },
  });

  function step(next: Current, generation: number): GenerationResult {
    if (generation !== count + 1) {
      throw new Error(`expected generation ${count + 1}, the sandbox sent ${generation}`);
    }
    current = next;
    try {
      const result = replay.next();
      if (result.done === true) {
        throw new Error(`the scenario has no generation ${generation}`);
      }
      count++;
      return result.value;
    } finally {
      current = undefined;
    }
  }

  return {
    accept(report) {
      const metadata = new Map<MemberId, MemberMetadata>();
      for (const [member, sent] of report.metadata) {
        metadata.set(member, {
          version: sent.version,
          subscription: [...sent.subscription],
          userData: toBytes(sent.userData),
        });
      }
      const result = step({ kind: 'report', report, metadata }, report.generation);
      if (report.lateError === null) return result;
      const error =
        result.error === undefined ? report.lateError : `${result.error}; ${report.lateError}`;
      return { ...result, error };
    },
    fail({ generation, verdict }) {
      return step({ kind: 'failed', verdict }, generation);
    },
    get count() {
      return count;
    },
  };
}
