import type { ServerAssignment, ServerGroup } from './types';
import {
  existingPartitions,
  existingSubscription,
  indexTopics,
  toServerAssignment,
  type IndexedTopic,
} from './groupIndex';
import { compareTopicIds } from './topicId';

/** How many passes over the topics the balancing step makes at most (Kafka's limit). */
const MAX_BALANCE_PASSES = 16;

/**
 * Uniform for a group whose members subscribe to different topics (Kafka's
 * `UniformHeterogeneousAssignmentBuilder`). Members are numbered in group order.
 *
 * 1. Each member keeps every partition it owns of the topics it still subscribes to.
 * 2. Unowned partitions go, topic by topic, to the topic's least loaded subscriber (by total
 *    partition count, then member number).
 * 3. Balancing passes: per topic, partitions move from the most to the least loaded subscribers
 *    until their totals differ by at most one, repeated until a full pass moves nothing.
 *
 * Topics are visited in one order everywhere: most partitions per subscriber first, then fewer
 * subscribers, then topic id (Kafka's `Uuid.compareTo`).
 */
export function assignUniformHeterogeneous(group: ServerGroup): ServerAssignment {
  return new HeterogeneousBuilder(group).build();
}

class HeterogeneousBuilder {
  private readonly topics: Map<string, IndexedTopic>;
  private readonly memberIds: string[];
  /** Member numbers subscribed to each topic, ascending. */
  private readonly subscribers = new Map<string, number[]>();
  private readonly sizes: number[];
  /** Owner member number per partition of each subscribed topic, -1 when nobody. */
  private readonly owners = new Map<string, number[]>();
  private readonly target = new Map<string, Map<string, Set<number>>>();

  constructor(private readonly group: ServerGroup) {
    this.topics = indexTopics(group);
    this.memberIds = group.members.map((m) => m.id);
    this.sizes = new Array<number>(this.memberIds.length).fill(0);
    group.members.forEach((member, index) => {
      for (const topic of existingSubscription(member.subscription, this.topics)) {
        const list = this.subscribers.get(topic);
        if (list === undefined) this.subscribers.set(topic, [index]);
        else list.push(index);
      }
    });
    for (const topic of this.subscribers.keys()) {
      this.owners.set(topic, new Array<number>(this.partitionCount(topic)).fill(-1));
    }
  }

  build(): ServerAssignment {
    if (this.subscribers.size > 0) {
      this.keepOwnedPartitions();
      this.assignUnowned();
      this.balance();
    }
    return toServerAssignment(this.memberIds, this.target);
  }

  private partitionCount(topic: string): number {
    return this.topics.get(topic)?.partitions ?? 0;
  }

  private subscribersOf(topic: string): number[] {
    return this.subscribers.get(topic) ?? [];
  }

  private readonly compareTopics = (a: string, b: string): number => {
    const subsA = this.subscribersOf(a).length;
    const subsB = this.subscribersOf(b).length;
    const byDensity = this.partitionCount(b) / subsB - this.partitionCount(a) / subsA;
    if (byDensity !== 0) return byDensity > 0 ? 1 : -1;
    if (subsA !== subsB) return subsA - subsB;
    return compareTopicIds(
      (this.topics.get(a) as IndexedTopic).id,
      (this.topics.get(b) as IndexedTopic).id,
    );
  };

  private sortTopics(topics: Iterable<string>): string[] {
    return [...topics].sort(this.compareTopics);
  }

  private keepOwnedPartitions(): void {
    this.group.members.forEach((member, index) => {
      const subscribed = new Set(existingSubscription(member.subscription, this.topics));
      const assignment = new Map<string, Set<number>>();
      for (const [topic, all] of member.current) {
        if (!subscribed.has(topic)) continue;
        const partitions = existingPartitions(all, this.partitionCount(topic));
        assignment.set(topic, new Set(partitions));
        this.sizes[index] = (this.sizes[index] ?? 0) + partitions.length;
        const owners = this.owners.get(topic) as number[];
        for (const p of partitions) owners[p] = index;
      }
      this.target.set(member.id, assignment);
    });
  }

  private assignUnowned(): void {
    const unowned = new Map<string, number[]>();
    for (const [topic, owners] of this.owners) {
      const free: number[] = [];
      owners.forEach((owner, p) => {
        if (owner === -1) free.push(p);
      });
      if (free.length > 0) unowned.set(topic, free);
    }
    const balancer = new LoadBalancer(this.sizes);
    for (const topic of this.sortTopics(unowned.keys())) {
      balancer.initialize(this.subscribersOf(topic));
      for (const p of unowned.get(topic) ?? []) {
        this.move(topic, p, balancer.nextLeastLoaded());
      }
    }
  }

  private balance(): void {
    const movable = [...this.subscribers.keys()].filter((t) => this.subscribersOf(t).length >= 2);
    if (movable.length === 0) return;
    const sorted = this.sortTopics(movable);
    let lastMoved = -1;
    const balancer = new LoadBalancer(this.sizes);
    for (let pass = 0; pass < MAX_BALANCE_PASSES; pass++) {
      for (let i = 0; i < sorted.length; i++) {
        // A whole round since the last topic that moved anything: nothing more will move.
        if (i === lastMoved) return;
        const moved = this.balanceTopic(sorted[i] as string, balancer);
        if (moved > 0 || lastMoved === -1) lastMoved = i;
      }
    }
  }

