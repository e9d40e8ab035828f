import type { Protocol } from '../protocol';
import type { BuiltinRunName } from './builtinRuns';
import { protocolRunOf } from './protocolReplay';
import type { GenerationResult } from './replay';
import type { JavaRunName } from './javaRuns';
import type { ServerRunName } from './serverRuns';
import type { Change, Scenario } from './types';

/** A question asked before a generation plays, answered by what the replay shows. */
export interface LessonQuestion {
  /** The generation (1-based) whose rebalance the learner predicts. */
  generation: number;
  prompt: string;
  choices: string[];
  /** Index of the right choice. Unit tests check it against a real replay. */
  answer: number;
  /** Shown after the learner answers and the step plays. */
  reveal: string;
}

export interface Lesson {
  id: string;
  title: string;
  /** One line for the lesson menu. */
  summary: string;
  /** Short paragraphs shown beside the group. */
  explanation: string[];
  scenario: Scenario;
  /**
   * The assignors to show side by side. The first is the one the question is about: it is
   * shown first and drives the metrics, so its figures are the ones the learner compares.
   */
  assignors: (BuiltinRunName | ServerRunName | JavaRunName)[];
  /** The rebalance protocol the lesson plays under (and one beside it); none when absent. */
  protocol?: Protocol;
  comparedProtocol?: Protocol;
  question: LessonQuestion;
  /** Picks the right choice from replay results, so the lesson cannot drift from the code. */
  check: (results: Record<string, readonly GenerationResult[]>) => number;
}

const join = (member: string, subscription: string[]): Change => ({
  type: 'join',
  member,
  subscription,
});

const metricsAt = (
  results: Record<string, readonly GenerationResult[]>,
  assignor: string,
  generation: number,
) => {
  const result = results[assignor]?.[generation - 1];
  if (result === undefined) throw new Error(`no ${assignor} result for generation ${generation}`);
  return result;
};

const ownersOf = (result: GenerationResult, topic: string): Record<number, string> => {
  const owners: Record<number, string> = {};
  for (const member of result.members) {
    for (const [t, partitions] of member.assignment)
      if (t === topic) for (const p of partitions) owners[p] = member.id;
  }
  return owners;
};

/** C2 is evicted, keeps running, and comes back claiming what it had (two lessons use it). */
const STALE_MEMBER_SCENARIO: Scenario = {
  name: 'Lesson: a stale member takes its partitions back',
  userDataMode: 'aiokafka',
  cluster: { a: 6 },
  steps: [
    {
      changes: [join('C1', ['a']), join('C2', ['a']), join('C3', ['a'])],
      note: 'C1, C2 and C3 join',
    },
    {
      changes: [{ type: 'leave', member: 'C2' }],
      note: 'C2 is evicted; its process keeps running',
    },
    { changes: [join('C4', ['a'])], note: 'C4 joins' },
    {
      changes: [
        { type: 'rejoin-stale', member: 'C2' },
        { type: 'reorder', order: ['C2', 'C1', 'C3', 'C4'] },
      ],
      note: 'C2 rejoins with stale user data, listed first',
    },
  ],
};

const allFour = ['t0', 't1', 't2', 't3'];

/** Generation `generation` of `assignor`'s replay as `protocol` plays it. */
export const protocolRunAt = (
  results: Record<string, readonly GenerationResult[]>,
  assignor: string,
  generation: number,
  protocol: Protocol,
) => {
  const previous = generation > 1 ? metricsAt(results, assignor, generation - 1) : undefined;
  const run = protocolRunOf(protocol, previous, metricsAt(results, assignor, generation));
  if (run === undefined) throw new Error(`no ${protocol} run for generation ${generation}`);
  return run;
};

