import { describe, expect, it } from 'vitest';
import { deltaE, simulate, type Deficiency } from './testing/colorVision';
import { topicPalette } from './topicColors';
import { COLORS } from './tokens';

/** How many topics must stay apart by colour alone (more get a pattern too: topicCue). */
const DISTINCT = 7;
/** Below about this CIE76 ΔE two small squares side by side read as the same colour. */
const MIN_DELTA_E = 15;

describe('topic palette under colour-vision deficiencies', () => {
  const palette = topicPalette(DISTINCT);
  for (const deficiency of [
    'none',
    'protanopia',
    'deuteranopia',
    'tritanopia',
  ] as const satisfies readonly (Deficiency | 'none')[]) {
    const seen = (c: string) => (deficiency === 'none' ? c : simulate(c, deficiency));
    it(`keeps the first ${DISTINCT} topic colours apart (${deficiency})`, () => {
      const close: string[] = [];
      for (let i = 0; i < palette.length; i++)
        for (let j = i + 1; j < palette.length; j++) {
          const d = deltaE(seen(palette[i]!), seen(palette[j]!));
          if (d < MIN_DELTA_E)
            close.push(`${i}:${palette[i]} ~ ${j}:${palette[j]} (ΔE ${d.toFixed(1)})`);
        }
      expect(close).toEqual([]);
    });
    it(`keeps every topic colour off the lane background (${deficiency})`, () => {
      const faint = palette.filter((c) => deltaE(seen(c), seen(COLORS.laneFill)) < MIN_DELTA_E);
      expect(faint).toEqual([]);
    });
  }

  it('the simulation is the standard one: pure red and green merge for a deuteranope', () => {
    expect(deltaE('#ff0000', '#00ff00')).toBeGreaterThan(80);
    expect(
      deltaE(simulate('#ff0000', 'deuteranopia'), simulate('#00ff00', 'deuteranopia')),
    ).toBeLessThan(30);
    // Greys are unchanged.
    expect(simulate('#808080', 'protanopia')).toBe('#808080');
  });
});
