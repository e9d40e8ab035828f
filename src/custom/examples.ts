/**
 * The editor's starting template and examples: one that works, some that are wrong in the
 * ways people's assignors are wrong, and the aiokafka style. Each says what it shows.
 * The tests run every one of them and check the verdict its description promises.
 */
import type { AssignorLanguage } from './compile';

export interface AssignorExample {
  readonly id: string;
  /** The label in the examples menu. */
  readonly title: string;
  /** What it does, and what to expect when it runs. */
  readonly description: string;
  readonly kind: 'template' | 'working' | 'broken';
  readonly language: AssignorLanguage;
  readonly source: string;
}

/** Types the short examples share; the template spells the interface out in full. */
const TYPES = `type Members = ReadonlyMap<string, { subscription: readonly string[]; userData: Uint8Array }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };
type Result = Map<string, { assignment: [string, number[]][] }>;`;

/** Every member with an empty assignment, and a way to add a partition to one. */
const HELPERS = `function emptyResult(members: Members): Result {
  return new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
}

function give(result: Result, member: string, topic: string, partition: number): void {
  const entries = result.get(member)!.assignment;
  const entry = entries.find(([t]) => t === topic);
  if (entry) entry[1].push(partition);
  else entries.push([topic, [partition]]);
}

function subscribedTopics(members: Members): string[] {
  return [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
}

function partitionsOf(cluster: Cluster, topic: string): number[] {
  return [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
}`;

export const TEMPLATE: AssignorExample = {
  id: 'template',
  title: 'Template',
  description:
    'The interface to implement, documented, with a simple assign that deals each topic out to its subscribers in turn.',
  kind: 'template',
  language: 'typescript',
  source: `/**
 * Your assignor. Export it as the module's default export, in any of three styles:
 * an object (like this one), a class with instance methods, or a class with static
 * methods (aiokafka's style). \`name\` and \`assign\` are required; \`metadata\`,
 * \`onAssignment\` and \`onGenerationAssignment\` are optional.
 *
 * Every member of the simulated group gets its own copy, so \`this.x = …\` is that
 * member's state. Everything is synchronous. Types are removed, not checked; imports
 * are not available. The full interface: docs/assignors.md.
 */

type Topic = string;
type MemberId = string;

interface ClusterMetadata {
  /** Every topic the cluster has. */
  topics(): ReadonlySet<Topic>;
  /** The partition ids of \`topic\`, or undefined when the cluster does not have it. */
  partitionsForTopic(topic: Topic): ReadonlySet<number> | undefined;
}

/** What a member sent when it joined: its subscription and its assignor's user data. */
interface MemberMetadata {
  version: number;
  subscription: readonly Topic[];
  userData: Uint8Array;
}

/** What a member gets: [topic, partitions] pairs. version and userData are optional. */
interface MemberAssignment {
  version?: number;
  assignment: [Topic, number[]][];
  userData?: Uint8Array;
}

export default {
  /** The protocol name members advertise. */
  name: 'my-assignor',

  /**
   * Runs on the group leader at every rebalance; \`members\` is in join order.
   * Return an entry for every member (an empty assignment for one that gets nothing),
   * and give each partition of each subscribed topic to exactly one of its subscribers.
   */
  assign(
    cluster: ClusterMetadata,
    members: ReadonlyMap<MemberId, MemberMetadata>,
  ): Map<MemberId, MemberAssignment> {
    const result = new Map<MemberId, MemberAssignment>();
    for (const id of members.keys()) result.set(id, { assignment: [] });

    const topics = new Set([...members.values()].flatMap((m) => m.subscription));
    for (const topic of [...topics].sort()) {
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      const subscribers = [...members].filter(([, m]) => m.subscription.includes(topic));
      // Deal the topic's partitions out to its subscribers in turn.
      subscribers.forEach(([id], i) => {
        const mine = partitions.filter((_, p) => p % subscribers.length === i);
        if (mine.length > 0) result.get(id)!.assignment.push([topic, mine]);
      });
    }
    return result;
  },

  /**
   * Optional. What this member sends when it joins; without it, the subscription and no
   * user data. Put what the leader should know (e.g. this member's previous partitions)
   * in \`userData\`: the leader sees other members only through it.
   */
  metadata(topics: Iterable<Topic>): Partial<MemberMetadata> {
    return { subscription: [...topics] };
  },

  /** Optional. This member's assignment after each rebalance: remember what you need. */
  onAssignment(assignment: MemberAssignment): void {
    void assignment;
  },
};
`,
};

