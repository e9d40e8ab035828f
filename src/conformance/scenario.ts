import type { ConformanceScenario } from './formats';
import type { Change, Scenario, Step } from '../scenario/types';

/** A conformance scenario whose first generation already carries history a scenario cannot state. */
export class UnexpressibleScenarioError extends Error {
  override readonly name = 'UnexpressibleScenarioError';
}

/**
 * Rebuilds the steps of a conformance scenario from the differences between its
 * generations, so that replaying it chains member state as the data's generator did.
 * Only scenarios that start from fresh members can be expressed (the `random/` ones do).
 */
export function scenarioFromConformance(source: ConformanceScenario): Scenario {
  const [first, ...rest] = source.generations;
  if (first === undefined)
    throw new UnexpressibleScenarioError(`${source.name} has no generations`);
  const withUserData = first.members.filter((m) => m.userData !== null);
  if (withUserData.length > 0) {
    throw new UnexpressibleScenarioError(
      `${source.name}: in generation 1 ${withUserData.map((m) => m.id).join(', ')} already send user data`,
    );
  }
  const steps: Step[] = [
    {
      changes: first.members.map((m) => ({
        type: 'join',
        member: m.id,
        subscription: m.subscription,
      })),
    },
  ];
  let previous = first;
  for (const current of rest) {
    const changes: Change[] = [];
    for (const topic of Object.keys(previous.cluster)) {
      const before = previous.cluster[topic] as number;
      const after = current.cluster[topic];
      if (after === undefined) changes.push({ type: 'delete-topic', topic });
      else if (after > before) changes.push({ type: 'add-partitions', topic, partitions: after });
      else if (after < before) {
        // Kafka cannot shrink a topic: it was deleted and created again, smaller.
        changes.push(
          { type: 'delete-topic', topic },
          { type: 'create-topic', topic, partitions: after },
        );
      }
    }
    for (const [topic, partitions] of Object.entries(current.cluster)) {
      if (!Object.hasOwn(previous.cluster, topic))
        changes.push({ type: 'create-topic', topic, partitions });
    }

    const before = new Map(previous.members.map((m) => [m.id, m]));
    const after = new Map(current.members.map((m) => [m.id, m]));
    const order = previous.members.map((m) => m.id).filter((id) => after.has(id));
    for (const id of before.keys()) if (!after.has(id)) changes.push({ type: 'leave', member: id });
    for (const member of current.members) {
      const was = before.get(member.id);
      if (was === undefined) continue;
      if (member.userData === null) changes.push({ type: 'restart', member: member.id });
      if (JSON.stringify(was.subscription) !== JSON.stringify(member.subscription)) {
        changes.push({ type: 'subscribe', member: member.id, subscription: member.subscription });
      }
    }
    for (const member of current.members) {
      if (before.has(member.id)) continue;
      order.push(member.id);
      changes.push(
        member.userData === null
          ? { type: 'join', member: member.id, subscription: member.subscription }
          : { type: 'rejoin-stale', member: member.id, subscription: member.subscription },
      );
    }
    const actualOrder = current.members.map((m) => m.id);
    if (JSON.stringify(order) !== JSON.stringify(actualOrder))
      changes.push({ type: 'reorder', order: actualOrder });

    steps.push({ changes });
    previous = current;
  }
  return {
    name: source.name,
    ...(source.description === undefined ? {} : { description: source.description }),
    userDataMode: source.userDataMode,
    cluster: { ...first.cluster },
    steps,
  };
}
