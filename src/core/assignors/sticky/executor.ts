import { compareStrings } from '../../compare';
import { PartitionMovements } from '../../partitionMovements';
import { KeyError, SortedSet } from '../../sortedSet';
import type { ClusterMetadata, MemberId, Topic, TopicPartitions } from '../../types';
import { balanceScore } from '../../metrics';
import type { AssignorMode } from '../mode';
import { type AssignorLog, SingletonLists } from '../shared';
import { CycleCheck, StickyNonTerminationError } from './cycleCheck';
import { IntArena } from './intArena';
import { OwnedLists } from './ownedLists';
import { PartitionIndex } from './partitionIndex';

/**
 * How a faithful replay words aiokafka 0.14's KeyError (it moves a partition back to a member
 * it set aside); the page recognises it as a known defect of the original by these words.
 */
export const AIOKAFKA_KEY_ERROR_MESSAGE = "sticky assignment failed as aiokafka's does";

/** A member as the sticky leader sees it: subscription plus the claim in its user data. */
export interface StickyMemberInput {
  readonly id: MemberId;
  readonly subscription: readonly Topic[];
  /** The previous assignment the member reported (may name vanished partitions). */
  readonly claims: readonly TopicPartitions[];
  /** The user data generation; -1 when the member sent none. */
  readonly generation: number;
}

const NONE = -1;

/** Members that subscribe to the same topics in the same order. */
interface SubscriptionGroup {
  readonly subscription: readonly Topic[];
  /** The existing topics among them. */
  readonly topics: Set<number>;
  /** Partitions a member could own, counting a topic once per time it is listed. */
  potential: number;
  members: number;
}

/**
 * One run of aiokafka's `StickyAssignmentExecutor`, step for step, on dense numbers.
 *
 * The algorithm, its order of steps and its tie-breaks are aiokafka's, so results match; the
 * speed comes from the data structures: partitions are numbers with state in typed arrays,
 * potential consumers are kept per topic (every partition of a topic has the same ones)
 * instead of a list per partition, membership tests are set lookups instead of list scans,
 * the consumers sorted by load live in a B+ tree, and a rejected rebalance is undone from a
 * log of its moves instead of from a deep copy.
 */
export class StickyExecutor {
  readonly index: PartitionIndex;
  readonly movements: PartitionMovements<number>;

  private readonly memberIds: readonly MemberId[];
  private readonly memberCount: number;
  /** Per member: the existing topics it subscribes to. */
  private readonly subscribed: ReadonlySet<number>[];
  /** Per member: how many partitions it could own (aiokafka's potential-partition list length). */
  private readonly potentialCount: Int32Array;
  /** Per topic: subscribers, counting a member once per time it lists the topic. */
  private readonly subscriberCount: Int32Array;

  /** Current owner of each partition (`current_partition_consumer`), or NONE. */
  private readonly owner: Int32Array;
  /** The earlier-generation claimant of each partition (`previous_assignment`), or NONE. */
  private readonly previousOwner: Int32Array;
  /** Per member: owned partitions, in the order aiokafka's list would hold them. */
  private readonly owned: OwnedLists;
  /**
   * Per member: owned partition count per topic, for the full balance check. Built the first
   * time that check runs, then kept up to date; most rebalances never need it.
   */
  private ownedPerTopic: Map<number, number>[] | undefined;
  /** Each member's place in member-id order, so load keys compare as plain numbers. */
  private readonly idRank: Int32Array;
  /** Whether the member is a key of aiokafka's `current_assignment` dict right now. */
  private readonly present: Uint8Array;
  /**
   * Members set aside during balancing (aiokafka's `fixed_assignments`). Their partitions are
   * out of the dict meanwhile, so if a lookup makes one a key again it holds nothing.
   */
  private readonly fixed: Uint8Array;
  private readonly subscriptionOrder: readonly (readonly Topic[])[];
  /** The distinct subscriptions, in order of first appearance. */
  private readonly subscriptionGroups: SubscriptionGroup[];
  private readonly subscriptionGroupsBySignature = new Map<string, SubscriptionGroup>();
  /** Whether some member claimed anything at all (aiokafka's `is_fresh_assignment` negated). */
  private readonly anyClaims: boolean;