const leastLoaded: AssignorExample = {
  id: 'least-loaded',
  title: 'Least loaded (works)',
  description:
    'Gives each partition to the subscriber that holds the fewest partitions so far. A class with instance methods. Valid in every generation.',
  kind: 'working',
  language: 'typescript',
  source: `// Least loaded: each partition goes to the member with the fewest partitions among the
// topic's subscribers (ties: the earliest to join). Balanced, but not sticky: compare it
// with sticky to see partitions move that did not have to.
${TYPES}

export default class LeastLoaded {
  name = 'least-loaded';

  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    const load = new Map([...members.keys()].map((id) => [id, 0]));
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members].filter(([, m]) => m.subscription.includes(topic));
      for (const partition of partitionsOf(cluster, topic)) {
        let best = subscribers[0]![0];
        for (const [id] of subscribers) if (load.get(id)! < load.get(best)!) best = id;
        give(result, best, topic, partition);
        load.set(best, load.get(best)! + 1);
      }
    }
    return result;
  }
}

${HELPERS}
`,
};

const dropsPartition: AssignorExample = {
  id: 'drops-partition',
  title: 'Broken: drops a partition',
  description:
    'An off-by-one leaves the last partition of every topic to no one: the validator lists them as unassigned.',
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: the loop stops one partition early.
${TYPES}

export default {
  name: 'drops-a-partition',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members.keys()].filter((id) =>
        members.get(id)!.subscription.includes(topic),
      );
      const partitions = partitionsOf(cluster, topic);
      for (let i = 0; i < partitions.length - 1; i++) {
        give(result, subscribers[i % subscribers.length]!, topic, partitions[i]!);
      }
    }
    return result;
  },
};

${HELPERS}
`,
};

const duplicates: AssignorExample = {
  id: 'duplicate',
  title: 'Broken: gives one partition to two members',
  description:
    "Splits topics into ranges that overlap by one, so a range's last partition is also the next member's first: duplicated tokens.",
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: each member's range reaches one partition into the next member's.
${TYPES}

export default {
  name: 'overlapping-ranges',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members.keys()].filter((id) =>
        members.get(id)!.subscription.includes(topic),
      );
      const partitions = partitionsOf(cluster, topic);
      const size = Math.ceil(partitions.length / subscribers.length);
      subscribers.forEach((id, i) => {
        for (const partition of partitions.slice(i * size, (i + 1) * size + 1)) {
          give(result, id, topic, partition);
        }
      });
    }
    return result;
  },
};

${HELPERS}
`,
};

const unsubscribedTopic: AssignorExample = {
  id: 'unsubscribed-topic',
  title: 'Broken: assigns an unsubscribed topic',
  description:
    'Deals every topic of the cluster to every member, whatever they subscribe to: misassigned tokens where a member does not read the topic.',
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: walks the cluster's topics and all members, not the subscriptions.
type Members = ReadonlyMap<string, { subscription: readonly string[] }>;
type Cluster = {
  topics(): ReadonlySet<string>;
  partitionsForTopic(topic: string): ReadonlySet<number> | undefined;
};

export default {
  name: 'ignores-subscriptions',
  assign(cluster: Cluster, members: Members) {
    const ids = [...members.keys()];
    const result = new Map(ids.map((id) => [id, { assignment: [] as [string, number[]][] }]));
    let next = 0;
    for (const topic of [...cluster.topics()].sort()) {
      for (const partition of cluster.partitionsForTopic(topic) ?? []) {
        const entries = result.get(ids[next++ % ids.length]!)!.assignment;
        const entry = entries.find(([t]) => t === topic);
        if (entry) entry[1].push(partition);
        else entries.push([topic, [partition]]);
      }
    }
    return result;
  },
};
`,
};

const neverReturns: AssignorExample = {
  id: 'never-returns',
  title: 'Broken: never returns',
  description:
    'Skips members that do not subscribe to a topic with a loop that forgets to move on: it hangs as soon as one member reads fewer topics than the others, and the deadline stops it.',
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: the search for the next subscriber never advances past a member that
// does not subscribe to the topic, so it spins forever.
${TYPES}

export default {
  name: 'never-returns',
  assign(cluster: Cluster, members: Members): Result {
    const ids = [...members.keys()];
    const result = emptyResult(members);
    let next = 0;
    for (const topic of subscribedTopics(members)) {
      for (const partition of partitionsOf(cluster, topic)) {
        while (!members.get(ids[next % ids.length]!)!.subscription.includes(topic)) {
          // forgot: next++;
        }
        give(result, ids[next % ids.length]!, topic, partition);
        next++;
      }
    }
    return result;
  },
};

${HELPERS}
`,
};

