/**
 * Kafka's `GeneralAssignmentBuilder`: members subscribe to different topics. Keep every owned
 * partition a member still subscribes to, give each unowned partition to the least loaded member
 * that can take it, then move partitions from fuller to emptier members until the assignment is
 * balanced — sending a partition back to its owner of an older generation where that helps, and
 * reverting the moves when they did not improve Kafka's balance score.
 */
import { compareCodeUnits } from '../../compare';
import { SortedSet } from '../../sortedSet';
import { KafkaPartitionMovements } from './movements';
import {
  KAFKA_DEFAULT_GENERATION,
  KafkaAssignorError,
  removeFirst,
  type KafkaPartition,
} from './model';
import type { LeaderMemory, StickyInput } from './stickyCore';

interface PreviousOwner {
  readonly member: string;
  readonly generation: number;
}

export function buildGeneral(
  input: StickyInput,
  currentAssignment: Map<string, KafkaPartition[]>,
  memory: LeaderMemory,
): Map<string, KafkaPartition[]> {
  return new GeneralBuilder(input, currentAssignment, memory).build();
}

class GeneralBuilder {
  private readonly topicConsumers = new Map<string, string[]>();
  private readonly consumerTopics = new Map<string, string[]>();
  private readonly partitionConsumer = new Map<KafkaPartition, string>();
  private readonly sortedAllPartitions: KafkaPartition[];
  /** Kafka's `TreeSet` of members by (assigned count, id); re-keyed by removing and adding. */
  private readonly byLoad: SortedSet<string, readonly [number, string]>;
  private readonly movements = new KafkaPartitionMovements();
  private readonly totalPartitions: number;
  private revocationRequired = false;
  /** Each member's `getMaxAssignmentSize`, which depends only on its topics. */
  private readonly maxSizes = new Map<string, number>();
  /** Whether `partitionConsumer` can stand in for Kafka's owner map (see isBalanced). */
  private ownersUnique = false;

  constructor(
    private readonly input: StickyInput,
    private readonly current: Map<string, KafkaPartition[]>,
    private readonly memory: LeaderMemory,
  ) {
    let total = 0;
    for (const [topic, count] of input.partitionsPerTopic) {
      this.topicConsumers.set(topic, []);
      total += count;
    }
    this.totalPartitions = total;
    for (const [member, subscription] of input.subscriptions) {
      const topics: string[] = [];
      this.consumerTopics.set(member, topics);
      for (const topic of subscription.topics) {
        const consumers = this.topicConsumers.get(topic);
        if (consumers === undefined) continue;
        topics.push(topic);
        consumers.push(member);
      }
      if (!current.has(member)) current.set(member, []);
    }
    for (const [member, partitions] of current)
      for (const tp of partitions) this.partitionConsumer.set(tp, member);
    const topics = [...this.topicConsumers.keys()].sort(
      (a, b) => this.consumersOf(a).length - this.consumersOf(b).length || compareCodeUnits(a, b),
    );
    this.sortedAllPartitions = [];
    for (const topic of topics) {
      const count = input.partitionsPerTopic.get(topic) ?? 0;
      for (let i = 0; i < count; i++) this.sortedAllPartitions.push(input.partitions.get(topic, i));
    }
    for (const member of this.consumerTopics.keys())
      this.maxSizes.set(member, this.maxAssignmentSize(member));
    this.byLoad = new SortedSet<string, readonly [number, string]>(undefined, {
      key: (member) => [this.sizeOf(member), member],
      compareKeys: (a, b) => a[0] - b[0] || compareCodeUnits(a[1], b[1]),
      distinctKeys: true,
    });
  }

  build(): Map<string, KafkaPartition[]> {
    const previous = this.previousOwners();
    const assigned = this.keepOwnedPartitions();
    const unassigned = this.unassignedPartitions(assigned);
    for (const member of this.current.keys()) this.byLoad.add(member);
    this.balance(previous, unassigned);
    return this.current;
  }

  private consumersOf(topic: string): string[] {
    return this.topicConsumers.get(topic) as string[];
  }

  private partitionsOf(member: string | undefined): KafkaPartition[] {
    const partitions = member === undefined ? undefined : this.current.get(member);
    if (partitions === undefined)
      throw new KafkaAssignorError(
        'NullPointerException',
        `no current assignment for ${member === undefined ? 'a partition without owner' : `member ${member}`}`,
      );
    return partitions;
  }

  private sizeOf(member: string | undefined): number {
    return this.partitionsOf(member).length;
  }

  /** `prepopulateCurrentAssignments`: owners from generations older than the newest. */
  private previousOwners(): Map<KafkaPartition, PreviousOwner> {
    const previous = new Map<KafkaPartition, PreviousOwner>();
    const note = (partitions: readonly KafkaPartition[], member: string, generation: number) => {
      for (const tp of partitions) {
        const known = previous.get(tp);
        if (known === undefined || generation > known.generation)
          previous.set(tp, { member, generation });
      }
    };
    const max = this.memory.maxGeneration;
    for (const [member, subscription] of this.input.subscriptions) {
      const generation = subscription.generation;
      if (generation !== undefined && generation < max)
        note(subscription.ownedPartitions, member, generation);
      else if (generation === undefined && max > KAFKA_DEFAULT_GENERATION)
        note(subscription.ownedPartitions, member, KAFKA_DEFAULT_GENERATION);
    }
    return previous;
  }