  private sortedPartitions: number[] = [];
  /**
   * Set when aiokafka's round-robin listing of owned partitions (a reassignment with identical
   * subscriptions) is put off until balancing needs it; it holds each member's count of owned
   * partitions at the time aiokafka would have listed them.
   */
  private deferredListing: Int32Array | undefined;
  private readonly arena: IntArena;
  /** Whether the last `run` skipped the reassignment passes (for the differential tests). */
  skippedReassignment = false;
  private unassignedPartitions: number[] = [];
  private revocationRequired = false;
  private readonly consumersByLoad: SortedSet<number, number>;
  /** Moves made while balancing, so an unhelpful rebalance can be undone. */
  private readonly moveLog: number[] = [];

  constructor(
    cluster: ClusterMetadata,
    members: readonly StickyMemberInput[],
    private readonly log: AssignorLog,
    private readonly mode: AssignorMode = 'faithful',
    /**
     * Take the shortcuts that provably leave the result unchanged (see `balance`); off only in
     * the differential tests, which compare both ways.
     */
    private readonly shortcuts = true,
  ) {
    this.index = PartitionIndex.of(cluster);
    const { index } = this;
    this.movements = new PartitionMovements((p) => index.topicName(p));
    this.memberIds = members.map((member) => member.id);
    this.memberCount = members.length;
    const P = index.size;
    const M = members.length;
    // Every Int32 array of the run, from one buffer (see IntArena).
    const arena = new IntArena(10 * P + 7 * M + index.topicNames.length);
    this.arena = arena;
    this.owner = arena.take(P, NONE);
    this.previousOwner = arena.take(P, NONE);
    this.owned = new OwnedLists(P, M, arena);
    this.present = new Uint8Array(members.length);
    this.fixed = new Uint8Array(members.length);
    this.subscriptionOrder = members.map((member) => member.subscription);
    this.idRank = arena.take(M);
    this.memberIds
      .map((id, m) => [id, m] as const)
      .sort(([a], [b]) => compareStrings(a, b))
      .forEach(([, m], rank) => (this.idRank[m] = rank));
    // aiokafka orders members by (partition count, member id); count × members + id rank is
    // that order as one number.
    this.consumersByLoad = new SortedSet<number, number>(undefined, {
      key: (m) => this.loadKey(this.count(m), m),
      compareKeys: (a, b) => a - b,
      distinctKeys: true,
    });

    this.anyClaims = this.initCurrentAssignments(members);

    this.subscriberCount = arena.take(index.topicNames.length);
    this.potentialCount = arena.take(M);
    // Members with the same subscription share one entry: large groups usually have a
    // handful of distinct subscriptions, not one per member.
    this.subscriptionGroups = [];
    this.subscribed = members.map((member, m) => {
      const group = this.subscriptionGroupOf(member.subscription);
      group.members++;
      this.potentialCount[m] = group.potential;
      this.present[m] = 1;
      return group.topics;
    });
    for (const group of this.subscriptionGroups) {
      for (const topic of group.subscription) {
        const t = index.topicNumbers.get(topic);
        if (t === undefined) this.log('warning', `No partition metadata for topic '${topic}'`);
        else this.subscriberCount[t] = (this.subscriberCount[t] as number) + group.members;
      }
    }
  }

  /** `perform_initial_assignment` then `balance`. */
  run(): void {
    this.populateSortedPartitions();
    this.populatePartitionsToReassign();
    this.balance();
  }

  /** The final partitions of member `m`, grouped by topic, topics and partitions ascending. */
  finalAssignment(m: number): TopicPartitions[] {
    // Partition numbers run topic by topic in name order and ascend within a topic, so one
    // numeric sort puts them in the order aiokafka's sorted output has. A member's set is
    // often in order already (claims arrive sorted, dealt partitions come after).
    const numbers = this.scratch(this.owned.size(m));
    let i = 0;
    let sorted = true;
    for (let p = this.owned.first(m); p !== NONE; p = this.owned.next(p)) {
      if (i > 0 && p < (numbers[i - 1] as number)) sorted = false;
      numbers[i++] = p;
    }
    if (!sorted) numbers.subarray(0, i).sort();
    const { topicOf, topicNames, partitionIdOf } = this.index;
    const entries: TopicPartitions[] = [];
    for (let start = 0; start < i;) {
      const t = topicOf[numbers[start] as number] as number;
      let end = start + 1;
      while (end < i && topicOf[numbers[end] as number] === t) end++;
      if (end - start === 1) {
        // Most entries of a large group hold one partition: share those lists (read-only).
        const id = partitionIdOf[numbers[start] as number] as number;
        entries.push([topicNames[t] as Topic, this.singletons.of(id)]);
        start = end;
        continue;
      }
      const ids = new Array<number>(end - start);
      for (let k = start; k < end; k++)
        ids[k - start] = partitionIdOf[numbers[k] as number] as number;
      entries.push([topicNames[t] as Topic, ids]);
      start = end;
    }
    return entries;
  }

