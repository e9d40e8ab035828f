/**
 * The iteration order of Java's `HashMap` / `HashSet`, which Kafka's sticky assignors depend on:
 * which members keep their larger quota, which claim wins a tie, and which partition of a pair's
 * moves is "the first" are all decided by the order a `HashMap` hands its entries out.
 *
 * A `HashMap` iterates its table bucket by bucket (bucket = spread hash & (capacity - 1)), and a
 * bucket's entries in the order they were put: new entries append to a bucket's list, a resize
 * splits a list into two while keeping their relative order, a removal unlinks one entry. So the
 * order is "by bucket at the current capacity, then by insertion", given the capacity, which
 * grows (never shrinks) by doubling when the size passes 3/4 of it, or when a bucket's list
 * reaches 9 entries while the table is smaller than 64.
 *
 * Not modelled: a bucket of 9 or more entries in a table of 64 or more becomes a red-black tree,
 * whose iteration order is not the insertion order. That takes 9 colliding hashes among at most
 * 48 keys; {@link JavaHashOrder.treeified} reports it so a caller can say so.
 */

/** `String.hashCode()`: s[0]·31^(n−1) + … + s[n−1] over UTF-16 code units, in 32 bits. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** `TopicPartition.hashCode()`: 31·(31 + partition) + topic.hashCode(), in 32 bits. */
export function topicPartitionHash(topic: string, partition: number): number {
  return topicPartitionHashOf(javaStringHash(topic), partition);
}

/** {@link topicPartitionHash} from the topic's own hash code. */
export function topicPartitionHashOf(topicHash: number, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + topicHash) | 0;
}

/** `HashMap.hash(key)`: the high half folded into the low half before masking. */
function spread(hash: number): number {
  return hash ^ (hash >>> 16);
}

const DEFAULT_CAPACITY = 16;
const MIN_TREEIFY_CAPACITY = 64;
/** A bucket list that reaches this many entries is treeified (or the table resized). */
const TREEIFY_LENGTH = 9;

interface Slot {
  readonly hash: number;
  readonly seq: number;
}

/**
 * The keys of one `HashMap` (or `HashSet`) and enough of its history to know their iteration
 * order. Keys are compared by identity (`Map` semantics): callers intern equal Java objects.
 */
export class JavaHashOrder<K> {
  private readonly slots = new Map<K, Slot>();
  private capacity = 0;
  private nextSeq = 0;
  private bucketSizes = new Map<number, number>();
  /** Whether a bucket grew into a tree, whose order this class does not model. */
  treeified = false;

  constructor(private readonly hashOf: (key: K) => number) {}

  get size(): number {
    return this.slots.size;
  }

  has(key: K): boolean {
    return this.slots.has(key);
  }

  /** `put` / `add` of a key: a new key goes to the end of its bucket, a present one stays. */
  add(key: K): void {
    if (this.slots.has(key)) return;
    if (this.capacity === 0) this.capacity = DEFAULT_CAPACITY;
    const hash = spread(this.hashOf(key));
    this.slots.set(key, { hash, seq: this.nextSeq++ });
    const bucket = hash & (this.capacity - 1);
    const length = (this.bucketSizes.get(bucket) ?? 0) + 1;
    this.bucketSizes.set(bucket, length);
    if (length >= TREEIFY_LENGTH) {
      if (this.capacity < MIN_TREEIFY_CAPACITY) this.resize();
      else this.treeified = true;
    }
    if (this.slots.size > (this.capacity * 3) / 4) this.resize();
  }

  remove(key: K): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    const bucket = slot.hash & (this.capacity - 1);
    this.bucketSizes.set(bucket, (this.bucketSizes.get(bucket) ?? 1) - 1);
  }

  /** The key `iterator().next()` returns; `undefined` when empty. */
  first(): K | undefined {
    let best: K | undefined;
    let bestBucket = Number.POSITIVE_INFINITY;
    let bestSeq = Number.POSITIVE_INFINITY;
    const mask = this.capacity - 1;
    for (const [key, slot] of this.slots) {
      const bucket = slot.hash & mask;
      if (bucket < bestBucket || (bucket === bestBucket && slot.seq < bestSeq)) {
        best = key;
        bestBucket = bucket;
        bestSeq = slot.seq;
      }
    }
    return best;
  }

  /** Every key in iteration order. */
  keys(): K[] {
    const mask = this.capacity - 1;
    return [...this.slots]
      .sort(([, a], [, b]) => (a.hash & mask) - (b.hash & mask) || a.seq - b.seq)
      .map(([key]) => key);
  }

  private resize(): void {
    this.capacity *= 2;
    const mask = this.capacity - 1;
    this.bucketSizes = new Map();
    for (const slot of this.slots.values()) {
      const bucket = slot.hash & mask;
      this.bucketSizes.set(bucket, (this.bucketSizes.get(bucket) ?? 0) + 1);
    }
  }
}

/** The order a fresh `HashMap<String, …>` iterates `keys`, put in this order. */
export function javaHashMapOrder(keys: Iterable<string>): string[] {
  const order = new JavaHashOrder<string>(javaStringHash);
  for (const key of keys) order.add(key);
  return order.keys();
}
