import { StaticCluster } from '../core/cluster';
import { balanceScore, spread, validateAssignment, type AssignmentProblem } from '../core/metrics';
import { PartitionMovements } from '../core/partitionMovements';
import {
  decodeMemberAssignment,
  encodeMemberAssignment,
  encodeMemberMetadata,
} from '../core/protocol';
import type {
  Assignor,
  GroupAssignment,
  MemberId,
  MemberMetadata,
  Topic,
  TopicPartitions,
} from '../core/types';
import {
  applyStep,
  initialState,
  isStaticRestartStep,
  sessionTimeoutOf,
  stepSummary,
  type GroupState,
} from './groupState';
import type { Change, Scenario } from './types';

/** One member at one generation: what it sent and what it got. */
export interface MemberResult {
  readonly id: MemberId;
  readonly subscription: readonly Topic[];
  /** The JoinGroup member metadata it sent, on the wire. */
  readonly metadataBytes: Uint8Array;
  /** Its assignment, topics ascending (empty when the rebalance failed). */
  readonly assignment: readonly TopicPartitions[];
  /** Its assignment on the wire, or `undefined` when the rebalance failed. */
  readonly assignmentBytes: Uint8Array | undefined;
}

export interface GenerationMetrics {
  /** Partitions that changed owner although their previous owner is still in the group. */
  moved: number;
  /** Partitions that stayed with their owner. */
  kept: number;
  /** Partitions with no owner going into the rebalance: owner left, new, or unassigned before. */
  unownedDuringRebalance: number;
  /** Partitions that exist but no member got. */
  unassigned: number;
  assigned: number;
  partitions: number;
  /** Largest minus smallest member load. */
  spread: number;
  /** aiokafka's balance score: sum of load differences over all member pairs. */
  balanceScore: number;
  /** No partitions of one topic moved both ways between two members (aiokafka's check). */
  isSticky: boolean;
}

export interface GenerationResult {
  /** 1-based generation number; generation N is the rebalance after step N. */
  readonly generation: number;
  readonly changes: readonly Change[];
  readonly summary: string;
  readonly cluster: Readonly<Record<Topic, number>>;
  /** In JoinGroup order. */
  readonly members: readonly MemberResult[];
  /** What the assignor threw, when it did. */
  readonly error: string | undefined;
  /** Violations of the assignment rules (a correct assignor never has any). */
  readonly problems: readonly AssignmentProblem[];
  /** What the assignor logged: e.g. a subscription to a topic that does not exist. */
  readonly warnings: readonly string[];
  readonly metrics: GenerationMetrics;
  /**
   * False when the step triggered no rebalance (static members restarting within their
   * session timeout): the assignor was not called and everyone kept what they had.
   */
  readonly rebalanced: boolean;
  /**
   * Rebalances after the first that the generation took to settle: a cooperative (KIP-429)
   * member that had to revoke a partition rejoins at once, and the follow-up hands the
   * partition to its new owner. Absent when there were none.
   */
  readonly followUpRebalances?: number;
}

/**
 * Follow-up rebalances one generation may take before the replay stops asking: Kafka's
 * cooperative-sticky settles in one; a runaway assignor must not hang the replay.
 */
export const MAX_FOLLOW_UP_REBALANCES = 4;

export interface ReplayOptions {
  /**
   * Runs `assign` for the leader. Defaults to calling it directly; the playground passes a
   * sandboxed runner for custom assignors.
   */
  assign?: (
    leader: Assignor,
    cluster: StaticCluster,
    members: Map<MemberId, MemberMetadata>,
  ) => GroupAssignment;
}

/** Creates the assignor process of one member; `log` collects what the assignor reports. */
export type MemberAssignorFactory = (member: MemberId, log: (message: string) => void) => Assignor;

/**
 * Replays a scenario one generation at a time, as real consumers live through it: every
 * member has its own assignor state, gets `onAssignment` (and, in `counter` mode,
 * `onGenerationAssignment`) after each rebalance, and sends `metadata()` at the next.
 * A generator, so a caller can stop between generations or report progress.
 */