  private scratchBuffer = new Int32Array(0);
  private readonly singletons = new SingletonLists();

  /** A reusable buffer of at least `size` numbers. */
  private scratch(size: number): Int32Array {
    if (this.scratchBuffer.length < size) this.scratchBuffer = new Int32Array(size);
    return this.scratchBuffer;
  }

  // ---- initialisation ---------------------------------------------------------------------

  /**
   * Resolves the members' claims: for each partition the claim with the highest user data
   * generation wins and the next-highest claimant becomes its previous owner. Claims with the
   * same generation keep the first claimant, except generation 0, which aiokafka's truthiness
   * test lets later claimants overwrite.
   */
  private initCurrentAssignments(members: readonly StickyMemberInput[]): boolean {
    const size = this.index.size;
    const gen1 = this.arena.take(size);
    const member1 = this.arena.take(size, NONE);
    const gen2 = this.arena.take(size);
    const member2 = this.arena.take(size, NONE);
    // Each partition enters the claim order once, when first claimed.
    const claimOrder = this.arena.take(size);
    let claimed = 0;
    let anyClaims = false;

    // Indexed loops: a cold first call runs this in the interpreter, where `for…of` and
    // callbacks cost several times more per partition.
    // Members usually list their claims' topics in the same order, and decoded names are
    // shared strings: the previous member's topic at the same position usually answers.
    const lastTopic: Topic[] = [];
    const lastNumber: (number | undefined)[] = [];
    for (let m = 0; m < members.length; m++) {
      const member = members[m] as StickyMemberInput;
      const g = member.generation;
      const claims = member.claims;
      for (let c = 0; c < claims.length; c++) {
        const claim = claims[c] as TopicPartitions;
        const topic = claim[0];
        const partitionIds = claim[1];
        if (partitionIds.length > 0) anyClaims = true;
        let t: number | undefined;
        if (lastTopic[c] === topic) {
          t = lastNumber[c];
        } else {
          t = this.index.topicNumbers.get(topic);
          lastTopic[c] = topic;
          lastNumber[c] = t;
        }
        // A claim on a topic that no longer exists is dropped, as aiokafka drops it later.
        if (t === undefined) continue;
        const dense = this.index.isDense(t);
        const base = this.index.topicStart[t] as number;
        const size = this.index.partitionCount(t);
        for (let i = 0; i < partitionIds.length; i++) {
          const partitionId = partitionIds[i] as number;
          const p =
            dense && partitionId >= 0 && partitionId < size && Number.isInteger(partitionId)
              ? base + partitionId
              : this.index.lookupIn(t, partitionId);
          // A claim on a partition that no longer exists is dropped, as aiokafka drops it later.
          if (p === NONE) continue;
          if (member1[p] === NONE) {
            gen1[p] = g;
            member1[p] = m;
            claimOrder[claimed++] = p;
          } else if (g === gen1[p] || (member2[p] !== NONE && g === gen2[p])) {
            if (g !== 0) {
              this.log(
                'warning',
                `Partition ${topic}-${partitionId} is assigned to multiple consumers following sticky assignment generation ${g}`,
              );
            } else if (g === gen1[p]) {
              member1[p] = m;
            } else {
              member2[p] = m;
            }
          } else if (g > (gen1[p] as number)) {
            gen2[p] = gen1[p] as number;
            member2[p] = member1[p] as number;
            gen1[p] = g;
            member1[p] = m;
          } else if (member2[p] === NONE || g > (gen2[p] as number)) {
            // Only the two highest generations matter: a lower one can never become either.
            gen2[p] = g;
            member2[p] = m;
          }
        }
      }
    }

    for (let i = 0; i < claimed; i++) {
      const p = claimOrder[i] as number;
      const current = member1[p] as number;
      this.give(current, p);
      this.previousOwner[p] = member2[p] as number;
    }
    return anyClaims;
  }

