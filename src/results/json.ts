/**
 * JSON helpers for files whose object keys are ordered data (members in JoinGroup order):
 * JavaScript objects list integer-like keys ("10", "7") first, so neither `JSON.parse` nor
 * `JSON.stringify` keeps that order by themselves. Pure.
 */

/** Objects of a parsed document → their keys in the order the text wrote them. */
export type KeyOrder = WeakMap<object, readonly string[]>;

/** Deeper than any file of ours nests; a deeper document is refused, not a stack overflow. */
export const MAX_JSON_DEPTH = 100;

/**
 * Parses JSON text that `JSON.parse` has already accepted, returning the same value plus
 * every object's keys in text order. (A repeated key keeps its first place and last value,
 * as `JSON.parse` does.)
 */
export function parseJsonKeepingKeyOrder(text: string): { value: unknown; keyOrder: KeyOrder } {
  const keyOrder: KeyOrder = new WeakMap();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const literal = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  let depth = 0;
  const tooDeep = () =>
    new SyntaxError(`the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`);
  const readValue = (): unknown => {
    skipSpace();
    const c = text[i];
    if ((c === '[' || c === '{') && depth >= MAX_JSON_DEPTH) throw tooDeep();
    depth++;
    try {
      return readCompound(c);
    } finally {
      depth--;
    }
  };
  const readCompound = (c: string | undefined): unknown => {
    if (c === '"') return readString();
    if (c === '[') {
      i++;
      const items: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(readValue());
        skipSpace();
        if (text[i++] === ']') return items;
      }
    }
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      const keys: string[] = [];
      keyOrder.set(object, keys);
      skipSpace();
      if (text[i] === '}') {
        i++;
        return object;
      }
      for (;;) {
        skipSpace();
        const key = readString();
        skipSpace();
        i++; // ':'
        const item = readValue();
        if (!Object.hasOwn(object, key)) keys.push(key);
        // defineProperty: a "__proto__" key is data, as in JSON.parse, not the prototype.
        Object.defineProperty(object, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        skipSpace();
        if (text[i++] === '}') return object;
      }
    }
    literal.lastIndex = i;
    const match = literal.exec(text);
    if (match === null) throw new SyntaxError(`unexpected character at position ${i}`);
    i = literal.lastIndex;
    return JSON.parse(match[0]) as unknown;
  };
  return { value: readValue(), keyOrder };
}

/**
 * Pretty JSON in which `Map`s are objects with their insertion order kept and `undefined`
 * fields are left out. A value is written on one line when it fits in `width` columns
 * (as Prettier would), otherwise one item per line, indented by two spaces.
 */
export function prettyJson(value: unknown, width = 100): string {
  return `${pretty(value, '', width, 0, 0)}\n`;
}

type Entry = [key: string, value: unknown];

function entriesOf(value: unknown): Entry[] | undefined {
  if (value instanceof Map) return [...value].map(([k, v]) => [String(k), v] as Entry);
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).filter(([, v]) => v !== undefined);
  return undefined;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => inline(v ?? null)).join(', ')}]`;
  const entries = entriesOf(value);
  if (entries !== undefined) {
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `prefix`: columns before the value on its line (its key); `trailing`: columns after it (a
 * comma).
 */
function pretty(
  value: unknown,
  indent: string,
  width: number,
  prefix: number,
  trailing: number,
): string {
  const flat = inline(value);
  const entries = entriesOf(value);
  // Prettier keeps an object expanded once it is; we expand every object holding objects.
  const nested =
    entries !== undefined &&
    entries.some(
      ([, v]) =>
        entriesOf(v) !== undefined ||
        (Array.isArray(v) && v.some((item) => entriesOf(item) !== undefined)),
    );
  if (indent.length + prefix + flat.length + trailing <= width && !nested) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number'))
      return `[\n${fill(value, inner, width)}\n${indent}]`;
    const lines = value.map(
      (v, i) => `${inner}${pretty(v ?? null, inner, width, 0, i < value.length - 1 ? 1 : 0)}`,
    );
    return `[\n${lines.join(',\n')}\n${indent}]`;
  }
  if (entries !== undefined) {
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, v], i) => {
      const key = `${JSON.stringify(k)}: `;
      return `${inner}${key}${pretty(v, inner, width, key.length, i < entries.length - 1 ? 1 : 0)}`;
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return flat;
}

/** Numbers packed onto lines, as Prettier fills a long array of numbers. */
function fill(numbers: readonly number[], indent: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  numbers.forEach((n, i) => {
    const item = JSON.stringify(n) + (i < numbers.length - 1 ? ',' : '');
    if (line === '') line = `${indent}${item}`;
    else if (line.length + 1 + item.length <= width) line += ` ${item}`;
    else {
      lines.push(line);
      line = `${indent}${item}`;
    }
  });
  lines.push(line);
  return lines.join('\n');
}
