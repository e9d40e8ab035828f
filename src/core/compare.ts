/**
 * Orderings that match CPython's, so sorts agree with aiokafka's byte for byte.
 */

/**
 * Compares strings by Unicode code point, as Python compares `str`. JavaScript's `<`
 * compares UTF-16 code units, which disagrees when one side has an astral character
 * (a surrogate, 0xD800–0xDFFF) and the other a character in 0xE000–0xFFFF.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above the rest of the BMP so code-unit order becomes code-point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/**
 * Compares strings by UTF-16 code unit, as JavaScript's `<` does. For the orders that are
 * ours rather than aiokafka's — canonical JSON keys under a fingerprint, a results file's
 * topics, a diff's rows, layout topics — where changing the order would change stored bytes
 * or what is drawn. Differs from {@link compareStrings} only between an astral character and
 * one in U+E000–U+FFFF.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Python-style comparison key: numbers, strings, or tuples (arrays) of keys. */
export type ComparableKey = number | string | readonly ComparableKey[];

/** Compares keys the way Python compares ints, strs and tuples of them. */
export function compareKeys(a: ComparableKey, b: ComparableKey): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const order = compareKeys(a[i] as ComparableKey, b[i] as ComparableKey);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  throw new TypeError(`cannot compare ${describeKey(a)} with ${describeKey(b)}`);
}

function describeKey(key: ComparableKey): string {
  return Array.isArray(key) ? 'a tuple' : typeof key;
}