  private populateSortedPartitions(): void {
    const { index } = this;
    // aiokafka sorts partitions by (potential consumer count, topic, partition); all
    // partitions of a topic share the count, so sorting topics is enough.
    const topicOrder = index.topicNames
      .map((_, t) => t)
      .sort(
        (a, b) =>
          (this.subscriberCount[a] as number) - (this.subscriberCount[b] as number) ||
          compareStrings(index.topicNames[a] as string, index.topicNames[b] as string),
      );
    const allSorted: number[] = [];
    for (const t of topicOrder) {
      const end = index.topicStart[t + 1] as number;
      for (let p = index.topicStart[t] as number; p < end; p++) allSorted.push(p);
    }

    if (!this.anyClaims || !this.subscriptionsIdentical()) {
      this.sortedPartitions = allSorted;
      return;
    }

    // A reassignment with identical subscriptions: aiokafka lists the owned partitions
    // round-robin, then the others in sorted order. Only the reassignment passes read the
    // owned part of that list, and they often have nothing to do, so it can wait (`balance`).
    if (this.shortcuts) {
      this.sortedPartitions = allSorted;
      const counts = this.arena.take(this.memberCount);
      for (let m = 0; m < this.memberCount; m++) counts[m] = this.owned.size(m);
      this.deferredListing = counts;
      return;
    }
    this.sortedPartitions = this.reassignmentListing(
      allSorted,
      this.memberIds.map((_, m) => this.owned.toArray(m)),
    );
  }

  /**
   * aiokafka's list for a reassignment with identical subscriptions: partitions round-robin
   * from the members with most partitions to those with least, preferring partitions that had
   * another owner before, then every other partition in sorted order.
   */
  private reassignmentListing(allSorted: readonly number[], remaining: number[][]): number[] {
    const { index } = this;
    const remainingCount = Int32Array.from(remaining, (partitions) => partitions.length);
    const taken = new Uint8Array(index.size);
    const formerlyElsewhere = remaining.map((partitions) =>
      partitions.filter((p) => this.previousOwner[p] !== NONE),
    );
    const byRemaining = new SortedSet<number, number>(
      this.memberIds.map((_, m) => m),
      {
        key: (m) => this.loadKey(remainingCount[m] as number, m),
        compareKeys: (a, b) => a - b,
        distinctKeys: true,
      },
    );
    const listed: number[] = [];
    while (byRemaining.size > 0) {
      const m = byRemaining.popLast();
      // aiokafka pops an arbitrary element of a set here (hash order); we take the last.
      let partition = (formerlyElsewhere[m] as number[]).pop();
      if (partition === undefined) {
        const own = remaining[m] as number[];
        while (own.length > 0 && taken[own[own.length - 1] as number]) own.pop();
        partition = own.pop();
      }
      if (partition === undefined) continue;
      taken[partition] = 1;
      listed.push(partition);
      remainingCount[m] = (remainingCount[m] as number) - 1;
      byRemaining.add(m);
    }
    for (const p of allSorted) if (!taken[p]) listed.push(p);
    return listed;
  }

  /** Builds the listing `populateSortedPartitions` put off, from the owners it would have seen. */
  private materializeListing(): void {
    const counts = this.deferredListing;
    if (counts === undefined) return;
    this.deferredListing = undefined;
    // Partitions dealt since were added to each member's set after the ones it had then, so a
    // set's first `counts[m]` elements are what it held (listings happen before revocations,
    // and a deferred listing is only kept when nothing was revoked).
    const remaining = this.memberIds.map((_, m) => {
      const partitions = this.owned.toArray(m);
      partitions.length = counts[m] as number;
      return partitions;
    });
    this.sortedPartitions = this.reassignmentListing(this.sortedPartitions, remaining);
  }

