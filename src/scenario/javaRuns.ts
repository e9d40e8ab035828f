/**
 * Assignors of Kafka's Java client, as replay runs: what a group of Java consumers computes on
 * the same scenario, beside aiokafka's. Each member process is a fresh Java-consumer assignor,
 * which always knows its generation.
 * - `java-sticky` is Kafka's `StickyAssignor`, an eager one: members revoke everything before
 *   joining and report what they owned in user data (the layout aiokafka's sticky sends).
 * - `cooperative-sticky` reports owned partitions in the subscription, withholds partitions
 *   that change owner, and the replay gives the group the follow-up rebalance KIP-429 takes.
 * Each fits the protocol a Java group runs it under: a Java consumer under eager reports
 * nothing owned to cooperative-sticky, and `sticky` supports only eager. The plain view (no
 * protocol shown) plays eager's assignment, so `java-sticky` fits it too; cooperative-sticky's
 * follow-up rebalance only makes sense with the cooperative protocol on screen.
 */
import { CooperativeStickyAssignor, JavaStickyAssignor } from '../core/assignors/kafka';
import type { Protocol } from '../protocol';
import type { MemberAssignorFactory } from './replay';

export const JAVA_RUN_NAMES = ['java-sticky', 'cooperative-sticky'] as const;
export type JavaRunName = (typeof JAVA_RUN_NAMES)[number];

export function isJavaRunName(name: string): name is JavaRunName {
  return (JAVA_RUN_NAMES as readonly string[]).includes(name);
}

/** How the page and the CLI name it: it is Kafka's, not aiokafka's. */
export function javaRunLabel(name: JavaRunName): string {
  return name === 'java-sticky' ? 'sticky (Java)' : `${name} (Java)`;
}

/** The protocol a Java group runs it under. */
export function javaRunProtocol(name: JavaRunName): 'eager' | 'cooperative' {
  return name === 'java-sticky' ? 'eager' : 'cooperative';
}

/** The protocols a Java run can be shown under (undefined: no protocol view, as eager). */
export function javaRunFits(name: JavaRunName, protocol: Protocol | undefined): boolean {
  return (protocol ?? 'eager') === javaRunProtocol(name);
}

export function javaRunFactory(name: JavaRunName): MemberAssignorFactory {
  switch (name) {
    case 'java-sticky':
      return () => new JavaStickyAssignor();
    case 'cooperative-sticky':
      return () => new CooperativeStickyAssignor();
  }
}
