import { BTree } from './btree';
import { compareKeys, type ComparableKey } from './compare';

/** Thrown where Python would raise `KeyError`: removing or popping what is not there. */
export class KeyError extends Error {
  override readonly name = 'KeyError';
}

export interface SortedSetOptions<T, K> {
  /** The sort key of an element, read once when it is added (default: the element). */
  key?: (value: T) => K;
  /** How keys compare (default: Python's ordering of ints, strs and tuples). */
  compareKeys?: (a: K, b: K) => number;
  /**
   * What makes two elements the same element (default: the value itself, by `SameValueZero`).
   * Pass e.g. `JSON.stringify` to treat equal tuples as one element, as Python does.
   */
  identity?: (value: T) => unknown;
}

interface Entry<T, K> {
  readonly value: T;
  readonly key: K;
  /** Insertion sequence: keeps elements with equal keys apart, newest first (see below). */
  readonly seq: number;
}

/**
 * A set kept in ascending key order: the port of the `SortedSet` the sticky assignor uses.
 *
 * Backed by a B+ tree, so `add`, `remove`, `first`, `last` and `popLast` are O(log n) rather
 * than a scan or a re-sort. Elements whose keys tie are ordered newest first. Iteration
 * walks a snapshot (an O(1) copy-on-write clone), so changing the set while iterating it is
 * deterministic and does not disturb the walk — as iterating a sorted copy does in Python.
 *
 * The key of an element is read when it is added. An element whose key would change must
 * be removed first and added back after the change.
 */
export class SortedSet<T, K = ComparableKey> implements Iterable<T> {
  private readonly tree: BTree<Entry<T, K>, undefined>;
  private readonly entries = new Map<unknown, Entry<T, K>>();
  private readonly keyOf: (value: T) => K;
  private readonly identityOf: (value: T) => unknown;
  private nextSeq = 0;

  constructor(iterable?: Iterable<T>, options: SortedSetOptions<T, K> = {}) {
    this.keyOf = options.key ?? ((value: T) => value as unknown as K);
    this.identityOf = options.identity ?? ((value: T) => value);
    const compare = options.compareKeys ?? (compareKeys as unknown as (a: K, b: K) => number);
    this.tree = new BTree<Entry<T, K>, undefined>(
      undefined,
      // Among equal keys the oldest sorts last, so an element added with the same key as the
      // current last does not displace it, just as aiokafka's cached `last()` is kept.
      (a, b) => compare(a.key, b.key) || b.seq - a.seq,
    );
    if (iterable !== undefined) for (const value of iterable) this.add(value);
  }

  get size(): number {
    return this.entries.size;
  }

  has(value: T): boolean {
    return this.entries.has(this.identityOf(value));
  }

  /** Adds `value`; adding an element that is already there changes nothing. */
  add(value: T): void {
    const id = this.identityOf(value);
    if (this.entries.has(id)) return;
    const entry: Entry<T, K> = { value, key: this.keyOf(value), seq: this.nextSeq++ };
    this.entries.set(id, entry);
    this.tree.set(entry, undefined);
  }

  /** Removes `value`, or throws {@link KeyError} when it is not in the set. */
  remove(value: T): void {
    const id = this.identityOf(value);
    const entry = this.entries.get(id);
    if (entry === undefined) throw new KeyError(`${describe(value)} is not in the set`);
    this.entries.delete(id);
    this.tree.delete(entry);
  }

  /** The element with the smallest key, or `undefined` when empty. */
  first(): T | undefined {
    return this.tree.minKey()?.value;
  }

  /** The element with the largest key, or `undefined` when empty. */
  last(): T | undefined {
    return this.tree.maxKey()?.value;
  }

  /** Removes and returns the element with the largest key; throws {@link KeyError} when empty. */
  popLast(): T {
    const entry = this.tree.maxKey();
    if (entry === undefined) throw new KeyError('pop from an empty set');
    this.entries.delete(this.identityOf(entry.value));
    this.tree.delete(entry);
    return entry.value;
  }

  /**
   * The first element, in ascending order, that satisfies `predicate`. Walks the live set
   * without a snapshot, so `predicate` must not change the set.
   */
  find(predicate: (value: T) => boolean): T | undefined {
    let found: T | undefined;
    this.tree.forEachPair((entry) => {
      if (!predicate(entry.value)) return undefined;
      found = entry.value;
      return { break: true };
    });
    return found;
  }

  /** Ascending order, over a snapshot taken when iteration starts. */
  *[Symbol.iterator](): Iterator<T> {
    for (const entry of this.tree.clone().keys()) yield entry.value;
  }

  /** The elements in ascending order, as an array. */
  toArray(): T[] {
    return Array.from(this.tree.keys(), (entry) => entry.value);
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
