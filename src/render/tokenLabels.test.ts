import { describe, expect, it } from 'vitest';
import { labelInk, tokenLabelText } from './tokenLabels';

describe('tokenLabelText', () => {
  it('names the partition in full when it fits, else by number, else not at all', () => {
    expect(tokenLabelText({ topic: 'a', partition: 1, size: 16 })?.text).toBe('a-1');
    expect(tokenLabelText({ topic: 'orders', partition: 12, size: 16 })?.text).toBe('12');
    expect(tokenLabelText({ topic: 'orders', partition: 12, size: 60 })?.text).toBe('orders-12');
    expect(tokenLabelText({ topic: 'a', partition: 1, size: 8 })).toBeUndefined();
    expect(tokenLabelText({ topic: 'a', partition: 12345, size: 16 })).toBeUndefined();
  });

  it('keeps 10 px up to the usual 24 px tokens and grows with bigger ones (presentation)', () => {
    for (const size of [16, 20, 24])
      expect(tokenLabelText({ topic: 'a', partition: 1, size })?.fontSize).toBeLessThanOrEqual(10);
    // Presentation mode's tokens: 12 px and more, readable from the back of a room.
    expect(tokenLabelText({ topic: 'a', partition: 1, size: 30 })).toEqual({
      text: 'a-1',
      fontSize: 12,
    });
    expect(tokenLabelText({ topic: 'orders', partition: 3, size: 40 })).toEqual({
      text: '3',
      fontSize: 16,
    });
  });
});

describe('labelInk', () => {
  it('writes white on dark fills and dark on light ones', () => {
    expect(labelInk('#4e79a7')).toBe('#ffffff');
    expect(labelInk('#edc948')).toBe('#1f2328');
    expect(labelInk('#4e79a7', 0.35)).toBe('#1f2328');
  });
});
