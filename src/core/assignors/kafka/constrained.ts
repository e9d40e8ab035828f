/**
 * Kafka's `ConstrainedAssignmentBuilder`: every member subscribes to the same topics, so each
 * gets `minQuota` or `maxQuota` partitions. Members keep what they own up to their quota (the
 * first `expectedNumMembersWithOverMinQuotaPartitions` members in `HashMap` order that own enough
 * keep `maxQuota`), and the rest go round-robin to the members still short, sorted by id.
 */
import { compareCodeUnits } from '../../compare';
import {
  byTopicThenPartition,
  KafkaAssignorError,
  removeFirst,
  type KafkaPartition,
} from './model';
import type { StickyInput } from './stickyCore';

/** A Java `Iterator` over a list that may `remove()` the element it last returned. */
class ListIterator<T> {
  private index = 0;
  constructor(private readonly list: T[]) {}
  hasNext(): boolean {
    return this.index < this.list.length;
  }
  next(): T {
    return this.list[this.index++] as T;
  }
  remove(): void {
    this.list.splice(--this.index, 1);
  }
}

export function buildConstrained(
  input: StickyInput,
  currentAssignment: ReadonlyMap<string, KafkaPartition[]>,
  multipleOwners: ReadonlySet<KafkaPartition>,
  transferring: Map<KafkaPartition, string>,
): Map<string, KafkaPartition[]> {
  let total = 0;
  for (const count of input.partitionsPerTopic.values()) total += count;
  const members = currentAssignment.size;
  const minQuota = Math.floor(total / members);
  const maxQuota = Math.ceil(total / members);
  const expectedOverMin = total % members;
  let currentOverMin = 0;

  const maybeRevoked = new Map<KafkaPartition, string>();
  let under: string[] = [];
  let exactlyMin: string[] = [];
  const assignment = new Map<string, KafkaPartition[]>();
  for (const member of currentAssignment.keys()) assignment.set(member, []);
  const assigned: KafkaPartition[] = [];
  const give = (tp: KafkaPartition, member: string): number => {
    const mine = assignment.get(member) as KafkaPartition[];
    mine.push(tp);
    if (maybeRevoked.size === 0 && multipleOwners.size === 0) return mine.length;
    const from = maybeRevoked.get(tp);
    if ((from !== undefined && from !== member) || multipleOwners.has(tp))
      transferring.set(tp, member);
    return mine.length;
  };

  // Keep owned partitions, lowest partition numbers first, up to the member's quota.
  for (const [member, ownedList] of currentAssignment) {
    const owned = [...ownedList].sort(
      (a, b) => a.partition - b.partition || compareCodeUnits(a.topic, b.topic),
    );
    const mine = assignment.get(member) as KafkaPartition[];
    for (const doubled of multipleOwners) removeFirst(owned, doubled);
    if (owned.length < minQuota) {
      mine.push(...owned);
      assigned.push(...owned);
      under.push(member);
    } else if (owned.length >= maxQuota && currentOverMin < expectedOverMin) {
      currentOverMin++;
      if (currentOverMin === expectedOverMin) exactlyMin = [];
      mine.push(...owned.slice(0, maxQuota));
      assigned.push(...owned.slice(0, maxQuota));
      for (const tp of owned.slice(maxQuota)) maybeRevoked.set(tp, member);
    } else {
      mine.push(...owned.slice(0, minQuota));
      assigned.push(...owned.slice(0, minQuota));
      for (const tp of owned.slice(minQuota)) maybeRevoked.set(tp, member);
      if (currentOverMin < expectedOverMin) exactlyMin.push(member);
    }
  }

  const unassigned = unassignedPartitions(input, assigned);
  under = under.sort(compareCodeUnits);
  exactlyMin = exactlyMin.sort(compareCodeUnits);

  // Round-robin what is left over the members below minQuota, then those at it.
  let iterator = new ListIterator(under);
  for (const tp of unassigned) {
    let member: string;
    if (iterator.hasNext()) {
      member = iterator.next();
    } else if (under.length === 0 && exactlyMin.length === 0) {
      throw new KafkaAssignorError(
        'IllegalStateException',
        'No more unfilled consumers to be assigned.',
      );
    } else if (under.length === 0) {
      member = exactlyMin.shift() as string;
    } else {
      iterator = new ListIterator(under);
      member = iterator.next();
    }
    const count = give(tp, member);
    if (count === minQuota) {
      iterator.remove();
      exactlyMin.push(member);
    } else if (count === maxQuota) {
      // Kafka only logs (does not stop) when partitions remain after the last one got here.
      currentOverMin++;
    }
  }

  if (under.length > 0) {
    if (currentOverMin !== expectedOverMin)
      throw new KafkaAssignorError(
        'IllegalStateException',
        "We haven't reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned",
      );
    for (const member of under) {
      if ((assignment.get(member) as KafkaPartition[]).length !== minQuota)
        throw new KafkaAssignorError(
          'IllegalStateException',
          `Consumer: [${member}] doesn't reach minQuota partitions, and no more partitions to be assigned`,
        );
    }
  }
  return assignment;
}

/**
 * Every partition of the subscribed topics (topics by name, partitions by number) that is not
 * in `assigned`, by Kafka's two-pointer walk: it assumes every assigned partition exists, and
 * like Kafka gives wrong answers (a partition twice) when one does not.
 */
function unassignedPartitions(input: StickyInput, assigned: KafkaPartition[]): KafkaPartition[] {
  const topics = [...input.partitionsPerTopic.keys()].sort(compareCodeUnits);
  // Nothing assigned yet is the plain difference too: every partition.
  const exact = exactDifference(input, topics, assigned);
  if (exact !== undefined) return exact;
  const result: KafkaPartition[] = [];
  const sorted = [...assigned].sort(byTopicThenPartition);
  let addDirectly = false;
  let cursor = 0;
  let next = sorted[cursor++] as KafkaPartition;
  for (const topic of topics) {
    const count = input.partitionsPerTopic.get(topic) ?? 0;
    for (let i = 0; i < count; i++) {
      if (addDirectly || !(next.topic === topic && next.partition === i)) {
        result.push(input.partitions.get(topic, i));
      } else if (cursor < sorted.length) {
        next = sorted[cursor++] as KafkaPartition;
      } else {
        addDirectly = true;
      }
    }
  }
  return result;
}

/**
 * The same list as Kafka's two-pointer walk, by marking instead of sorting, when its answer is
 * the plain set difference: every assigned partition exists and none is there twice. Otherwise
 * `undefined`, and the walk runs, quirks and all.
 */
function exactDifference(
  input: StickyInput,
  topics: readonly string[],
  assigned: readonly KafkaPartition[],
): KafkaPartition[] | undefined {
  const marks = new Map<string, Uint8Array>();
  for (const topic of topics)
    marks.set(topic, new Uint8Array(input.partitionsPerTopic.get(topic) ?? 0));
  for (const tp of assigned) {
    const marked = marks.get(tp.topic);
    if (marked === undefined || tp.partition >= marked.length || marked[tp.partition] === 1)
      return undefined;
    marked[tp.partition] = 1;
  }
  const result: KafkaPartition[] = [];
  for (const topic of topics) {
    const marked = marks.get(topic) as Uint8Array;
    for (let i = 0; i < marked.length; i++)
      if (marked[i] === 0) result.push(input.partitions.get(topic, i));
  }
  return result;
}