  /** `assignOwnedPartitions`: drops what a member no longer subscribes to, keeps the rest. */
  private keepOwnedPartitions(): KafkaPartition[] {
    const assigned: KafkaPartition[] = [];
    for (const [member, partitions] of this.current) {
      const subscription = this.input.subscriptions.get(member);
      if (subscription === undefined) {
        for (const tp of partitions) this.partitionConsumer.delete(tp);
        this.current.delete(member);
        continue;
      }
      const kept: KafkaPartition[] = [];
      for (const tp of partitions) {
        if (!this.topicConsumers.has(tp.topic)) {
          this.partitionConsumer.delete(tp);
        } else if (!subscription.topics.includes(tp.topic)) {
          // Kafka leaves the partition's old owner in partitionConsumer here.
          this.revocationRequired = true;
        } else {
          kept.push(tp);
          assigned.push(tp);
        }
      }
      partitions.splice(0, partitions.length, ...kept);
    }
    return assigned;
  }

  /** The two-pointer difference of `sortedAllPartitions` and `assigned` (Kafka's). */
  private unassignedPartitions(assigned: KafkaPartition[]): KafkaPartition[] {
    if (assigned.length === 0) return this.sortedAllPartitions;
    const sorted = [...assigned].sort(
      (a, b) =>
        this.consumersOf(a.topic).length - this.consumersOf(b.topic).length ||
        compareCodeUnits(a.topic, b.topic) ||
        a.partition - b.partition,
    );
    const result: KafkaPartition[] = [];
    let addDirectly = false;
    let cursor = 0;
    let next = sorted[cursor++] as KafkaPartition;
    for (const tp of this.sortedAllPartitions) {
      if (addDirectly || next !== tp) result.push(tp);
      else if (cursor < sorted.length) next = sorted[cursor++] as KafkaPartition;
      else addDirectly = true;
    }
    return result;
  }

  private maxAssignmentSize(member: string): number {
    const topics = this.consumerTopics.get(member) as string[];
    if (topics.length === this.input.partitionsPerTopic.size) return this.totalPartitions;
    let size = 0;
    for (const topic of topics) size += this.input.partitionsPerTopic.get(topic) ?? 0;
    return size;
  }

  /**
   * Kafka's `isBalanced`: loads differ by at most one, or no member that could take more could
   * take a partition from a member with at least two more. Kafka rebuilds a partition → owner
   * map for every call; while every partition has exactly one owner (checked once, before the
   * moves, which keep it so) `partitionConsumer` is that map already.
   */
  private isBalanced(): boolean {
    const min = this.sizeOf(this.byLoad.first());
    const max = this.sizeOf(this.byLoad.last());
    if (min >= max - 1) return true;
    const owners = this.ownersUnique ? this.partitionConsumer : this.ownersFromCurrent();
    for (const member of this.byLoad.toArray()) {
      const count = this.sizeOf(member);
      if (count === this.maxSizes.get(member)) continue;
      for (const topic of this.consumerTopics.get(member) as string[]) {
        const partitions = this.input.partitionsPerTopic.get(topic) ?? 0;
        for (let i = 0; i < partitions; i++) {
          const owner = owners.get(this.input.partitions.get(topic, i));
          // Its own partitions never pass the test: skip them as Kafka does.
          if (owner === member) continue;
          if (count + 1 < this.sizeOf(owner)) return false;
        }
      }
    }
    return true;
  }

  /** The partition → owner map Kafka builds from the current assignment (the last list wins). */
  private ownersFromCurrent(): Map<KafkaPartition, string> {
    const owners = new Map<KafkaPartition, string>();
    for (const [member, partitions] of this.current)
      for (const tp of partitions) owners.set(tp, member);
    return owners;
  }

  /**
   * Whether every partition of a topic someone subscribes to is in exactly one member's list,
   * and `partitionConsumer` says so: then it answers for {@link ownersFromCurrent}.
   */
  private eachPartitionOwnedOnce(): boolean {
    const seen = new Set<KafkaPartition>();
    for (const [member, partitions] of this.current)
      for (const tp of partitions) {
        if (seen.has(tp) || this.partitionConsumer.get(tp) !== member) return false;
        seen.add(tp);
      }
    for (const [topic, consumers] of this.topicConsumers) {
      if (consumers.length === 0) continue;
      const count = this.input.partitionsPerTopic.get(topic) ?? 0;
      for (let i = 0; i < count; i++)
        if (!seen.has(this.input.partitions.get(topic, i))) return false;
    }
    return true;
  }

