/**
 * Kafka's client-side `StickyAssignor` (Java consumer, `partition.assignment.strategy = sticky`),
 * the eager sibling of cooperative-sticky: the same algorithm, but an eager member revokes
 * everything before it joins, so it reports what it owned only in its user data —
 * `StickyAssignorUserData` v1, the very layout aiokafka's sticky assignor sends. That makes it
 * the Java assignor to set beside aiokafka's sticky under the eager protocol.
 */
import { decodeStickyUserDataCached, encodeStickyUserData, Utf8Cache } from '../../protocol';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberAssignment,
  MemberMetadata,
  Topic,
  TopicPartitions,
} from '../../types';
import { EMPTY_BYTES } from '../shared';
import {
  groupAssignmentOf,
  JAVA_SUBSCRIPTION_VERSION,
  leaderInput,
  type ReportedOwnership,
} from './leader';
import { KAFKA_DEFAULT_GENERATION } from './model';
import { assignSticky, type LeaderMemory } from './stickyCore';

export class JavaStickyAssignor implements Assignor {
  readonly name = 'sticky';
  readonly knowsGeneration = true;
  /** The last assignment, `undefined` before the first (Kafka then sends null user data). */
  private memberAssignment: readonly TopicPartitions[] | undefined;
  private generation = KAFKA_DEFAULT_GENERATION;
  private readonly memory: LeaderMemory = { maxGeneration: KAFKA_DEFAULT_GENERATION };

  metadata(topics: Iterable<Topic>): MemberMetadata {
    return {
      version: JAVA_SUBSCRIPTION_VERSION,
      subscription: [...topics],
      userData:
        this.memberAssignment === undefined
          ? EMPTY_BYTES
          : encodeStickyUserData({
              previousAssignment: this.memberAssignment,
              generation: this.generation,
            }),
      // Eager: everything was revoked before the JoinGroup, so the member owns nothing.
      ownedPartitions: [],
      generationId: this.generation,
      rackId: null,
    };
  }

  onAssignment(assignment: MemberAssignment): void {
    this.memberAssignment = assignment.assignment;
  }

  onGenerationAssignment(generation: number): void {
    this.generation = generation;
  }

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    if (members.size === 0) return new Map();
    // Members share topic names: decode each name's bytes once.
    const names = new Utf8Cache();
    const input = leaderInput(cluster, members, (metadata) =>
      fromUserData(metadata.userData, names),
    );
    return groupAssignmentOf(members, assignSticky(input, this.memory).assignment);
  }
}

/**
 * `StickyAssignor.memberData`: no user data, no claims; user data that does not parse, no
 * claims at the default generation; else its previous assignment and generation (a generation
 * Kafka keeps even when it is -1).
 */
function fromUserData(userData: Uint8Array, names: Utf8Cache): ReportedOwnership {
  if (userData.length === 0) return { owned: [], generation: undefined };
  try {
    const { previousAssignment, generation } = decodeStickyUserDataCached(userData, names);
    return { owned: previousAssignment, generation };
  } catch {
    return { owned: [], generation: KAFKA_DEFAULT_GENERATION };
  }
}
