import { describe, expect, it } from 'vitest';
import { KeyError, SortedSet } from './sortedSet';

describe('SortedSet', () => {
  it('keeps elements in ascending key order and answers first/last', () => {
    const set = new SortedSet([5, 1, 9, 3]);
    expect([...set]).toEqual([1, 3, 5, 9]);
    expect(set.first()).toBe(1);
    expect(set.last()).toBe(9);
    expect(set.size).toBe(4);
  });

  it('orders by a key function, e.g. descending', () => {
    const set = new SortedSet([1, 2, 3], { key: (x) => -x });
    expect([...set]).toEqual([3, 2, 1]);
  });

  it('treats equal tuples as one element when given an identity', () => {
    const set = new SortedSet<[string, number[]]>([], {
      key: ([name, partitions]) => [partitions.length, name],
      identity: (value) => JSON.stringify(value),
    });
    set.add(['C1', [1, 2]]);
    set.add(['C1', [1, 2]]);
    set.add(['C0', [7]]);
    expect(set.size).toBe(2);
    expect(set.has(['C1', [1, 2]])).toBe(true);
    expect(set.first()).toEqual(['C0', [7]]);
  });

  it('throws KeyError when removing an absent element or popping an empty set', () => {
    const set = new SortedSet<number>();
    expect(() => set.remove(4)).toThrow(KeyError);
    expect(() => set.popLast()).toThrow(KeyError);
    expect(set.first()).toBeUndefined();
  });

  it('pops the largest element', () => {
    const set = new SortedSet([2, 8, 4]);
    expect(set.popLast()).toBe(8);
    expect(set.popLast()).toBe(4);
    expect([...set]).toEqual([2]);
  });

  it('iterates a snapshot: changes made while iterating do not disturb the walk', () => {
    const set = new SortedSet([1, 2, 3, 4]);
    const seen: number[] = [];
    for (const value of set) {
      seen.push(value);
      set.remove(value);
      set.add(value + 10);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect([...set]).toEqual([11, 12, 13, 14]);
  });

  it('find() returns the first element in key order that satisfies the predicate', () => {
    const set = new SortedSet([7, 2, 9, 4]);
    expect(set.find((x) => x > 3)).toBe(4);
    expect(set.find((x) => x > 100)).toBeUndefined();
  });

  it('keeps the incumbent last element when an equal-key element is added', () => {
    const set = new SortedSet(['ab', 'cd'], { key: (s) => s.length });
    const last = set.last();
    set.add('ef');
    expect(set.last()).toBe(last);
  });

  it('stays ordered through many random operations (against a sorted array)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const set = new SortedSet<number>();
    const model = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const value = Math.floor(random() * 500);
      if (random() < 0.6) {
        set.add(value);
        model.add(value);
      } else if (model.has(value)) {
        set.remove(value);
        model.delete(value);
      }
    }
    const sorted = [...model].sort((a, b) => a - b);
    expect(set.toArray()).toEqual(sorted);
    expect(set.first()).toBe(sorted[0]);
    expect(set.last()).toBe(sorted[sorted.length - 1]);
  });
});
