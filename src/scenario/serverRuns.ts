/**
 * KIP-848's server-side assignors as replay runs. With the consumer protocol the group
 * coordinator, not a group leader, computes the target, and it remembers each member's current
 * assignment itself: members send no user data. A run therefore shares one coordinator memory
 * between the member processes of a replay, and the leader's `assign` is the coordinator's.
 */
import { ASSIGNOR_VERSION, EMPTY_BYTES, plainMetadata } from '../core/assignors';
import {
  ServerRangeAssignor,
  ServerUniformAssignor,
  topicIdForName,
  type ServerAssignor,
} from '../core/assignors/server';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberId,
  Topic,
} from '../core/types';
import type { MemberAssignorFactory } from './replay';

export const SERVER_RUN_NAMES = ['server-uniform', 'server-range'] as const;
export type ServerRunName = (typeof SERVER_RUN_NAMES)[number];

export function isServerRunName(name: string): name is ServerRunName {
  return (SERVER_RUN_NAMES as readonly string[]).includes(name);
}

/** How the page names them: they run on the broker, not in a client. */
export function serverRunLabel(name: ServerRunName): string {
  return name === 'server-uniform' ? 'uniform (server, KIP-848)' : 'range (server, KIP-848)';
}

function serverAssignor(name: ServerRunName): ServerAssignor {
  return name === 'server-uniform' ? new ServerUniformAssignor() : new ServerRangeAssignor();
}

/**
 * One factory per replay: every member process it makes shares the coordinator's memory of the
 * current target, so the assignor sees what each member owns, as Kafka's coordinator does.
 */
export function serverRunFactory(name: ServerRunName): MemberAssignorFactory {
  const assignor = serverAssignor(name);
  let current = new Map<MemberId, (readonly [Topic, readonly number[]])[]>();
  const assign = (cluster: ClusterMetadata, members: GroupMembers): GroupAssignment => {
    const topicNames = [...cluster.topics()].sort();
    const topics = topicNames.map((topic) => ({
      name: topic,
      id: topicIdForName(topic),
      partitions: cluster.partitionsForTopic(topic)?.size ?? 0,
    }));
    const known = new Set(topicNames);
    const group = {
      topics,
      members: [...members].map(([id, meta]) => ({
        id,
        // A subscription to a topic that does not exist gets nothing, as on the client side.
        subscription: meta.subscription.filter((t) => known.has(t)),
        current: (current.get(id) ?? []).filter(([topic]) => known.has(topic)),
      })),
    };
    const target = assignor.assign(group);
    const result: GroupAssignment = new Map();
    const next = new Map<MemberId, (readonly [Topic, readonly number[]])[]>();
    for (const [id] of members) {
      const byTopic = target[id] ?? {};
      const entries = Object.keys(byTopic)
        .sort()
        .map((topic) => [topic, [...(byTopic[topic] ?? [])]] as const);
      next.set(id, entries);
      result.set(id, { version: ASSIGNOR_VERSION, assignment: entries, userData: EMPTY_BYTES });
    }
    current = next;
    return result;
  };
  return () => {
    const member: Assignor = {
      name,
      assign,
      metadata: plainMetadata,
      onAssignment: () => undefined,
    };
    return member;
  };
}
