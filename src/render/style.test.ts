import { describe, expect, it } from 'vitest';
import { TOKEN_STATES } from './layout';
import { tokenLook } from './style';

describe('tokenLook', () => {
  it('draws "new" and "kept" partitions differently, at every token size', () => {
    for (const size of [4, 6, 9, 12, 16]) {
      expect(tokenLook('new', size)).not.toEqual(tokenLook('kept', size));
    }
  });

  it('gives every state a look of its own where tokens have room for dashes', () => {
    for (const size of [9, 12, 16]) {
      const looks = TOKEN_STATES.map((state) => JSON.stringify(tokenLook(state, size)));
      expect(new Set(looks).size).toBe(TOKEN_STATES.length);
    }
  });
});
