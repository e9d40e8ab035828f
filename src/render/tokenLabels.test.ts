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
});

describe('labelInk', () => {
  it('writes white on dark fills and dark on light ones', () => {
    expect(labelInk('#4e79a7')).toBe('#ffffff');
    expect(labelInk('#edc948')).toBe('#1f2328');
    expect(labelInk('#4e79a7', 0.35)).toBe('#1f2328');
  });
});
