/**
 * What a sandbox worker does with its one request, free of any worker global so the browser
 * worker, the Node worker and the tests share it: compile and load the user's assignor, then
 * replay the scenario with it, posting each generation as it finishes.
 *
 * Every call into user code is guarded, so whatever it throws becomes that generation's
 * verdict instead of ending the replay; and in a generation the runner asked to skip (it hung
 * or crashed a previous worker) no user code runs at all, so the same hang cannot recur.
 */
import { plainMetadata } from '../core/assignors/shared';
import type { AdaptedAssignorFactory } from './adapter';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberAssignment,
  MemberId,
  MemberMetadata,
  Topic,
} from '../core/types';
import { StepError } from '../scenario/groupState';
import { replayScenario, type GenerationResult } from '../scenario/replay';
import { compileAssignor } from './compile';
import { adaptModule, DEFAULT_SOURCE_LABEL } from './evaluate';
import { seedMathRandom } from './harden';
import { clipText } from './clipText';
import type {
  GenerationMessage,
  PlainMemberAssignment,
  PlainMemberMetadata,
  SandboxReplayRequest,
  SandboxResponse,
} from './protocol';
import { thrownVerdict } from './userErrors';

/** Math.random's seed at the start of every replay, so restarts replay identically. */
export const RANDOM_SEED = 0x5eed;

/** What the generation being computed has gone through so far. */
interface GenerationContext {
  generation: number;
  /** Verdict of a generation to fail without running user code. */
  skipVerdict: string | undefined;
  /** User code that failed before `assign` (constructor, `metadata`): fails the rebalance. */
  failedBeforeAssign: string[];
  /** User code that failed after `assign` (`onAssignment`, …): reported with the result. */
  failedAfterAssign: string[];
  /** What each member's `metadata()` gave, as sent to the runner. */
  metadata: Map<MemberId, MemberMetadata>;
  /** The leader's (adapted) assignment, when `assign` returned one. */
  assignment: GroupAssignment | undefined;
}

/** Runs one replay request to the end, posting `loading`, `loaded`, each generation, `done`. */
export function runSandboxReplay(
  request: SandboxReplayRequest,
  post: (response: SandboxResponse) => void,
): void {
  const { id, scenario, assignor } = request;
  const compiled = compileAssignor(assignor.source, assignor.language);
  if (!compiled.ok) {
    post({ type: 'load-error', id, error: compiled.error });
    return;
  }

  seedMathRandom(RANDOM_SEED);
  post({ type: 'loading', id });
  const loaded = adaptModule(compiled.code, assignor.source, request.label ?? DEFAULT_SOURCE_LABEL);
  if (!loaded.ok) {
    post({ type: 'load-error', id, error: loaded.error });
    return;
  }
  const factory = loaded.factory;
  post({ type: 'loaded', id, assignorName: factory.assignorName, style: factory.style });

  // Loading ran user code (top level, a trial constructor): start the replay afresh.
  seedMathRandom(RANDOM_SEED);
  const skip = new Map(request.skip.map((s) => [s.generation, s.verdict]));
  const context: GenerationContext = {
    generation: 0,
    skipVerdict: undefined,
    failedBeforeAssign: [],
    failedAfterAssign: [],
    metadata: new Map(),
    assignment: undefined,
  };
  const replay = replayScenario(scenario, (member) => new GuardedMember(member, factory, context), {
    assign: (leader, cluster, members) => {
      // Thrown as plain strings: the replay records a non-Error as `String(thrown)`, so the
      // verdict becomes the generation's `error` word for word.
      if (context.skipVerdict !== undefined) throw context.skipVerdict;
      if (context.failedBeforeAssign.length > 0) throw context.failedBeforeAssign.join('; ');
      context.assignment = (leader as GuardedMember).leaderAssign(cluster, members);
      return context.assignment;
    },
  });

  try {
    for (;;) {
      context.generation++;
      context.skipVerdict = skip.get(context.generation);
      context.failedBeforeAssign = [];
      context.failedAfterAssign = [];
      context.metadata = new Map();
      context.assignment = undefined;
      const next = replay.next();
      if (next.done === true) break;
      post(generationReport(id, next.value, context));
    }
  } catch (thrown) {
    const message =
      thrown instanceof StepError
        ? `the scenario cannot be replayed: ${thrown.message}`
        : `the sandbox failed: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`;
    post({ type: 'failed', id, message });
    return;
  }
  post({ type: 'done', id });
}