const throws: AssignorExample = {
  id: 'throws',
  title: 'Broken: throws',
  description:
    "Expects JSON in every member's user data, but members send none: JSON.parse throws, and every rebalance fails.",
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: reads user data that no member's metadata() ever sends.
${TYPES}

export default {
  name: 'throws',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const [id, metadata] of members) {
      const previous = JSON.parse(new TextDecoder().decode(metadata.userData));
      for (const [topic, partitions] of previous.owned) {
        for (const partition of partitions) give(result, id, topic, partition);
      }
    }
    return result;
  },
};

${HELPERS}
`,
};

const recursesForever: AssignorExample = {
  id: 'recurses-forever',
  title: 'Broken: recurses forever',
  description:
    'A recursive helper that never shrinks its input overflows the stack: "recursed without end".',
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: \`deal\` calls itself with the same partitions, never reaching its base case.
${TYPES}

function deal(result: Result, topic: string, partitions: number[], ids: string[], turn: number): void {
  if (partitions.length === 0) return;
  give(result, ids[turn % ids.length]!, topic, partitions[0]!);
  deal(result, topic, partitions, ids, turn + 1); // should be partitions.slice(1)
}

export default {
  name: 'recurses-forever',
  assign(cluster: Cluster, members: Members): Result {
    const result = emptyResult(members);
    for (const topic of subscribedTopics(members)) {
      const subscribers = [...members.keys()].filter((id) =>
        members.get(id)!.subscription.includes(topic),
      );
      deal(result, topic, partitionsOf(cluster, topic), subscribers, 0);
    }
    return result;
  },
};

${HELPERS}
`,
};

const allocatesWithoutBound: AssignorExample = {
  id: 'allocates-without-bound',
  title: 'Broken: allocates without bound',
  description:
    'Keeps a history of every candidate assignment it considers, and considers them forever: it runs out of memory (or out of time first).',
  kind: 'broken',
  language: 'typescript',
  source: `// Broken on purpose: the search never ends, and it remembers everything it tried.
type Members = ReadonlyMap<string, { subscription: readonly string[] }>;

export default {
  name: 'allocates-without-bound',
  assign(_cluster: unknown, members: Members) {
    const tried: number[][] = [];
    let found = false;
    while (!found) {
      const candidate = new Array(100_000).fill(tried.length);
      tried.push(candidate); // remembered, never freed
      found = candidate.length === 0; // never true
    }
    return new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
  },
};
`,
};

const aiokafkaStyle: AssignorExample = {
  id: 'aiokafka-static-class',
  title: 'aiokafka style: static class (works)',
  description:
    'A round-robin written the way aiokafka writes assignors: a class with static methods and state on the class, in JavaScript with module.exports. Each member gets its own subclass, so the state is per member.',
  kind: 'working',
  language: 'javascript',
  source: `// aiokafka's style: classmethods (static methods here) and state on the class. The
// playground gives each member its own subclass, so \`this.rebalances = …\` lands on that
// member's copy and members never overwrite each other's state (aiokafka#1175).
class RoundRobinPort {
  static name = 'roundrobin-port';
  static rebalances = 0; // where every member starts

  static assign(cluster, members) {
    const ids = [...members.keys()].sort();
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
    const topics = [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
    let next = 0;
    for (const topic of topics) {
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      for (const partition of partitions) {
        // The next member, in turn, that subscribes to the topic.
        let id = ids[next++ % ids.length];
        while (!members.get(id).subscription.includes(topic)) id = ids[next++ % ids.length];
        const entries = result.get(id).assignment;
        const entry = entries.find(([t]) => t === topic);
        if (entry) entry[1].push(partition);
        else entries.push([topic, [partition]]);
      }
    }
    return result;
  }

  // aiokafka calls this on_assignment; here it is onAssignment.
  static onAssignment(assignment) {
    this.rebalances += 1;
  }
}

module.exports = RoundRobinPort;
`,
};

const aiokafkaNames: AssignorExample = {
  id: 'aiokafka-names',
  title: 'Broken: aiokafka names (will not load)',
  description:
    'Uses on_assignment and forgets assign: the loader names both problems and points to the migration notes.',
  kind: 'broken',
  language: 'javascript',
  source: `// Broken on purpose: a half-ported aiokafka assignor. The loader refuses it and says why.
class HalfPorted {
  static name = 'half-ported';

  static partition_assign(cluster, members) {
    return new Map();
  }

  static on_assignment(assignment) {
    this.previous = assignment;
  }
}

export default HalfPorted;
`,
};

/** The examples menu, in order: the template first, then working, then broken. */
export const EXAMPLES: readonly AssignorExample[] = [
  TEMPLATE,
  leastLoaded,
  aiokafkaStyle,
  dropsPartition,
  duplicates,
  unsubscribedTopic,
  throws,
  neverReturns,
  recursesForever,
  allocatesWithoutBound,
  aiokafkaNames,
];

export function findExample(id: string): AssignorExample | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