  /** Kafka's balance score: the sum of |a − b| over every pair of members' counts. */
  private static balanceScore(assignment: ReadonlyMap<string, readonly KafkaPartition[]>): number {
    const sizes = [...assignment.values()].map((p) => p.length).sort((a, b) => a - b);
    let score = 0;
    let below = 0;
    for (const [i, size] of sizes.entries()) {
      score += i * size - below;
      below += size;
    }
    return score;
  }

  /** The least loaded member that subscribes to `topic` (Kafka walks its TreeSet for it). */
  private leastLoadedSubscriber(topic: string): string | undefined {
    return this.byLoad.find((m) => (this.consumerTopics.get(m) as string[]).includes(topic));
  }

  /** `maybeAssignPartition`: to the least loaded member that subscribes to its topic. */
  private assignToLeastLoaded(tp: KafkaPartition): void {
    const member = this.leastLoadedSubscriber(tp.topic);
    if (member === undefined) return;
    this.byLoad.remove(member);
    this.partitionsOf(member).push(tp);
    this.partitionConsumer.set(tp, member);
    this.byLoad.add(member);
  }

  private canTopicMove(topic: string): boolean {
    return this.consumersOf(topic).length >= 2;
  }

  private canMemberTakePart(member: string): boolean {
    const partitions = this.partitionsOf(member);
    if (partitions.length < this.maxAssignmentSize(member)) return true;
    return partitions.some((tp) => this.canTopicMove(tp.topic));
  }

  private balance(
    previous: ReadonlyMap<KafkaPartition, PreviousOwner>,
    unassignedList: KafkaPartition[],
  ): void {
    const initializing = this.sizeOf(this.byLoad.last()) === 0;
    for (const tp of unassignedList) {
      if (this.consumersOf(tp.topic).length === 0) continue;
      this.assignToLeastLoaded(tp);
    }
    this.ownersUnique = this.eachPartitionOwnedOnce();
    const fixedTopics = new Set<string>();
    for (const topic of this.topicConsumers.keys())
      if (!this.canTopicMove(topic)) fixedTopics.add(topic);
    const movable = (list: KafkaPartition[]) => {
      const kept = list.filter((tp) => !fixedTopics.has(tp.topic));
      list.splice(0, list.length, ...kept);
    };
    movable(this.sortedAllPartitions);
    movable(unassignedList);

    const fixedMembers = new Map<string, KafkaPartition[]>();
    for (const member of this.consumerTopics.keys()) {
      if (this.canMemberTakePart(member)) continue;
      this.byLoad.remove(member);
      fixedMembers.set(member, this.partitionsOf(member));
      this.current.delete(member);
    }

    const before = new Map([...this.current].map(([m, p]) => [m, [...p]]));
    const beforeOwners = new Map(this.partitionConsumer);
    if (!this.revocationRequired) this.reassign(unassignedList, previous);
    const reassigned = this.reassign(this.sortedAllPartitions, previous);
    if (
      !initializing &&
      reassigned &&
      GeneralBuilder.balanceScore(this.current) >= GeneralBuilder.balanceScore(before)
    ) {
      this.current.clear();
      for (const [member, partitions] of before) this.current.set(member, [...partitions]);
      this.partitionConsumer.clear();
      for (const [tp, member] of beforeOwners) this.partitionConsumer.set(tp, member);
    }
    for (const [member, partitions] of fixedMembers) this.current.set(member, partitions);
  }

  /** `performReassignments`: sweeps `partitions` until balanced or nothing moves. */
  private reassign(
    partitions: readonly KafkaPartition[],
    previous: ReadonlyMap<KafkaPartition, PreviousOwner>,
  ): boolean {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (const tp of partitions) {
        if (this.isBalanced()) break;
        const owner = this.partitionConsumer.get(tp);
        const earlier = previous.get(tp);
        if (earlier !== undefined && this.sizeOf(owner) > this.sizeOf(earlier.member) + 1) {
          this.moveTo(tp, earlier.member);
          performed = modified = true;
          continue;
        }
        for (const other of this.consumersOf(tp.topic)) {
          if (this.sizeOf(owner) > this.sizeOf(other) + 1) {
            this.moveToLeastLoaded(tp);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  private moveToLeastLoaded(tp: KafkaPartition): void {
    this.moveTo(tp, this.leastLoadedSubscriber(tp.topic) as string);
  }

  private moveTo(tp: KafkaPartition, to: string): void {
    const from = this.partitionConsumer.get(tp) as string;
    const moved = this.movements.partitionToMove(tp, from, to);
    const owner = this.partitionConsumer.get(moved) as string;
    if (this.byLoad.has(owner)) this.byLoad.remove(owner);
    if (this.byLoad.has(to)) this.byLoad.remove(to);
    this.movements.movePartition(moved, owner, to);
    removeFirst(this.partitionsOf(owner), moved);
    this.partitionsOf(to).push(moved);
    this.partitionConsumer.set(moved, to);
    this.byLoad.add(to);
    this.byLoad.add(owner);
  }
}