  /**
   * aiokafka compares every partition's potential-consumer list and every consumer's
   * potential-partition list. Both follow from subscriptions: a partition's list is its
   * topic's subscribers in member order, a consumer's is its non-empty existing topics in
   * subscription order.
   */
  private subscriptionsIdentical(): boolean {
    const { index } = this;
    const [only, ...others] = this.subscriptionGroups;
    if (only !== undefined && others.length === 0) {
      // Every member lists the same topics: each topic's subscriber list is every member,
      // once per listing, or nobody; they agree if every non-empty topic is listed equally.
      const listings = new Map<number, number>();
      for (const topic of only.subscription) {
        const t = index.topicNumbers.get(topic);
        if (t !== undefined) listings.set(t, (listings.get(t) ?? 0) + 1);
      }
      let reference: number | undefined;
      for (let t = 0; t < index.topicNames.length; t++) {
        if (index.partitionCount(t) === 0) continue;
        const times = listings.get(t) ?? 0;
        if (reference === undefined) reference = times;
        else if (times !== reference) return false;
      }
      return true;
    }
    const subscribersByTopic: number[][] = index.topicNames.map(() => []);
    this.subscriptionOrder.forEach((subscription, m) => {
      for (const topic of subscription) {
        const t = index.topicNumbers.get(topic);
        if (t !== undefined) subscribersByTopic[t]?.push(m);
      }
    });
    let reference: number[] | undefined;
    for (let t = 0; t < index.topicNames.length; t++) {
      if (index.partitionCount(t) === 0) continue;
      const subscribers = subscribersByTopic[t] as number[];
      if (reference === undefined) reference = subscribers;
      else if (!sameElements(subscribers, reference)) return false;
    }
    const nonEmptyTopics = (subscription: readonly Topic[]) =>
      subscription.filter((topic) => {
        const t = index.topicNumbers.get(topic);
        return t !== undefined && index.partitionCount(t) > 0;
      });
    let referenceSubscription: readonly Topic[] | undefined;
    let referenceTopics: Topic[] = [];
    for (const subscription of this.subscriptionOrder) {
      if (subscription === referenceSubscription) continue;
      const topics = nonEmptyTopics(subscription);
      if (referenceSubscription === undefined) {
        referenceSubscription = subscription;
        referenceTopics = topics;
      } else if (!sameElements(topics, referenceTopics)) {
        return false;
      }
    }
    return true;
  }

  private populatePartitionsToReassign(): void {
    const kept = new Uint8Array(this.index.size);
    const revoked: number[] = [];
    const allTopics = this.index.topicNames.length;
    for (let m = 0; m < this.memberCount; m++) {
      const topics = this.subscribed[m] as ReadonlySet<number>;
      if (topics.size === allTopics) {
        // Subscribed to every topic there is: nothing of this member's can be revoked.
        for (let p = this.owned.first(m); p !== NONE; p = this.owned.next(p)) kept[p] = 1;
        continue;
      }
      for (let p = this.owned.first(m); p !== NONE; p = this.owned.next(p)) {
        if (topics.has(this.index.topicOf[p] as number)) kept[p] = 1;
        // The member no longer subscribes to this partition's topic: revoke it.
        else revoked.push(m, p);
      }
    }
    // With a deferred listing the owned partitions lead aiokafka's list and are all kept
    // unless revoked, so the unassigned ones come in sorted order; a revoked one sits in the
    // listed part, so then the listing is needed, from the owners before the revocation.
    if (revoked.length > 0) {
      this.materializeListing();
      this.revocationRequired = true;
      for (let i = 0; i < revoked.length; i += 2) {
        this.take(revoked[i] as number, revoked[i + 1] as number);
      }
    }
    this.unassignedPartitions = this.sortedPartitions.filter((p) => !kept[p]);
  }

  // ---- balancing ----------------------------------------------------------------------------