/**
 * What user code produced in one generation, as plain data for the runner, which computes
 * everything else itself (hostReplay.ts). Texts are clipped here already, so a 50 MB thrown
 * string never leaves the worker.
 */
function generationReport(
  id: number,
  result: GenerationResult,
  context: GenerationContext,
): GenerationMessage {
  const metadata = result.members.map(({ id: member }): [string, PlainMemberMetadata] => {
    const sent = context.metadata.get(member) ?? plainMetadata([]);
    return [
      member,
      {
        version: sent.version,
        subscription: [...sent.subscription],
        userData: Array.from(sent.userData),
      },
    ];
  });
  const given = result.error === undefined ? context.assignment : undefined;
  const assignment =
    given === undefined
      ? null
      : [...given].map(
          ([member, { version, assignment: topics, userData }]): [
            string,
            PlainMemberAssignment,
          ] => [
            member,
            {
              version,
              assignment: topics.map(([topic, partitions]): [string, number[]] => [
                topic,
                [...partitions],
              ]),
              userData: Array.from(userData),
            },
          ],
        );
  const late = context.failedAfterAssign.join('; ');
  return {
    type: 'generation',
    id,
    generation: result.generation,
    metadata,
    assignment,
    error: result.error === undefined ? null : clipText(result.error),
    lateError: late === '' ? null : clipText(late),
  };
}

/**
 * One simulated member's assignor process, standing between the replay and the user's code.
 * The user's assignor is made on first use, so a member that joins in a skipped generation
 * does not run a constructor there.
 */
class GuardedMember implements Assignor {
  readonly name: string;
  private inner: Assignor | undefined;

  constructor(
    private readonly member: MemberId,
    private readonly factory: AdaptedAssignorFactory,
    private readonly context: GenerationContext,
  ) {
    this.name = factory.assignorName;
  }

  private innerAssignor(): Assignor {
    this.inner ??= this.factory();
    return this.inner;
  }

  /** Not called by the replay: the leader's work goes through {@link leaderAssign}. */
  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    return this.leaderAssign(cluster, members);
  }

  /** Runs the user's `assign` on copies; whatever it throws becomes a verdict string. */
  leaderAssign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    try {
      return this.innerAssignor().assign(copyCluster(cluster), copyMembers(members));
    } catch (thrown) {
      throw thrownVerdict(thrown, 'assign()');
    }
  }

  metadata(topics: Iterable<Topic>): MemberMetadata {
    const subscription = [...topics];
    const sent = this.userMetadata(subscription);
    this.context.metadata.set(this.member, sent);
    return sent;
  }

  private userMetadata(subscription: Topic[]): MemberMetadata {
    if (this.context.skipVerdict !== undefined) return plainMetadata(subscription);
    try {
      return this.innerAssignor().metadata(subscription);
    } catch (thrown) {
      // The rebalance fails; plain metadata keeps the replay going until `assign` says so.
      this.context.failedBeforeAssign.push(thrownVerdict(thrown, this.callName('metadata()')));
      return plainMetadata(subscription);
    }
  }

  onAssignment(assignment: MemberAssignment): void {
    this.guardAfterAssign('onAssignment()', (inner) => inner.onAssignment(assignment));
  }

  onGenerationAssignment(generation: number): void {
    this.guardAfterAssign('onGenerationAssignment()', (inner) =>
      inner.onGenerationAssignment?.(generation),
    );
  }

  private guardAfterAssign(method: string, call: (inner: Assignor) => void): void {
    if (this.context.skipVerdict !== undefined) return;
    try {
      call(this.innerAssignor());
    } catch (thrown) {
      this.context.failedAfterAssign.push(thrownVerdict(thrown, this.callName(method)));
    }
  }

  private callName(method: string): string {
    return `${this.member}'s ${method}`;
  }
}

/**
 * A cluster that hands out fresh sets: the replay validates results against its own
 * cluster, so user code must not be able to add partitions to it.
 */
function copyCluster(cluster: ClusterMetadata): ClusterMetadata {
  return {
    topics: () => new Set(cluster.topics()),
    partitionsForTopic: (topic) => {
      const partitions = cluster.partitionsForTopic(topic);
      return partitions === undefined ? undefined : new Set(partitions);
    },
  };
}

/** Members with copied subscriptions and user data, so user code cannot edit the replay's. */
function copyMembers(members: GroupMembers): GroupMembers {
  return new Map(
    [...members].map(([id, metadata]): [MemberId, MemberMetadata] => [
      id,
      {
        version: metadata.version,
        subscription: [...metadata.subscription],
        userData: metadata.userData.slice(),
      },
    ]),
  );
}
