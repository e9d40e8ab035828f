import type { ComparableKey } from '../core/compare';
import { compareKeys } from '../core/compare';
import { PartitionMovements } from '../core/partitionMovements';
import { KeyError, SortedSet } from '../core/sortedSet';
import type {
  MovementOp,
  PartitionMovementsFile,
  SortedSetFile,
  SortedSetOp,
  SortedSetValue,
} from './formats';

/** One op's result as the CLI prints it: the return value (`null` for none) or the error. */
export type OpResult = unknown;
export const KEY_ERROR = { error: 'KeyError' } as const;

export interface VectorReport {
  name: string;
  results: OpResult[];
  /** Human-readable failures, empty when every op matched. */
  failures: string[];
}

type KeyName = SortedSetFile['vectors'][number]['key'];

/** The key functions the vectors name, with Python's semantics (`%` floors, `len` counts code points). */
export const SORTED_SET_KEYS: Record<KeyName, (value: SortedSetValue) => ComparableKey> = {
  identity: (value) => value as ComparableKey,
  negate: (value) => -(value as number),
  subscription: (value) => {
    const [name, partitions] = value as [string, number[]];
    return [partitions.length, name];
  },
  mod10: (value) => (((value as number) % 10) + 10) % 10,
  length: (value) => [...(value as string)].length,
};

