import type { IntArena } from './intArena';

const NONE = -1;

/**
 * Each member's owned partitions as an insertion-ordered list, the order a `Set` (and
 * aiokafka's list) keeps, held in typed arrays: a doubly linked list through the partition
 * numbers. Adding, removing and counting are a few array writes, with no per-member object
 * for the garbage collector; a partition is on at most one member's list.
 */
export class OwnedLists {
  private readonly nextOf: Int32Array;
  private readonly prevOf: Int32Array;
  private readonly holder: Int32Array;
  private readonly heads: Int32Array;
  private readonly tails: Int32Array;
  private readonly sizes: Int32Array;

  /** Takes `3 × (partitions + members)` numbers from `arena`. */
  constructor(partitions: number, members: number, arena: IntArena) {
    this.nextOf = arena.take(partitions);
    this.prevOf = arena.take(partitions);
    this.holder = arena.take(partitions, NONE);
    this.heads = arena.take(members, NONE);
    this.tails = arena.take(members, NONE);
    this.sizes = arena.take(members);
  }

  size(m: number): number {
    return this.sizes[m] as number;
  }

  /** Appends `p` to `m`'s list; nothing happens if it is there already. */
  add(m: number, p: number): void {
    const holder = this.holder[p] as number;
    if (holder === m) return;
    if (holder !== NONE) throw new Error(`partition ${p} is already on member ${holder}'s list`);
    this.holder[p] = m;
    const tail = this.tails[m] as number;
    this.prevOf[p] = tail;
    this.nextOf[p] = NONE;
    if (tail === NONE) this.heads[m] = p;
    else this.nextOf[tail] = p;
    this.tails[m] = p;
    this.sizes[m] = (this.sizes[m] as number) + 1;
  }

  /** Removes `p` from `m`'s list, if it is there. */
  delete(m: number, p: number): void {
    if (this.holder[p] !== m) return;
    this.holder[p] = NONE;
    const prev = this.prevOf[p] as number;
    const next = this.nextOf[p] as number;
    if (prev === NONE) this.heads[m] = next;
    else this.nextOf[prev] = next;
    if (next === NONE) this.tails[m] = prev;
    else this.prevOf[next] = prev;
    this.sizes[m] = (this.sizes[m] as number) - 1;
  }

  /** The first partition on `m`'s list, or -1. */
  first(m: number): number {
    return this.heads[m] as number;
  }

  /** The partition after `p` on its list, or -1. */
  next(p: number): number {
    return this.nextOf[p] as number;
  }

  /** `m`'s partitions in list order. */
  toArray(m: number): number[] {
    const out = new Array<number>(this.sizes[m] as number);
    let i = 0;
    for (let p = this.heads[m] as number; p !== NONE; p = this.nextOf[p] as number) out[i++] = p;
    return out;
  }
}