  private balance(): void {
    for (let m = 0; m < this.memberCount; m++) this.consumersByLoad.add(m);
    const initializing = this.count(this.mostLoaded()) === 0;

    for (const p of this.unassignedPartitions) {
      if (this.subscriberCount[this.index.topicOf[p] as number] === 0) continue;
      this.assignPartition(p);
    }

    // Only partitions with two or more potential consumers can move.
    const movable = (p: number) =>
      (this.subscriberCount[this.index.topicOf[p] as number] as number) >= 2;
    const anyMovable = this.shortcuts
      ? this.anyMovablePartition()
      : this.sortedPartitions.some(movable);
    if (!this.shortcuts) {
      this.sortedPartitions = this.sortedPartitions.filter(movable);
      this.unassignedPartitions = this.unassignedPartitions.filter(movable);
    }

    // Members that cannot change set aside, as aiokafka removes them from its dict.
    const fixed: number[] = [];
    for (let m = 0; m < this.memberCount; m++) {
      if (this.canConsumerParticipate(m)) continue;
      this.consumersByLoad.remove(m);
      this.present[m] = 0;
      this.fixed[m] = 1;
      fixed.push(m);
    }

    // Both passes below walk lists of movable partitions, and each starts a sweep by asking
    // `isBalanced`; with no movable partition, or a balanced group, they change nothing (a
    // balanced answer stays so while nothing moves, and the unassigned list is part of the
    // sorted one). The shortcut asks the same question once (throwing as the passes would
    // on an empty dict) and skips them, so the sorted list is never filtered or listed.
    const idle = this.shortcuts && (!anyMovable || this.isBalanced());
    this.skippedReassignment = idle;
    let reassignmentPerformed = false;
    const prebalanceCounts = idle ? [] : this.presentCounts();
    if (!idle) {
      if (this.shortcuts) {
        this.materializeListing();
        this.sortedPartitions = this.sortedPartitions.filter(movable);
        this.unassignedPartitions = this.unassignedPartitions.filter(movable);
      }
      if (!this.revocationRequired) this.performReassignments(this.unassignedPartitions);
      reassignmentPerformed = this.performReassignments(this.sortedPartitions);
    }

    // Keep the new assignment only if it is more balanced; otherwise undo it. Members that
    // became dict keys only through a lookup count with zero partitions, as in aiokafka.
    if (
      !initializing &&
      reassignmentPerformed &&
      balanceScore(this.presentCounts()) >= balanceScore(prebalanceCounts)
    ) {
      this.undoMoves();
    }
    for (const m of fixed) {
      this.present[m] = 1;
      this.fixed[m] = 0;
    }
  }

  /** Whether some partition's topic has two or more potential consumers. */
  private anyMovablePartition(): boolean {
    for (let t = 0; t < this.index.topicNames.length; t++) {
      if ((this.subscriberCount[t] as number) >= 2 && this.index.partitionCount(t) > 0) return true;
    }
    return false;
  }

  private assignPartition(p: number): void {
    const consumer = this.leastLoadedSubscriber(this.index.topicOf[p] as number);
    if (consumer === undefined) return;
    this.consumersByLoad.remove(consumer);
    this.give(consumer, p);
    this.consumersByLoad.add(consumer);
  }

  private canConsumerParticipate(m: number): boolean {
    const count = this.count(m);
    const max = this.potentialCount[m] as number;
    if (count > max) {
      this.log(
        'error',
        `The consumer '${this.memberIds[m]}' is assigned more partitions than the maximum possible`,
      );
    }
    if (count < max) return true;
    for (let p = this.owned.first(m); p !== NONE; p = this.owned.next(p)) {
      if ((this.subscriberCount[this.index.topicOf[p] as number] as number) >= 2) return true;
    }
    return false;
  }

