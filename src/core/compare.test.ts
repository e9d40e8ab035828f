import { describe, expect, it } from 'vitest';
import { compareCodeUnits, compareKeys, compareStrings } from './compare';

describe('compareStrings (Python str order)', () => {
  it('orders ASCII like Python', () => {
    expect(['C2', 'C10', 'C1', 'b', 'B'].sort(compareStrings)).toEqual([
      'B',
      'C1',
      'C10',
      'C2',
      'b',
    ]);
  });

  it('orders by code point where UTF-16 code units disagree', () => {
    const astral = '\u{1F600}'; // U+1F600, stored as surrogates D83D DE00
    const privateUse = '\uE000';
    expect(astral < privateUse).toBe(true); // what JavaScript's code-unit order says
    expect(compareStrings(astral, privateUse)).toBeGreaterThan(0); // what Python says
    expect(compareStrings('a', 'ab')).toBeLessThan(0);
    expect(compareStrings('x', 'x')).toBe(0);
  });
});

describe('compareCodeUnits (JavaScript string order)', () => {
  it('orders by UTF-16 code unit, unlike compareStrings', () => {
    const astral = '\u{1F600}';
    const privateUse = '\uE000';
    expect(compareCodeUnits(astral, privateUse)).toBeLessThan(0);
    expect(compareStrings(astral, privateUse)).toBeGreaterThan(0);
    expect(['b', 'B', 'a', 'ab'].sort(compareCodeUnits)).toEqual(['B', 'a', 'ab', 'b']);
    expect(compareCodeUnits('x', 'x')).toBe(0);
  });
});

describe('compareKeys (Python tuple order)', () => {
  it('compares element by element, shorter first on a tie', () => {
    expect(compareKeys([1, 'b'], [1, 'a'])).toBeGreaterThan(0);
    expect(compareKeys([0, 'z'], [1, 'a'])).toBeLessThan(0);
    expect(compareKeys([1], [1, 'a'])).toBeLessThan(0);
  });

  it('refuses to compare a number with a string, as Python does', () => {
    expect(() => compareKeys(1, 'a')).toThrow(TypeError);
  });
});