export const LESSONS: Lesson[] = [
  {
    id: 'one-member-leaves',
    title: 'One member leaves',
    summary: 'KIP-54 example 1: sticky keeps every partition that did not have to move.',
    explanation: [
      'Three members C0, C1, C2 read four topics with two partitions each. Sticky and roundrobin start from the same assignment.',
      'Then C1 leaves. Its three partitions must go somewhere, but nothing forces C0 or C2 to give anything up.',
    ],
    scenario: {
      name: 'Lesson: one member leaves',
      userDataMode: 'aiokafka',
      cluster: { t0: 2, t1: 2, t2: 2, t3: 2 },
      steps: [
        { changes: ['C0', 'C1', 'C2'].map((m) => join(m, allFour)), note: 'C0, C1 and C2 join' },
        { changes: [{ type: 'leave', member: 'C1' }], note: 'C1 leaves' },
      ],
    },
    assignors: ['sticky', 'roundrobin'],
    question: {
      generation: 2,
      prompt: 'C1 leaves. How many partitions will sticky take away from C0 and C2?',
      choices: ['None', 'One or two', 'Three or more'],
      answer: 0,
      reveal:
        'None: sticky hands out only C1’s three partitions and C0 and C2 keep all of theirs. Roundrobin deals everything again from scratch and moves two partitions of t1 between C0 and C2, in opposite directions.',
    },
    check: (results) => {
      const moved = metricsAt(results, 'sticky', 2).metrics.moved;
      return moved === 0 ? 0 : moved <= 2 ? 1 : 2;
    },
  },
  {
    id: 'unequal-subscriptions',
    title: 'Unequal subscriptions',
    summary: 'KIP-54 example 2: sticky balances better than roundrobin, and keeps it that way.',
    explanation: [
      'Topics t0, t1, t2 have 1, 2 and 3 partitions. C0 reads t0; C1 reads t0 and t1; C2 reads all three.',
      'Roundrobin deals partitions in order and skips members that do not subscribe, so C2 ends up with four. Sticky aims for the most balanced assignment the subscriptions allow.',
      'Then C0 leaves and its single partition needs a new home.',
    ],
    scenario: {
      name: 'Lesson: unequal subscriptions',
      userDataMode: 'aiokafka',
      cluster: { t0: 1, t1: 2, t2: 3 },
      steps: [
        {
          changes: [join('C0', ['t0']), join('C1', ['t0', 't1']), join('C2', ['t0', 't1', 't2'])],
          note: 'C0, C1 and C2 join with different subscriptions',
        },
        { changes: [{ type: 'leave', member: 'C0' }], note: 'C0 leaves' },
      ],
    },
    assignors: ['sticky', 'roundrobin'],
    question: {
      generation: 2,
      prompt:
        'C0 leaves. Of the five partitions C1 and C2 hold, how many will sticky leave where they are?',
      choices: ['3', '4', '5'],
      answer: 2,
      reveal:
        'All five: C1 simply takes t0-0 on top of its t1 partitions. Roundrobin keeps only three, because dealing again from scratch shuffles t1 between C1 and C2.',
    },
    check: (results) =>
      ['3', '4', '5'].indexOf(String(metricsAt(results, 'sticky', 2).metrics.kept)),
  },
  {
    id: 'more-members-than-partitions',
    title: 'More members than partitions',
    summary: 'A partition has one owner, so extra members sit idle.',
    explanation: [
      'Within a consumer group each partition is read by exactly one member. Adding members beyond the number of partitions adds no throughput.',
      'Five members join a group whose only topic has three partitions. Later the topic grows to five partitions.',
    ],
    scenario: {
      name: 'Lesson: more members than partitions',
      userDataMode: 'aiokafka',
      cluster: { orders: 3 },
      steps: [
        {
          changes: ['C0', 'C1', 'C2', 'C3', 'C4'].map((m) => join(m, ['orders'])),
          note: 'five members join',
        },
        {
          changes: [{ type: 'add-partitions', topic: 'orders', partitions: 5 }],
          note: 'orders grows to 5 partitions',
        },
      ],
    },
    assignors: ['sticky', 'range'],
    question: {
      generation: 1,
      prompt: 'Five members, three partitions. How many members will have nothing to read?',
      choices: ['None', 'Two', 'Three'],
      answer: 1,
      reveal:
        'Two members sit idle: their lanes stay empty. When the topic grows to five partitions, every member gets one.',
    },
    check: (results) => {
      const idle = metricsAt(results, 'sticky', 1).members.filter(
        (m) => m.assignment.length === 0,
      ).length;
      return [0, 2, 3].indexOf(idle);
    },
  },
  {
    id: 'range-skew',
    title: 'Range skews across topics',
    summary: 'Range gives the leftover partitions of every topic to the same members.',
    explanation: [
      'Range works one topic at a time: it sorts the subscribers by id and cuts the partitions into contiguous ranges, giving one extra to the first members when they do not divide evenly.',
      'Because every topic is cut the same way, the same members get the extra partition on every topic.',
    ],
    scenario: {
      name: 'Lesson: range skews across topics',
      userDataMode: 'aiokafka',
      cluster: { orders: 4, payments: 4, shipments: 4 },
      steps: [
        {
          changes: ['C0', 'C1', 'C2'].map((m) => join(m, ['orders', 'payments', 'shipments'])),
          note: 'three members join, each reading three 4-partition topics',
        },
      ],
    },
    assignors: ['range', 'roundrobin'],
    question: {
      generation: 1,
      prompt:
        'Three topics of four partitions, three members. How many partitions will range give C0?',
      choices: ['4', '6', '8'],
      answer: 1,
      reveal:
        'Six: C0 gets two partitions of every topic while C1 and C2 get one each. Roundrobin deals the twelve partitions four to a member.',
    },
    check: (results) => {
      const c0 = metricsAt(results, 'range', 1).members.find((m) => m.id === 'C0');
      const load = c0?.assignment.reduce((sum, [, p]) => sum + p.length, 0) ?? -1;
      return ['4', '6', '8'].indexOf(String(load));
    },
  },
  {
    id: 'revocation',
    title: 'A subscription change forces revocation',
    summary: 'Even sticky must move partitions of a topic their owner stopped reading.',
    explanation: [
      'Stickiness has a limit: a member can only keep partitions of topics it still subscribes to.',
      'C0 and C1 both read orders and payments. Then C1 stops reading payments.',
    ],
    scenario: {
      name: 'Lesson: a subscription change forces revocation',
      userDataMode: 'aiokafka',
      cluster: { orders: 4, payments: 4 },
      steps: [
        {
          changes: [join('C0', ['orders', 'payments']), join('C1', ['orders', 'payments'])],
          note: 'C0 and C1 join',
        },
        {
          changes: [{ type: 'subscribe', member: 'C1', subscription: ['orders'] }],
          note: 'C1 drops payments',
        },
      ],
    },
    assignors: ['sticky', 'roundrobin'],
    question: {
      generation: 2,
      prompt: 'C1 stops reading payments. Can sticky leave all of C1’s partitions with C1?',
      choices: [
        'Yes, sticky never moves a partition it does not have to',
        'No, its payments partitions must move to C0',
      ],
      answer: 1,
      reveal:
        'C1’s payments partitions are revoked and go to C0, the only member still reading payments. To stay balanced, sticky then gives C1 orders partitions from C0 in exchange. That is why sticky counts 4 moved and roundrobin only 2. Roundrobin moves just the two payments partitions that must move and leaves C0 with six partitions to C1’s two (spread 4). Sticky also hands orders-0 and orders-2 from C0 to C1, so each ends with four (spread 0): two more moves, bought for balance.',
    },
    check: (results) => {
      const owners = ownersOf(metricsAt(results, 'sticky', 2), 'payments');
      return Object.values(owners).every((owner) => owner === 'C0') ? 1 : 0;
    },
  },
  {
    id: 'stale-rejoin',
    title: 'A stale member takes its partitions back',
    summary: 'Generation −1 lets an old claim beat the current owner’s.',
    explanation: [
      'A sticky member sends its previous assignment and a generation. aiokafka 0.14 never records the generation, so every member sends −1.',
      'C1, C2 and C3 share six partitions. C2 is evicted while its process keeps running; C1 and C3 take over its partitions, then C4 joins and takes one partition from each of them. Then C2 comes back, listed first, still claiming its old partitions a-1 and a-4 as generation −1.',
      'With equal generations the first claimant in member order wins. Switch the user data generation to “the real generation” to see the difference: C1’s and C3’s newer claims win, C2 gets only a-5 from C4, and one partition moves instead of two.',
    ],
    scenario: STALE_MEMBER_SCENARIO,
    assignors: ['sticky'],
    question: {
      generation: 4,
      prompt:
        'C2 comes back claiming a-1 and a-4. C1 now holds a-1 and C3 holds a-4, and they claim them too, all as generation −1. Who gets a-1 and a-4?',
      choices: ['C2 takes both back', 'C1 and C3 keep them; C2 gets a partition from elsewhere'],
      answer: 0,
      reveal:
        'C2 takes both back: its claims come first and tie with C1’s and C3’s at generation −1, so C1 and C3 each lose a partition they were processing. With real generations their newer claims would win.',
    },
    check: (results) => {
      const owners = ownersOf(metricsAt(results, 'sticky', 4), 'a');
      return owners[1] === 'C2' && owners[4] === 'C2' ? 0 : 1;
    },
  },
  {
    id: 'java-sticky-stale',
    title: 'Kafka’s Java sticky: the same stale member',
    summary: 'Real generations and a quota per member: Kafka’s own sticky moves one partition.',
    explanation: [
      'Kafka’s Java sticky has moved on from the version aiokafka ported: members always send their real generation, and when all read the same topics each gets a quota (here two keep two, two keep one).',
      'The stale-member scenario again: C2, evicted but still running, comes back first in line claiming a-1 and a-4 as generation 1; C1, C3 and C4 send generation 3. aiokafka’s sticky plays beside it.',
    ],
    scenario: { ...STALE_MEMBER_SCENARIO, name: 'Lesson: Kafka’s Java sticky and a stale member' },
    assignors: ['java-sticky', 'sticky'],
    question: {
      generation: 4,
      prompt:
        'C1 holds a-1 and C3 holds a-4 (generation 3); C2 claims both (generation 1). How many partitions will Kafka’s Java sticky take from a member that stays?',
      choices: ['No partition', 'One partition', 'Two partitions'],
      answer: 1,
      reveal:
        'One. The newer claims win; then, in the leader’s Java HashMap order, C3 and C4 keep two and C1 only a-0, so a-1 goes to C2. aiokafka’s sticky, its members all at −1, moves two.',
    },
    check: (results) => Math.min(2, metricsAt(results, 'java-sticky', 4).metrics.moved),
  },
  {
    id: 'topic-grows',
    title: 'A topic grows',
    summary: 'Sticky hands out the new partitions and moves nothing else; range shifts its ranges.',
    explanation: [
      'Adding partitions to a topic starts a rebalance. The new partitions have no owner yet.',
      'Three members share a six-partition topic. It grows to nine partitions.',
    ],
    scenario: {
      name: 'Lesson: a topic grows',
      userDataMode: 'aiokafka',
      cluster: { clicks: 6 },
      steps: [
        { changes: ['C0', 'C1', 'C2'].map((m) => join(m, ['clicks'])), note: 'three members join' },
        {
          changes: [{ type: 'add-partitions', topic: 'clicks', partitions: 9 }],
          note: 'clicks grows to 9 partitions',
        },
      ],
    },
    assignors: ['range', 'sticky'],
    question: {
      generation: 2,
      prompt: 'clicks grows from 6 to 9 partitions. How many existing partitions will range move?',
      choices: ['None', 'Some', 'All but a few'],
      answer: 1,
      reveal:
        'Range moves some: its contiguous ranges shift (C0 had 0–1, now 0–2), so partitions change owner. Sticky moves none and simply gives each member one new partition.',
    },
    check: (results) => {
      const moved = metricsAt(results, 'range', 2).metrics.moved;
      return moved === 0 ? 0 : moved < 5 ? 1 : 2;
    },
  },
  {
    id: 'aiokafka-stale-hand-back',
    title: 'An aiokafka defect: a partition handed back to a non-subscriber',
    summary: 'aiokafka 0.14 can give a stale member a partition of a topic it left.',
    explanation: [
      'With real generation numbers (counter mode), a member that rejoins with stale user data loses its old claims to the newer owner, but stays their "previous owner".',
      'To restore balance, aiokafka 0.14 hands such partitions back to their previous owner without checking that it still subscribes to their topic. The playground reproduces this faithfully; the "aiokafka defects" switch corrects it.',
      'C2 reads t1 and t2, leaves, and comes back stale subscribed only to t0.',
    ],
    scenario: {
      name: 'Lesson: a partition handed back to a non-subscriber',
      userDataMode: 'counter',
      cluster: { t0: 4, t1: 7, t2: 5 },
      steps: [
        {
          changes: [
            join('C0', ['t0', 't2']),
            join('C1', ['t0', 't1']),
            join('C2', ['t1', 't2']),
            join('C3', ['t1', 't2']),
          ],
          note: 'four members join',
        },
        { changes: [{ type: 'leave', member: 'C2' }], note: 'C2 leaves' },
        {
          changes: [
            { type: 'leave', member: 'C0' },
            { type: 'rejoin-stale', member: 'C2', subscription: ['t0'] },
          ],
          note: 'C0 leaves; C2 rejoins stale, now on t0 only',
        },
      ],
    },
    assignors: ['sticky', 'sticky-fixed'],
    question: {
      generation: 3,
      prompt:
        'C2 rejoins with its old assignment, now subscribed only to t0. What does aiokafka 0.14 give it?',
      choices: [
        'Only partitions of t0',
        'Partitions of t0, and one of t1 although it no longer reads t1',
        'Nothing: a stale member starts afresh',
      ],
      answer: 1,
      reveal:
        'aiokafka hands t1-2 back to C2 as its previous owner: an invalid assignment, shown with a verdict and the partition marked on its lane. sticky (fixed) only hands partitions back to subscribers.',
    },
    check: (results) => {
      const c2 = metricsAt(results, 'sticky', 3).members.find((m) => m.id === 'C2');
      const topics = c2?.assignment.map(([topic]) => topic) ?? [];
      if (topics.length === 0) return 2;
      return topics.every((topic) => topic === 't0') ? 0 : 1;
    },
  },
  {
    id: 'eager-vs-cooperative',
    title: 'Eager vs cooperative: what stops',
    summary: 'The same assignment, two protocols: everything stops, or only what moves.',
    explanation: [
      'C0 and C1 share orders, three partitions each. C2 joins, and sticky gives it one partition from each: two move, four stay.',
      'The assignment is the same under both protocols. What differs is what the group stops while it rebalances: eager (what aiokafka speaks) revokes everything first, cooperative (KIP-429) revokes only what changes owner and hands it out in a second round.',
      'Step through the rounds (tick Step through rounds and press →) to see who is paused when.',
    ],
    scenario: {
      name: 'Lesson: eager vs cooperative',
      userDataMode: 'aiokafka',
      cluster: { orders: 6 },
      steps: [
        { changes: [join('C0', ['orders']), join('C1', ['orders'])], note: 'C0 and C1 join' },
        { changes: [join('C2', ['orders'])], note: 'C2 joins' },
      ],
    },
    assignors: ['sticky'],
    protocol: 'eager',
    comparedProtocol: 'cooperative',
    question: {
      generation: 2,
      prompt:
        'C2 joins; sticky moves two partitions to it. Which partitions stop being consumed during the rebalance?',
      choices: [
        'Only the two that move, under both protocols',
        'All six under eager, only the two that move under cooperative',
        'All six under both: every rebalance stops the group',
      ],
      answer: 1,
      reveal:
        'Eager: every member revokes everything before it rejoins, so all 6 partitions stop (4800 partition·ms), even the four that stay where they were; C0 is paused 1300 ms. Cooperative: C0 and C1 keep consuming while they rejoin and revoke only orders-4 and orders-5; C2 gets them in a second round. 2 partitions stop (2000 partition·ms) and C0 and C1 never pause, at the price of 2 rounds instead of 1.',
    },
    check: (results) => {
      const eager = protocolRunAt(results, 'sticky', 2, 'eager').metrics;
      const cooperative = protocolRunAt(results, 'sticky', 2, 'cooperative').metrics;
      const moved = metricsAt(results, 'sticky', 2).metrics.moved;
      const all = metricsAt(results, 'sticky', 2).metrics.partitions;
      if (eager.unconsumedPartitions === all && cooperative.unconsumedPartitions === moved)
        return 1;
      return eager.unconsumedPartitions === moved ? 0 : 2;
    },
  },
  {
    id: 'kip848-reconciliation',
    title: 'KIP-848: a partition waits for its old owner',
    summary: 'The coordinator never gives a partition to two members: the new owner waits.',
    explanation: [
      'With Kafka 4.0’s consumer protocol there is no JoinGroup barrier. The coordinator computes a target with a server-side assignor (here uniform) and each member reconciles on its own, at its heartbeats.',
      'C0 and C1 own orders-0…2 and orders-3…5. C2 joins and is listed first, so it hears from the coordinator first: its target holds orders-2 (still C0’s) and orders-5 (still C1’s).',
    ],
    scenario: {
      name: 'Lesson: KIP-848 reconciliation',
      userDataMode: 'aiokafka',
      cluster: { orders: 6 },
      steps: [
        { changes: [join('C0', ['orders']), join('C1', ['orders'])], note: 'C0 and C1 join' },
        {
          changes: [join('C2', ['orders']), { type: 'reorder', order: ['C2', 'C0', 'C1'] }],
          note: 'C2 joins, listed first',
        },
      ],
    },
    assignors: ['server-uniform'],
    protocol: 'consumer',
    question: {
      generation: 2,
      prompt:
        'C2 learns its target (orders-2 and orders-5) at its first heartbeat, before C0 and C1 have given them up. When does it start consuming them?',
      choices: [
        'At once: the target is the coordinator’s decision',
        'Only after C0 and C1 have revoked them and acknowledged it; until then C2 waits',
        'When every member has rejoined, as in eager',
      ],
      answer: 1,
      reveal:
        'C2 hears its target at 1000 ms and stays in unreleased-partitions (epoch 2): orders-2 is C0’s until C0 revokes it at 2500 ms and acks by heartbeat at 2600 ms (C0 keeps its old epoch 1 until then, in unrevoked-partitions), orders-5 C1’s until 3600 ms. The coordinator hands both to C2 at its next heartbeat (4000 ms) and it consumes them from 4500 ms: orders-2 was unconsumed 2000 ms, orders-5 1000 ms. No partition ever had two owners, and C0 and C1 never stopped their other partitions.',
    },
    check: (results) => {
      const run = protocolRunAt(results, 'server-uniform', 2, 'consumer');
      const waited = run.events.some(
        (e) => e.type === 'state' && e.member === 'C2' && e.state === 'unreleased-partitions',
      );
      const assignedAt = run.events.find((e) => e.type === 'assign' && e.member === 'C2')?.at;
      const released = run.events
        .filter((e) => e.type === 'revoke' && e.member !== 'C2')
        .map((e) => e.at);
      if (assignedAt === undefined) return 2;
      if (!waited || released.some((at) => at > assignedAt)) return 0;
      // Everyone released at different times: not a group-wide barrier, but a hand-over per partition.
      return 1;
    },
  },
  {
    id: 'static-membership',
    title: 'Static membership: a restart without a rebalance',
    summary: 'With group.instance.id, a member back within its session timeout moves nothing.',
    explanation: [
      'C0, C1 and C2 share orders, two partitions each. C1 is redeployed twice.',
      'The first time it is a dynamic member: shutting down it sends LeaveGroup (a rebalance: its partitions go to C0 and C2), and it comes back as a new member (another rebalance). Under eager, both stop the whole group.',
      'The second time it has a group.instance.id (KIP-345, static membership) and is back in 10 s, within its 45 s session timeout.',
    ],
    scenario: {
      name: 'Lesson: static membership',
      userDataMode: 'aiokafka',
      cluster: { orders: 6 },
      steps: [
        {
          changes: [join('C0', ['orders']), join('C1', ['orders']), join('C2', ['orders'])],
          note: 'C0, C1 and C2 join',
        },
        { changes: [{ type: 'leave', member: 'C1' }], note: 'C1 shuts down (dynamic: LeaveGroup)' },
        { changes: [join('C1', ['orders'])], note: 'C1 is back, as a new member' },
        {
          changes: [{ type: 'static-restart', member: 'C1', downtimeMs: 10_000 }],
          note: 'C1 restarts as a static member, back in 10 s',
        },
      ],
    },
    assignors: ['sticky'],
    protocol: 'eager',
    question: {
      generation: 4,
      prompt:
        'C1 restarts again, now as a static member, and is back in 10 s, within its session timeout. What does the group go through?',
      choices: [
        'Two rebalances again: its partitions go to C0 and C2 and come back',
        'One rebalance: it rejoins without user data and gets what sticky gives a new member',
        'No rebalance: the coordinator gives C1 its own partitions back; only those wait, while it is down',
      ],
      answer: 2,
      reveal:
        'No rebalance at all: the coordinator keeps C1’s place while it is away and answers its rejoin from its cache, so nothing moves and C0 and C2 never stop. Only C1’s two partitions wait, for its 10 s downtime and one coordinator round trip: 20400 partition·ms. The dynamic restart before it took two rebalances, and under eager each one stopped all six partitions.',
    },
    check: (results) => {
      const restart = metricsAt(results, 'sticky', 4);
      const before = metricsAt(results, 'sticky', 3);
      const c1 = (r: GenerationResult) =>
        JSON.stringify(r.members.find((m) => m.id === 'C1')?.assignment);
      if (restart.rebalanced) return restart.metrics.moved === 0 ? 1 : 0;
      return restart.metrics.moved === 0 && c1(restart) === c1(before) ? 2 : 0;
    },
  },
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}

/** The scenario on first load: small, and shows sticky keeping what it can. */
export const DEFAULT_SCENARIO: Scenario = {
  name: 'Orders and payments',
  description: 'Three consumers share two topics; one joins late, one leaves, and orders grows.',
  userDataMode: 'aiokafka',
  cluster: { orders: 6, payments: 4 },
  steps: [
    {
      changes: [
        join('C0', ['orders', 'payments']),
        join('C1', ['orders', 'payments']),
        join('C2', ['orders']),
      ],
      note: 'C0, C1 and C2 join',
    },
    { changes: [join('C3', ['orders', 'payments'])], note: 'C3 joins' },
    { changes: [{ type: 'leave', member: 'C1' }], note: 'C1 leaves' },
    {
      changes: [{ type: 'add-partitions', topic: 'orders', partitions: 8 }],
      note: 'orders grows to 8 partitions',
    },
  ],
};
