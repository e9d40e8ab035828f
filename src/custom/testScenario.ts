/**
 * A small scenario and assignors for the custom-assignor tests (not shipped: only tests
 * import it). Three generations; `b` reads fewer topics than the others.
 */
import type { Scenario } from '../scenario/types';

export const SMALL_SCENARIO: Scenario = {
  name: 'small',
  userDataMode: 'counter',
  cluster: { t: 4, u: 2 },
  steps: [
    {
      changes: [
        { type: 'join', member: 'a', subscription: ['t', 'u'] },
        { type: 'join', member: 'b', subscription: ['t'] },
      ],
    },
    { changes: [{ type: 'join', member: 'c', subscription: ['t', 'u'] }] },
    { changes: [{ type: 'leave', member: 'b' }] },
  ],
};

/** Deals each topic out to its subscribers in turn: valid in every generation. */
export const DEALER = `
type Members = ReadonlyMap<string, { subscription: readonly string[] }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };

export default class Dealer {
  name = 'dealer';
  rounds = 0;

  assign(cluster: Cluster, members: Members) {
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] as [string, number[]][] }]));
    const topics = [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
    for (const topic of topics) {
      const subscribers = [...members].filter(([, m]) => m.subscription.includes(topic));
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((x, y) => x - y);
      subscribers.forEach(([id], i) => {
        const mine = partitions.filter((p) => p % subscribers.length === i);
        if (mine.length > 0) result.get(id)!.assignment.push([topic, mine]);
      });
    }
    return result;
  }

  metadata(topics: Iterable<string>) {
    return { subscription: [...topics], userData: new Uint8Array([this.rounds]) };
  }

  onAssignment() {
    this.rounds += 1;
  }
}
`;

/**
 * Like {@link DEALER}, but `assign` runs `trouble` first when the group has `members`
 * members (generation 2 of the small scenario has 3).
 */
export function dealerWithTrouble(trouble: string, members = 3): string {
  return DEALER.replace(
    'assign(cluster: Cluster, members: Members) {',
    `assign(cluster: Cluster, members: Members) {\n    if (members.size === ${members}) { ${trouble} }`,
  );
}
