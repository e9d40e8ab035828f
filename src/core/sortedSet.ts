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
  /**
   * The caller promises that no two elements ever share a key, as in the sticky assignor
   * where the key includes the member id. The tree is then keyed by the key alone, which
   * saves an allocation and a tie-break per operation. Breaking the promise throws.
   */
  distinctKeys?: boolean;
}

/** Where a key sits in the tree: the key itself, or the key plus an insertion sequence. */
interface TieKey<K> {
  readonly key: K;
  /** Insertion sequence: keeps elements with equal keys apart, newest first (see below). */
  readonly seq: number;
}

/**
 * A set kept in ascending key order: the port of the `SortedSet` the sticky assignor uses.
 *
 * Backed by a B+ tree, so `add`, `remove`, `first`, `last` and `popLast` are O(log n) rather
 * than a scan or a re-sort. Elements whose keys tie are ordered newest first, so an element
 * added with the same key as the current last does not displace it, just as aiokafka's
 * cached `last()` is kept. Iteration walks a snapshot (an O(1) copy-on-write clone), so
 * changing the set while iterating it is deterministic and does not disturb the walk — as
 * iterating a sorted copy does in Python.
 *
 * The key of an element is read when it is added. An element whose key would change must
 * be removed first and added back after the change.
 */
export class SortedSet<T, K = ComparableKey> implements Iterable<T> {
  private readonly tree: BTree<unknown, T>;
  /** identity → the element's place in the tree. */
  private readonly places = new Map<unknown, unknown>();
  private readonly keyOf: (value: T) => K;
  private readonly identityOf: (value: T) => unknown;
  private readonly distinctKeys: boolean;
  private nextSeq = 0;

  constructor(iterable?: Iterable<T>, options: SortedSetOptions<T, K> = {}) {
    this.keyOf = options.key ?? ((value: T) => value as unknown as K);
    this.identityOf = options.identity ?? ((value: T) => value);
    this.distinctKeys = options.distinctKeys ?? false;
    const compare = options.compareKeys ?? (compareKeys as unknown as (a: K, b: K) => number);
    this.tree = this.distinctKeys
      ? new BTree<unknown, T>(undefined, compare as (a: unknown, b: unknown) => number)
      : new BTree<unknown, T>(undefined, (a, b) => {
          const x = a as TieKey<K>;
          const y = b as TieKey<K>;
          return compare(x.key, y.key) || y.seq - x.seq;
        });
    if (iterable !== undefined) for (const value of iterable) this.add(value);
  }

  get size(): number {
    return this.places.size;
  }

  has(value: T): boolean {
    return this.places.has(this.identityOf(value));
  }

  /** Adds `value`; adding an element that is already there changes nothing. */
  add(value: T): void {
    const id = this.identityOf(value);
    if (this.places.has(id)) return;
    const key = this.keyOf(value);
    const place: unknown = this.distinctKeys ? key : { key, seq: this.nextSeq++ };
    if (!this.tree.set(place, value, false)) {
      throw new Error(`SortedSet: ${describe(value)} has the same key as another element`);
    }
    this.places.set(id, place);
  }

  /** Removes `value`, or throws {@link KeyError} when it is not in the set. */
  remove(value: T): void {
    const id = this.identityOf(value);
    const place = this.places.get(id);
    if (place === undefined) throw new KeyError(`${describe(value)} is not in the set`);
    this.places.delete(id);
    this.tree.delete(place);
  }

  /** The element with the smallest key, or `undefined` when empty. */
  first(): T | undefined {
    const place = this.tree.minKey();
    return place === undefined ? undefined : this.tree.get(place);
  }

  /** The element with the largest key, or `undefined` when empty. */
  last(): T | undefined {
    const place = this.tree.maxKey();
    return place === undefined ? undefined : this.tree.get(place);
  }

  /** Removes and returns the element with the largest key; throws {@link KeyError} when empty. */
  popLast(): T {
    const place = this.tree.maxKey();
    if (place === undefined) throw new KeyError('pop from an empty set');
    const value = this.tree.get(place) as T;
    this.places.delete(this.identityOf(value));
    this.tree.delete(place);
    return value;
  }

  /**
   * The first element, in ascending order, that satisfies `predicate`. Walks the live set
   * without a snapshot, so `predicate` must not change the set.
   */
  find(predicate: (value: T) => boolean): T | undefined {
    let found: T | undefined;
    this.tree.forEachPair((_, value) => {
      if (!predicate(value)) return undefined;
      found = value;
      return { break: true };
    });
    return found;
  }

  /** Ascending order, over a snapshot taken when iteration starts. */
  *[Symbol.iterator](): Iterator<T> {
    yield* this.tree.clone().values();
  }

  /** The elements in ascending order, as an array. */
  toArray(): T[] {
    return this.tree.valuesArray();
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