/** Elements are equal as Python values are: equal tuples are one element. */
const identity = (value: SortedSetValue) => JSON.stringify(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function runSortedSetVector(vector: SortedSetFile['vectors'][number]): VectorReport {
  const key = SORTED_SET_KEYS[vector.key];
  const set = new SortedSet<SortedSetValue>(vector.initial, { key, identity });
  // An independent model of the contents, to recognise results recorded from aiokafka's
  // stale cache (its `first()` can return an element that was already popped).
  const contents = new Map((vector.initial ?? []).map((value) => [identity(value), value]));
  const results: OpResult[] = [];
  const failures: string[] = [];

  vector.ops.forEach((op, i) => {
    const result = applySortedSetOp(set, op);
    results.push(result);
    if (op.op === 'add' && op.value !== undefined) contents.set(identity(op.value), op.value);
    if (op.op === 'remove' && op.value !== undefined) contents.delete(identity(op.value));
    if (op.op === 'pop_last' && result !== KEY_ERROR)
      contents.delete(identity(result as SortedSetValue));
    const problem = checkSortedSetOp(op, result, [...contents.values()], key);
    if (problem !== undefined) failures.push(`op ${i} (${op.op}): ${problem}`);
  });
  return { name: vector.name, results, failures };
}

function applySortedSetOp(set: SortedSet<SortedSetValue>, op: SortedSetOp): OpResult {
  try {
    switch (op.op) {
      case 'add':
        set.add(requireValue(op));
        return null;
      case 'remove':
        set.remove(requireValue(op));
        return null;
      case 'contains':
        return set.has(requireValue(op));
      case 'first':
        return set.first() ?? null;
      case 'last':
        return set.last() ?? null;
      case 'pop_last':
        return set.popLast();
      case 'iter':
        return [...set];
      case 'len':
        return set.size;
    }
  } catch (error) {
    if (error instanceof KeyError) return KEY_ERROR;
    throw error;
  }
}

function requireValue(op: SortedSetOp): SortedSetValue {
  if (op.value === undefined) throw new TypeError(`op ${op.op} needs a value`);
  return op.value;
}

function checkSortedSetOp(
  op: SortedSetOp,
  result: OpResult,
  contents: SortedSetValue[],
  key: (value: SortedSetValue) => ComparableKey,
): string | undefined {
  if (op.expectError !== undefined) {
    return result === KEY_ERROR ? undefined : `expected KeyError, got ${JSON.stringify(result)}`;
  }
  if (result === KEY_ERROR) return 'raised KeyError unexpectedly';
  if (op.op === 'iter' && op.groups !== undefined) {
    return matchesGroups(result as SortedSetValue[], op.groups)
      ? undefined
      : `${JSON.stringify(result)} is not ordered as ${JSON.stringify(op.groups)}`;
  }
  const acceptable = op.anyOf ?? op.observed ?? ('expect' in op ? [op.expect] : undefined);
  if (acceptable === undefined) return undefined;
  if (acceptable.some((value) => same(value, result))) return undefined;
  if (
    op.op === 'first' &&
    'expect' in op &&
    op.expect !== null &&
    !contents.some((v) => same(v, op.expect))
  ) {
    // aiokafka answered from a stale cache; the right answer is the real smallest element.
    const smallest = contents.length === 0 ? [null] : tiedExtremes(contents, key);
    if (smallest.some((value) => same(value, result))) return undefined;
    return `expected the real first element ${JSON.stringify(smallest)} (aiokafka's stale ${JSON.stringify(op.expect)} is a defect), got ${JSON.stringify(result)}`;
  }
  return `expected ${acceptable.length === 1 ? JSON.stringify(acceptable[0]) : `one of ${JSON.stringify(acceptable)}`}, got ${JSON.stringify(result)}`;
}

function tiedExtremes(values: SortedSetValue[], key: (value: SortedSetValue) => ComparableKey) {
  const sorted = [...values].sort((a, b) => compareKeys(key(a), key(b)));
  const first = sorted[0] as SortedSetValue;
  return sorted.filter((value) => compareKeys(key(value), key(first)) === 0);
}

function matchesGroups(result: SortedSetValue[], groups: SortedSetValue[][]): boolean {
  let offset = 0;
  for (const group of groups) {
    const slice = result.slice(offset, offset + group.length);
    if (
      slice.length !== group.length ||
      !slice.every((value) => group.some((g) => same(g, value)))
    ) {
      return false;
    }
    offset += group.length;
  }
  return offset === result.length;
}

const SEPARATOR = '\u0000';

export function runPartitionMovementsVector(
  vector: PartitionMovementsFile['vectors'][number],
): VectorReport {
  // Partitions are named by a string so equal topic-partitions are one map key.
  const movements = new PartitionMovements<string>((p) => p.slice(0, p.lastIndexOf(SEPARATOR)));
  const results: OpResult[] = [];
  const failures: string[] = [];
  vector.ops.forEach((op, i) => {
    let result: OpResult;
    try {
      result = applyMovementOp(movements, op);
    } catch (error) {
      result = { error: error instanceof Error ? error.name : String(error) };
    }
    results.push(result);
    const problem = checkMovementOp(op, result);
    if (problem !== undefined) failures.push(`op ${i} (${op.op}): ${problem}`);
  });
  return { name: vector.name, results, failures };
}

function applyMovementOp(movements: PartitionMovements<string>, op: MovementOp): OpResult {
  switch (op.op) {
    case 'areSticky':
      return movements.isSticky();
    case 'move':
      movements.movePartition(`${op.topic}${SEPARATOR}${op.partition}`, op.from, op.to);
      return null;
    case 'partitionToBeMoved': {
      const moved = movements.partitionToBeMoved(
        `${op.topic}${SEPARATOR}${op.partition}`,
        op.from,
        op.to,
      );
      const cut = moved.lastIndexOf(SEPARATOR);
      return [moved.slice(0, cut), Number(moved.slice(cut + 1))];
    }
  }
}

function checkMovementOp(op: MovementOp, result: OpResult): string | undefined {
  if (op.op === 'move')
    return result === null ? undefined : `move failed: ${JSON.stringify(result)}`;
  if (op.op === 'areSticky') {
    return result === op.expect
      ? undefined
      : `expected ${op.expect}, got ${JSON.stringify(result)}`;
  }
  const acceptable = op.expectOneOf ?? (op.expect === undefined ? undefined : [op.expect]);
  if (acceptable === undefined || acceptable.some((value) => same(value, result))) return undefined;
  return `expected ${JSON.stringify(acceptable.length === 1 ? acceptable[0] : acceptable)}, got ${JSON.stringify(result)}`;
}