  private performReassignments(reassignable: readonly number[]): boolean {
    let performed = false;
    const cycleCheck = new CycleCheck(() => ({
      owners: this.owner,
      present: this.present,
      moveOrder: [...this.movements.moves().keys()],
    }));
    for (;;) {
      const period = cycleCheck.repeats();
      if (period !== undefined) {
        // aiokafka would repeat these passes forever. Faithful mode says so; fixed mode keeps
        // the assignment it has now, which is as valid as any state of the cycle.
        if (this.mode === 'faithful') throw new StickyNonTerminationError(period);
        return performed;
      }
      let modified = false;
      for (const p of reassignable) {
        if (this.isBalanced()) break;
        const t = this.index.topicOf[p] as number;
        if ((this.subscriberCount[t] as number) <= 1) {
          this.log(
            'error',
            `Expected more than one potential consumer for partition ${this.describe(p)}`,
          );
        }
        const consumer = this.owner[p] as number;
        if (consumer === NONE) {
          this.log('error', `Expected partition ${this.describe(p)} to be assigned to a consumer`);
          continue;
        }
        const count = this.count(consumer);

        const previous = this.previousOwner[p] as number;
        if (previous !== NONE && this.mayHandBack(previous, t)) {
          // aiokafka reads its defaultdict here, which makes the member a key.
          this.present[previous] = 1;
          if (count > this.loadInDict(previous) + 1) {
            this.reassignPartitionToConsumer(p, previous);
            performed = modified = true;
            continue;
          }
        }

        // aiokafka asks whether any potential consumer has two fewer, then moves the
        // partition to the least loaded one; both are the first subscriber by load.
        const leastLoaded = this.leastLoadedSubscriber(t);
        if (leastLoaded !== undefined && count > this.count(leastLoaded) + 1) {
          this.reassignPartitionToConsumer(p, leastLoaded);
          performed = modified = true;
        }
      }
      if (!modified) return performed;
    }
  }

  /**
   * Whether a partition of topic `t` may go back to its previous owner. aiokafka never asks,
   * so it can hand a member partitions of a topic it stopped subscribing to (an invalid
   * assignment). Fixed mode only hands back to a member that subscribes to the topic and
   * takes part in the reassignment.
   */
  private mayHandBack(previous: number, t: number): boolean {
    if (this.mode === 'faithful') return true;
    return (
      (this.subscribed[previous] as ReadonlySet<number>).has(t) &&
      this.consumersByLoad.has(previous)
    );
  }

  private reassignPartitionToConsumer(p: number, newConsumer: number): void {
    const oldConsumer = this.owner[p] as number;
    const toMove = this.movements.partitionToBeMoved(
      p,
      this.memberIds[oldConsumer] as MemberId,
      this.memberIds[newConsumer] as MemberId,
    );
    this.movePartition(toMove, newConsumer);
  }

  private movePartition(p: number, newConsumer: number): void {
    const oldConsumer = this.owner[p] as number;
    this.consumersByLoad.remove(oldConsumer);
    if (!this.consumersByLoad.has(newConsumer)) {
      // aiokafka fails here with a KeyError: it moves a partition back to a previous owner
      // that it had set aside as unable to take part in the reassignment.
      throw new KeyError(
        `${AIOKAFKA_KEY_ERROR_MESSAGE}: ${this.describe(p)} would move back to ` +
          `'${this.memberIds[newConsumer]}', which cannot take part in this reassignment`,
      );
    }
    this.consumersByLoad.remove(newConsumer);
    this.movements.movePartition(
      p,
      this.memberIds[oldConsumer] as MemberId,
      this.memberIds[newConsumer] as MemberId,
    );
    this.take(oldConsumer, p);
    this.give(newConsumer, p);
    this.moveLog.push(p, oldConsumer);
    this.consumersByLoad.add(newConsumer);
    this.consumersByLoad.add(oldConsumer);
  }

  private undoMoves(): void {
    for (let i = this.moveLog.length - 2; i >= 0; i -= 2) {
      const p = this.moveLog[i] as number;
      const from = this.moveLog[i + 1] as number;
      this.take(this.owner[p] as number, p);
      this.give(from, p);
    }
    this.moveLog.length = 0;
  }

