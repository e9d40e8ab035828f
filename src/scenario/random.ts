import { mulberry32 } from '../core/random';
import type { MemberId, Topic } from '../core/types';
import { applyStep, initialState, type GroupState } from './groupState';
import type { Change, Scenario, Step } from './types';

export { mulberry32 } from '../core/random';

export interface RandomScenarioOptions {
  steps?: number;
}

/**
 * A small random scenario for exploring: a few topics and members, then a mix of joins,
 * leaves, restarts, stale rejoins, subscription changes and topic growth. Every step is
 * valid by construction, and the same seed always gives the same scenario.
 */
export function randomScenario(seed: number, options: RandomScenarioOptions = {}): Scenario {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const subset = (topics: readonly Topic[]) => {
    const chosen = topics.filter(() => random() < 0.6);
    return chosen.length > 0 ? chosen : [pick(topics)];
  };

  const topicCount = int(2, 4);
  const cluster: Record<Topic, number> = {};
  const topicNames = ['orders', 'payments', 'clicks', 'audit', 'emails', 'stock'];
  for (let i = 0; i < topicCount; i++) cluster[topicNames[i] as Topic] = int(2, 6);
  const topics = () => Object.keys(state.cluster);

  let nextMember = 0;
  const newMember = (): MemberId => `C${nextMember++}`;
  const sameSubscriptions = random() < 0.5;
  const first: Change[] = [];
  const initialMembers = int(2, 4);
  const shared = subset(Object.keys(cluster));
  for (let i = 0; i < initialMembers; i++) {
    first.push({
      type: 'join',
      member: newMember(),
      subscription: sameSubscriptions ? shared : subset(Object.keys(cluster)),
    });
  }
  const steps: Step[] = [{ changes: first }];
  let state: GroupState = applyStep(initialState(cluster), steps[0] as Step, 0).state;

  const stepCount = options.steps ?? int(5, 8);
  while (steps.length < stepCount) {
    const members = state.members.map((m) => m.id);
    const departed = [...state.departed.keys()];
    const candidates: (() => Change)[] = [
      () => ({
        type: 'join',
        member: newMember(),
        subscription: sameSubscriptions
          ? shared.filter((t) => t in state.cluster)
          : subset(topics()),
      }),
      () => ({ type: 'add-partitions', topic: pick(topics()), partitions: 0 }),
    ];
    if (members.length > 1) candidates.push(() => ({ type: 'leave', member: pick(members) }));
    if (members.length > 0) {
      candidates.push(() => ({ type: 'restart', member: pick(members) }));
      candidates.push(() => ({
        type: 'subscribe',
        member: pick(members),
        subscription: subset(topics()),
      }));
    }
    if (departed.length > 0)
      candidates.push(() => ({ type: 'rejoin-stale', member: pick(departed) }));
    if (topics().length < topicNames.length && random() < 0.3) {
      candidates.push(() => ({
        type: 'create-topic',
        topic: topicNames.find((t) => !(t in state.cluster)) as Topic,
        partitions: int(1, 5),
      }));
    }
    let change = pick(candidates)();
    if (change.type === 'add-partitions') {
      change = { ...change, partitions: (state.cluster[change.topic] ?? 0) + int(1, 3) };
    }
    if (change.type === 'join' && change.subscription.length === 0)
      change = { ...change, subscription: [pick(topics())] };
    const step: Step = { changes: [change] };
    state = applyStep(state, step, steps.length).state;
    steps.push(step);
  }
  return {
    name: `Random scenario (seed ${seed})`,
    description: `A random group made from seed ${seed}; the same seed always gives the same scenario.`,
    userDataMode: 'aiokafka',
    cluster,
    steps,
  };
}
