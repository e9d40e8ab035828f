import {
  assignmentPartitions,
  decodeStickyUserDataCached,
  encodeStickyUserData,
  Utf8Cache,
  groupByTopic,
} from '../../protocol';
import { PartitionMovements } from '../../partitionMovements';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberAssignment,
  MemberMetadata,
  Topic,
  TopicPartition,
  TopicPartitions,
} from '../../types';
import { DEFAULT_ASSIGNOR_MODE, type AssignorMode } from '../mode';
import { ASSIGNOR_VERSION, EMPTY_BYTES, type AssignorLog, silentLog } from '../shared';
import { StickyExecutor, type StickyMemberInput } from './executor';
import { freshIdenticalAssignment } from './freshAssignment';
import { keptClaimsAssignment } from './leaveAssignment';

/** The topic lookup of an empty movement log, which never asks. */
function nothingMoved(): Topic {
  throw new Error('no partition moved');
}

/** The generation a sticky member reports before it learns one, as aiokafka's does. */
export const DEFAULT_GENERATION = -1;

/** What one sticky rebalance did, beyond the assignment: for metrics and the inspector. */
export interface StickyRunDetails {
  /** The moves the executor made while balancing, net of round trips (kept even if undone). */
  readonly movements: PartitionMovements<number>;
  /** aiokafka's stickiness check on those moves. */
  readonly isSticky: boolean;
}

/**
 * The sticky assignor (KIP-54), a port of aiokafka's `StickyPartitionAssignor`.
 *
 * aiokafka keeps a member's previous assignment and generation on the class, so every
 * consumer in one process shares them; here each instance is one member's state.
 */
export class StickyAssignor implements Assignor {
  readonly name = 'sticky';
  /** This member's last assignment, sent back as user data; `undefined` before the first. */
  memberAssignment: TopicPartition[] | undefined;
  generation = DEFAULT_GENERATION;
  /** Details of the last `assign` call this instance ran as leader. */
  lastRun: StickyRunDetails | undefined;

  readonly mode: AssignorMode;
  /**
   * Whether `assign` takes the fast paths that provably give the general algorithm's result
   * (`freshAssignment.ts`, the shortcuts in `executor.ts`). Only the differential tests turn
   * them off, to compare.
   */
  private readonly shortcuts: boolean;

  constructor(
    private readonly log: AssignorLog = silentLog,
    options: { mode?: AssignorMode; shortcuts?: boolean } = {},
  ) {
    this.mode = options.mode ?? DEFAULT_ASSIGNOR_MODE;
    this.shortcuts = options.shortcuts ?? true;
  }

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    // aiokafka raises ValueError for an empty group; an empty group simply gets nothing here.
    if (members.size === 0) return new Map();
    const names = new Utf8Cache();
    const inputs = [...members].map(([id, metadata]) =>
      this.parseMemberMetadata(id, metadata, names),
    );
    if (this.shortcuts) {
      const fresh =
        freshIdenticalAssignment(cluster, inputs, this.log) ??
        keptClaimsAssignment(cluster, inputs);
      if (fresh !== undefined) {
        this.lastRun = { movements: new PartitionMovements(nothingMoved), isSticky: true };
        return fresh;
      }
    }
    const executor = new StickyExecutor(cluster, inputs, this.log, this.mode, this.shortcuts);
    executor.run();
    this.lastRun = { movements: executor.movements, isSticky: executor.movements.isSticky() };
    const result: GroupAssignment = new Map();
    for (let m = 0; m < inputs.length; m++) {
      result.set((inputs[m] as StickyMemberInput).id, {
        version: ASSIGNOR_VERSION,
        assignment: executor.finalAssignment(m),
        userData: EMPTY_BYTES,
      });
    }
    return result;
  }

  metadata(topics: Iterable<Topic>): MemberMetadata {
    const userData =
      this.memberAssignment === undefined
        ? EMPTY_BYTES
        : encodeStickyUserData({
            previousAssignment: groupByTopic(this.memberAssignment),
            generation: this.generation,
          });
    return { version: ASSIGNOR_VERSION, subscription: [...topics], userData };
  }

  onAssignment(assignment: MemberAssignment): void {
    this.memberAssignment = assignmentPartitions(assignment);
  }

  onGenerationAssignment(generation: number): void {
    this.generation = generation;
  }

  private parseMemberMetadata(
    id: string,
    metadata: MemberMetadata,
    names: Utf8Cache,
  ): StickyMemberInput {
    // Every input is made by the one literal below, so all have the same shape and the
    // executor's reads of them stay monomorphic (a spread copy would have another).
    let claims: readonly TopicPartitions[] = [];
    let generation = DEFAULT_GENERATION;
    if (metadata.userData.length > 0) {
      try {
        const userData = decodeStickyUserDataCached(metadata.userData, names);
        claims = userData.previousAssignment;
        generation = userData.generation;
      } catch (error) {
        // Like aiokafka, a member whose previous assignment cannot be read starts afresh.
        this.log('error', `Could not parse member data: ${String(error)}`);
      }
    }
    return { id, subscription: metadata.subscription, claims, generation };
  }
}