  /**
   * aiokafka's `_is_balanced`: loads differ by at most one, or no member that could own more
   * partitions could take one from a member that has more than it. The second test asks, for
   * each such member and each topic it subscribes to, whether some owner of a partition of that
   * topic has more partitions, using the largest owner load per topic.
   */
  private isBalanced(): boolean {
    const least = this.consumersByLoad.first();
    const most = this.consumersByLoad.last();
    if (least === undefined || most === undefined) {
      throw new Error('sorted_current_subscriptions is empty');
    }
    if (this.count(least) >= this.count(most) - 1) return true;

    const ownedPerTopic = this.ensureOwnedPerTopic();
    const largestOwnerLoad = new Int32Array(this.index.topicNames.length);
    for (let m = 0; m < this.memberCount; m++) {
      if (!this.present[m] || this.fixed[m]) continue;
      const load = this.count(m);
      for (const t of (ownedPerTopic[m] as Map<number, number>).keys()) {
        if (load > (largestOwnerLoad[t] as number)) largestOwnerLoad[t] = load;
      }
    }
    let balanced = true;
    this.consumersByLoad.find((m) => {
      const load = this.count(m);
      if (load === this.potentialCount[m]) return false;
      for (const t of this.subscribed[m] as ReadonlySet<number>) {
        if ((largestOwnerLoad[t] as number) > load) {
          balanced = false;
          return true;
        }
      }
      return false;
    });
    return balanced;
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  /** The shared entry for members subscribing to exactly `subscription` (same topics, same order). */
  private subscriptionGroupOf(subscription: readonly Topic[]): SubscriptionGroup {
    // Consecutive members often share a subscription: compare with the last one before hashing.
    const last = this.subscriptionGroups[this.subscriptionGroups.length - 1];
    if (last !== undefined && sameElements(last.subscription, subscription)) return last;
    const signature = subscription.join('\u0000');
    const found = this.subscriptionGroupsBySignature.get(signature);
    if (found !== undefined && sameElements(found.subscription, subscription)) return found;
    const group: SubscriptionGroup = { subscription, topics: new Set(), potential: 0, members: 0 };
    this.subscriptionGroupsBySignature.set(signature, group);
    for (const topic of subscription) {
      const t = this.index.topicNumbers.get(topic);
      if (t === undefined) continue;
      group.topics.add(t);
      group.potential += this.index.partitionCount(t);
    }
    this.subscriptionGroups.push(group);
    return group;
  }

  /** The member with the fewest partitions (then lowest id) that subscribes to topic `t`. */
  private leastLoadedSubscriber(t: number): number | undefined {
    // With identical subscriptions the least loaded member always qualifies: skip the walk.
    const least = this.consumersByLoad.first();
    if (least === undefined || (this.subscribed[least] as ReadonlySet<number>).has(t)) return least;
    return this.consumersByLoad.find((m) => (this.subscribed[m] as ReadonlySet<number>).has(t));
  }

  private loadKey(count: number, m: number): number {
    return count * this.memberCount + (this.idRank[m] as number);
  }

  private ensureOwnedPerTopic(): Map<number, number>[] {
    if (this.ownedPerTopic === undefined) {
      this.ownedPerTopic = this.memberIds.map((_, m) => {
        const perTopic = new Map<number, number>();
        for (let p = this.owned.first(m); p !== NONE; p = this.owned.next(p)) {
          const t = this.index.topicOf[p] as number;
          perTopic.set(t, (perTopic.get(t) ?? 0) + 1);
        }
        return perTopic;
      });
    }
    return this.ownedPerTopic;
  }

  private count(m: number): number {
    return this.owned.size(m);
  }

  private mostLoaded(): number {
    const m = this.consumersByLoad.last();
    if (m === undefined) throw new Error('sorted_current_subscriptions is empty');
    return m;
  }

  /** A member's load as aiokafka's `current_assignment` shows it while balancing. */
  private loadInDict(m: number): number {
    return this.fixed[m] ? 0 : this.count(m);
  }

  /** Loads of the members that are keys of aiokafka's `current_assignment` right now. */
  private presentCounts(): number[] {
    const counts: number[] = [];
    for (let m = 0; m < this.memberCount; m++) if (this.present[m]) counts.push(this.loadInDict(m));
    return counts;
  }

  private give(m: number, p: number): void {
    this.owned.add(m, p);
    this.owner[p] = m;
    const perTopic = this.ownedPerTopic?.[m];
    if (perTopic === undefined) return;
    const t = this.index.topicOf[p] as number;
    perTopic.set(t, (perTopic.get(t) ?? 0) + 1);
  }

  private take(m: number, p: number): void {
    this.owned.delete(m, p);
    if (this.owner[p] === m) this.owner[p] = NONE;
    const perTopic = this.ownedPerTopic?.[m];
    if (perTopic === undefined) return;
    const t = this.index.topicOf[p] as number;
    const left = (perTopic.get(t) ?? 0) - 1;
    if (left > 0) perTopic.set(t, left);
    else perTopic.delete(t);
  }

  private describe(p: number): string {
    return `${this.index.topicName(p)}-${this.index.partitionIdOf[p]}`;
  }
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