  private balanceTopic(topic: string, balancer: LoadBalancer): number {
    const owners = this.owners.get(topic) as number[];
    if (balancer.initialize(this.subscribersOf(topic)) <= 1) return 0;
    // Partitions grouped by owner, so a member's last partition is found in constant time.
    const partitions = owners
      .map((_, p) => p)
      .sort((a, b) => (owners[a] as number) - (owners[b] as number) || a - b);
    const start = new Map<number, number>();
    const end = new Map<number, number>();
    partitions.forEach((p, i) => {
      const owner = owners[p] as number;
      if (!start.has(owner)) start.set(owner, i);
      end.set(owner, i + 1);
    });
    let moved = 0;
    while (!balancer.isBalanced()) {
      let giver: number;
      for (;;) {
        giver = balancer.nextMostLoaded();
        if (giver === -1) break;
        const e = end.get(giver);
        if (e === undefined || e - (start.get(giver) as number) <= 0) {
          balancer.excludeMostLoaded();
          continue;
        }
        break;
      }
      if (giver === -1) break;
      const e = end.get(giver) as number;
      const partition = partitions[e - 1] as number;
      end.set(giver, e - 1);
      const taker = balancer.nextLeastLoaded();
      if (balancer.isBalanced()) break;
      this.move(topic, partition, taker);
      moved++;
    }
    return moved;
  }

  /** Gives `partition` of `topic` to member `to`, taking it from its owner if any. */
  private move(topic: string, partition: number, to: number): void {
    const owners = this.owners.get(topic) as number[];
    const from = owners[partition] as number;
    if (from !== -1) {
      const assignment = this.target.get(this.memberIds[from] as string) as Map<
        string,
        Set<number>
      >;
      const set = assignment.get(topic);
      if (set !== undefined) {
        set.delete(partition);
        if (set.size === 0) assignment.delete(topic);
      }
      this.sizes[from] = (this.sizes[from] as number) - 1;
    }
    const assignment = this.target.get(this.memberIds[to] as string) as Map<string, Set<number>>;
    let set = assignment.get(topic);
    if (set === undefined) {
      set = new Set();
      assignment.set(topic, set);
    }
    set.add(partition);
    owners[partition] = to;
    this.sizes[to] = (this.sizes[to] as number) + 1;
  }
}

/**
 * Walks a topic's subscribers from the least loaded up and from the most loaded down, a level
 * (partition count) at a time, so partitions spread evenly and moves are deterministic. Member
 * loads are read live from `sizes`, which the builder updates as it moves partitions.
 */
class LoadBalancer {
  private sorted: number[] = [];
  private leastEnd = 0; // exclusive
  private leastLevel = -1;
  private nextLeast = 0;
  private mostStart = 0; // inclusive
  private mostEnd = 0; // exclusive
  private mostLevel = 1;
  private nextMost = -1;

  constructor(private readonly sizes: number[]) {}

  private size(position: number): number {
    return this.sizes[this.sorted[position] as number] as number;
  }

  /** Starts over on `members`; returns the spread between the most and least loaded. */
  initialize(members: readonly number[]): number {
    if (members.length === 0) throw new Error('Cannot balance an empty subscriber list.');
    this.sorted = [...members].sort(
      (a, b) => (this.sizes[a] as number) - (this.sizes[b] as number) || a - b,
    );
    const last = this.sorted.length - 1;
    this.leastEnd = 0;
    this.leastLevel = this.size(0) - 1;
    this.nextLeast = 0;
    this.mostStart = this.sorted.length;
    this.mostEnd = this.sorted.length;
    this.mostLevel = this.size(last) + 1;
    this.nextMost = last;
    return this.size(last) - this.size(0);
  }

  nextLeastLoaded(): number {
    if (this.nextLeast >= this.leastEnd) {
      this.leastLevel++;
      while (this.leastEnd < this.sorted.length && this.size(this.leastEnd) === this.leastLevel) {
        this.leastEnd++;
      }
      this.nextLeast = 0;
    }
    return this.sorted[this.nextLeast++] as number;
  }

  nextMostLoaded(): number {
    if (this.nextMost < this.mostStart) {
      if (this.mostEnd <= this.mostStart && this.mostStart > 0) {
        // Exclusions emptied the range: restart it from the next level down so it grows.
        this.mostLevel = this.size(this.mostStart - 1);
      } else {
        this.mostLevel--;
      }
      while (this.mostStart > 0 && this.size(this.mostStart - 1) === this.mostLevel) {
        this.mostStart--;
      }
      this.nextMost = this.mostEnd - 1;
    }
    if (this.nextMost < 0) return -1;
    return this.sorted[this.nextMost--] as number;
  }

  /** Drops the member `nextMostLoaded` just returned from the most loaded range. */
  excludeMostLoaded(): void {
    const position = this.nextMost + 1;
    const member = this.sorted[position] as number;
    this.sorted[position] = this.sorted[this.mostEnd - 1] as number;
    this.sorted[this.mostEnd - 1] = member;
    this.mostEnd--;
  }

  isBalanced(): boolean {
    return this.mostLevel - this.leastLevel <= 1;
  }
}
