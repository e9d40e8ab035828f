import { describe, expect, it } from 'vitest';
import { parseJsonKeepingKeyOrder, prettyJson } from './json';

describe('parseJsonKeepingKeyOrder', () => {
  it('gives the same value as JSON.parse', () => {
    const texts = [
      '{"a": [1, -2.5e3, true, false, null, "s\\"q\\\\\\u00e9"], "b": {}, "c": []}',
      '[ {"x": {"y": [ {"z": 1} ]}} , 0.5 ]',
      '"just a string"',
      ' 42 ',
      '{"10": 1, "9": 2, "a": {"7": [], "x": 0}}',
    ];
    for (const text of texts)
      expect(parseJsonKeepingKeyOrder(text).value).toEqual(JSON.parse(text));
  });

  it('records each object’s keys in text order, integer-like ones included', () => {
    const { value, keyOrder } = parseJsonKeepingKeyOrder(
      '{"10": {"b": 1, "7": 2}, "9": {}, "C1": {"a": 0}}',
    );
    const root = value as Record<string, object>;
    expect(Object.keys(root)).toEqual(['9', '10', 'C1']); // what JavaScript does
    expect(keyOrder.get(root)).toEqual(['10', '9', 'C1']); // what the file says
    expect(keyOrder.get(root['10'] as object)).toEqual(['b', '7']);
    expect(keyOrder.get(root['9'] as object)).toEqual([]);
  });

  it('keeps "__proto__" as data and a repeated key in its first place with its last value', () => {
    const { value, keyOrder } = parseJsonKeepingKeyOrder('{"__proto__": {"x": 1}, "a": 1, "a": 2}');
    const root = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.hasOwn(root, '__proto__')).toBe(true);
    expect(root['a']).toBe(2);
    expect(keyOrder.get(root)).toEqual(['__proto__', 'a']);
  });
});

describe('prettyJson', () => {
  it('writes Maps in insertion order and short values on one line', () => {
    const value = {
      assignment: new Map([
        ['10', new Map([['t', [0, 1]]])],
        ['9', new Map()],
      ]),
      skip: undefined,
      list: ['a', 'b'],
    };
    expect(prettyJson(value)).toBe(
      '{\n  "assignment": {\n    "10": { "t": [0, 1] },\n    "9": {}\n  },\n  "list": ["a", "b"]\n}\n',
    );
    expect(JSON.parse(prettyJson(value))).toEqual({
      assignment: { '10': { t: [0, 1] }, '9': {} },
      list: ['a', 'b'],
    });
  });

  it('fills long number arrays within the width', () => {
    const text = prettyJson({ p: Array.from({ length: 100 }, (_, i) => i) }, 40);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(JSON.parse(text)).toEqual({ p: Array.from({ length: 100 }, (_, i) => i) });
  });
});