export function* replayScenario(
  scenario: Scenario,
  createAssignor: MemberAssignorFactory,
  options: ReplayOptions = {},
): Generator<GenerationResult, void, undefined> {
  const assign = options.assign ?? ((leader, cluster, members) => leader.assign(cluster, members));
  let state: GroupState = initialState(scenario.cluster);
  let warnings: string[] = [];
  const log = (message: string) => warnings.push(message);
  const processes = new Map<MemberId, Assignor>();
  let previousOwners: Owners = new Map();
  let previous: GenerationResult | undefined;
  const sessionTimeoutMs = sessionTimeoutOf(scenario);

  for (const [index, step] of scenario.steps.entries()) {
    const generation = index + 1;
    warnings = [];
    const applied = applyStep(state, step, index, sessionTimeoutMs);
    state = applied.state;
    if (previous !== undefined && isStaticRestartStep(step, sessionTimeoutMs)) {
      // KIP-345: the coordinator answers the static member's rejoin from its cache. Nobody
      // else hears of it and the leader assigns nothing: the group is as it was.
      // Nothing rebalanced, so no follow-up either: only what the group holds carries over.
      const { followUpRebalances: _lastFollowUps, ...held } = previous;
      previous = {
        ...held,
        generation,
        changes: step.changes,
        summary: stepSummary(step, sessionTimeoutMs),
        warnings: [],
        metrics: computeMetrics(
          state,
          previous.members,
          previousOwners,
          ownersOf(previous.members),
        ),
        rebalanced: false,
      };
      yield previous;
      continue;
    }
    for (const [member, event] of applied.processes) {
      if (event === 'fresh' || !processes.has(member))
        processes.set(member, createAssignor(member, log));
    }

    const cluster = new StaticCluster(state.cluster);
    const collectMetadata = () => {
      const sent = new Map<MemberId, MemberMetadata>();
      for (const member of state.members) {
        const process = processes.get(member.id) as Assignor;
        sent.set(member.id, process.metadata(member.subscription));
      }
      return sent;
    };
    for (const member of state.members) {
      for (const topic of member.subscription) {
        if (!Object.hasOwn(state.cluster, topic)) {
          log(`${member.id} subscribes to ${topic}, which does not exist: it gets nothing from it`);
        }
      }
    }

    let result: GroupAssignment | undefined;
    let error: string | undefined;
    let members: MemberResult[];
    let followUps = 0;
    for (;;) {
      const metadata = collectMetadata();
      result = undefined;
      if (state.members.length > 0) {
        const leader = processes.get((state.members[0] as { id: MemberId }).id) as Assignor;
        try {
          result = assign(leader, cluster, metadata);
        } catch (thrown) {
          error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
        }
      } else {
        result = new Map();
      }
      let revoked = false;
      members = state.members.map((member) => {
        const sent = metadata.get(member.id) as MemberMetadata;
        const metadataBytes = encodeMemberMetadata(sent);
        const given = result?.get(member.id);
        if (result === undefined) {
          return { ...member, metadataBytes, assignment: [], assignmentBytes: undefined };
        }
        // Through the wire and back, as a real member receives it.
        const assignmentBytes = encodeMemberAssignment(
          given ?? { version: 0, assignment: [], userData: new Uint8Array() },
        );
        const received = decodeMemberAssignment(assignmentBytes);
        const process = processes.get(member.id) as Assignor;
        if (process.revokes?.(received) === true) revoked = true;
        process.onAssignment(received);
        if (scenario.userDataMode === 'counter' || process.knowsGeneration === true)
          process.onGenerationAssignment?.(generation);
        return { ...member, metadataBytes, assignment: received.assignment, assignmentBytes };
      });
      if (!revoked || followUps >= MAX_FOLLOW_UP_REBALANCES) break;
      followUps++;
    }

    const problems = result === undefined ? [] : assignmentProblems(cluster, state, result);
    const owners = ownersOf(members);
    const metrics = computeMetrics(state, members, previousOwners, owners);
    if (result !== undefined) previousOwners = owners;

    previous = {
      generation,
      changes: step.changes,
      summary: stepSummary(step, sessionTimeoutMs),
      cluster: state.cluster,
      members,
      error,
      problems,
      warnings,
      metrics,
      rebalanced: true,
      ...(followUps > 0 ? { followUpRebalances: followUps } : {}),
    };
    yield previous;
  }
}

/** Replays the whole scenario at once. */
export function replayAll(
  scenario: Scenario,
  createAssignor: MemberAssignorFactory,
  options?: ReplayOptions,
): GenerationResult[] {
  return [...replayScenario(scenario, createAssignor, options)];
}

