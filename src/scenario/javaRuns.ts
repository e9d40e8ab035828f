/**
 * Assignors of Kafka's Java client, as replay runs: what a group of Java consumers computes on
 * the same scenario, beside aiokafka's. Each member process is a fresh Java-consumer assignor
 * that knows its generation and owned partitions; the replay gives it follow-up rebalances when
 * a member revoked something, as the cooperative protocol (KIP-429) does. That is how a Java
 * group runs `cooperative-sticky`, so the run fits the cooperative protocol (and the plain
 * view); under eager a Java consumer revokes everything and reports nothing owned.
 */
import { CooperativeStickyAssignor } from '../core/assignors/kafka';
import type { Protocol } from '../protocol';
import type { MemberAssignorFactory } from './replay';

export const JAVA_RUN_NAMES = ['cooperative-sticky'] as const;
export type JavaRunName = (typeof JAVA_RUN_NAMES)[number];

export function isJavaRunName(name: string): name is JavaRunName {
  return (JAVA_RUN_NAMES as readonly string[]).includes(name);
}

/** How the page and the CLI name it: it is Kafka's, not aiokafka's. */
export function javaRunLabel(name: JavaRunName): string {
  return `${name} (Java)`;
}

/** The protocols a Java run can be shown under (undefined: no protocol view). */
export function javaRunFits(protocol: Protocol | undefined): boolean {
  return protocol === undefined || protocol === 'cooperative';
}

export function javaRunFactory(name: JavaRunName): MemberAssignorFactory {
  switch (name) {
    case 'cooperative-sticky':
      return () => new CooperativeStickyAssignor();
  }
}