/** `topic\0partition` → owner, for partitions someone owns. */
export function partitionKey(topic: Topic, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Topic → partition → owner, for partitions someone owns. */
type Owners = Map<Topic, Map<number, MemberId>>;

function ownersOf(members: readonly MemberResult[]): Owners {
  const owners: Owners = new Map();
  for (const member of members) {
    for (const [topic, partitions] of member.assignment) {
      let ofTopic = owners.get(topic);
      if (ofTopic === undefined) owners.set(topic, (ofTopic = new Map()));
      // With a faulty assignor a partition can have two owners; the first one shown wins here.
      for (const partition of partitions) {
        if (!ofTopic.has(partition)) ofTopic.set(partition, member.id);
      }
    }
  }
  return owners;
}

/**
 * {@link validateAssignment}'s problems. A correct assignment is recognised in one pass over
 * typed arrays (every claim on an existing partition of a topic its member subscribes to,
 * none twice, as many claims as subscribed partitions); anything else goes through the full
 * check, which lists the problems in its own order.
 */
function assignmentProblems(
  cluster: StaticCluster,
  state: GroupState,
  result: GroupAssignment,
): AssignmentProblem[] {
  if (isCleanAssignment(state, result)) return [];
  return validateAssignment(
    cluster,
    new Map(state.members.map((m) => [m.id, m.subscription])),
    assignmentRecordOf(result),
  );
}

function isCleanAssignment(state: GroupState, result: GroupAssignment): boolean {
  const subscriptions = new Map(state.members.map((m) => [m.id, m.subscription]));
  const claimed = new Map<Topic, Uint8Array>();
  let claims = 0;
  for (const [member, { assignment }] of result) {
    const subscription = subscriptions.get(member);
    if (subscription === undefined) return false;
    for (const [topic, partitions] of assignment) {
      if (!Object.hasOwn(state.cluster, topic) || !subscription.includes(topic)) return false;
      const count = state.cluster[topic] as number;
      let seen = claimed.get(topic);
      if (seen === undefined) claimed.set(topic, (seen = new Uint8Array(count)));
      for (const partition of partitions) {
        if (!Number.isInteger(partition) || partition < 0 || partition >= count) return false;
        if (seen[partition] === 1) return false;
        seen[partition] = 1;
        claims++;
      }
    }
  }
  let expected = 0;
  const subscribed = new Set<Topic>();
  for (const member of state.members)
    for (const topic of member.subscription) subscribed.add(topic);
  for (const topic of subscribed) {
    if (Object.hasOwn(state.cluster, topic)) expected += state.cluster[topic] as number;
  }
  return claims === expected;
}

function assignmentRecordOf(
  assignment: GroupAssignment,
): Record<MemberId, Record<Topic, number[]>> {
  // No prototypes: member "constructor" or topic "__proto__" must be ordinary keys here.
  const record = Object.create(null) as Record<MemberId, Record<Topic, number[]>>;
  for (const [member, { assignment: topics }] of assignment) {
    const byTopic = Object.create(null) as Record<Topic, number[]>;
    for (const [topic, partitions] of topics) {
      const listed = byTopic[topic];
      if (listed === undefined) byTopic[topic] = [...partitions];
      else for (const partition of partitions) listed.push(partition);
    }
    record[member] = byTopic;
  }
  return record;
}

function computeMetrics(
  state: GroupState,
  members: readonly MemberResult[],
  previousOwners: Owners,
  owners: Owners,
): GenerationMetrics {
  const present = new Set(state.members.map((m) => m.id));
  const movements = new PartitionMovements<string>((key) => key.slice(0, key.indexOf('\u0000')));
  let moved = 0;
  let kept = 0;
  let unownedDuringRebalance = 0;
  let unassigned = 0;
  let partitions = 0;
  for (const [topic, count] of Object.entries(state.cluster)) {
    const ownedBefore = previousOwners.get(topic);
    const ownedAfter = owners.get(topic);
    for (let partition = 0; partition < count; partition++) {
      partitions++;
      const before = ownedBefore?.get(partition);
      const after = ownedAfter?.get(partition);
      if (after === undefined) unassigned++;
      if (before === undefined || !present.has(before)) {
        unownedDuringRebalance++;
      } else if (before === after) {
        kept++;
      } else if (after !== undefined) {
        moved++;
        movements.movePartition(partitionKey(topic, partition), before, after);
      }
    }
  }
  const loads = members.map((m) => m.assignment.reduce((sum, [, p]) => sum + p.length, 0));
  return {
    moved,
    kept,
    unownedDuringRebalance,
    unassigned,
    assigned: partitions - unassigned,
    partitions,
    spread: spread(loads),
    balanceScore: balanceScore(loads),
    isSticky: movements.isSticky(),
  };
}
