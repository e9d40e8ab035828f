/**
 * How each topic pattern (topicColors.ts TOPIC_PATTERNS) is drawn: strokes in a small square
 * tile, repeated over a token. One definition for the live SVG (a <pattern> per pattern and
 * ink), the canvas (a CanvasPattern from the same path) and the static SVG, so they agree.
 */
import { labelInk } from './tokenLabels';
import type { TopicPattern } from './topicColors';
import { COLORS } from './tokens';

/** Side of a pattern tile, px. */
export const PATTERN_TILE = 6;
/** Tokens smaller than this get no pattern: it would be noise. */
export const PATTERN_MIN_SIZE = 8;

export interface PatternMark {
  /** SVG path data in tile coordinates (also given to the canvas's Path2D). */
  readonly d: string;
  readonly width: number;
}

const DIAGONAL = 'M-1 1L1 -1M0 6L6 0M5 7L7 5';
const ANTI_DIAGONAL = 'M-1 5L1 7M0 0L6 6M5 -1L7 1';

/** The strokes of `pattern`, or undefined for 'plain'. */
export function patternMark(pattern: TopicPattern): PatternMark | undefined {
  switch (pattern) {
    case 'plain':
      return undefined;
    case 'diagonal':
      return { d: DIAGONAL, width: 1.2 };
    case 'anti-diagonal':
      return { d: ANTI_DIAGONAL, width: 1.2 };
    case 'horizontal':
      return { d: 'M0 3H6', width: 1.2 };
    case 'vertical':
      return { d: 'M3 0V6', width: 1.2 };
    case 'cross':
      return { d: 'M0 3H6M3 0V6', width: 1 };
    case 'grid':
      return { d: `${DIAGONAL}${ANTI_DIAGONAL}`, width: 0.9 };
    case 'dots':
      return { d: 'M3 3h0.01', width: 2.8 };
  }
}

/** The pattern's ink over a token of `color`: the label's ink, half see-through. */
export function patternInk(color: string): string {
  return labelInk(color) === COLORS.labelLight ? 'rgba(255,255,255,0.6)' : 'rgba(31,35,40,0.5)';
}

/** Whether a token of `size` px in `pattern` shows it. */
export function showsPattern(pattern: TopicPattern, size: number): boolean {
  return pattern !== 'plain' && size >= PATTERN_MIN_SIZE;
}

/**
 * The id of the SVG <pattern> that paints `color` (#rrggbb) with `pattern` over it; `prefix`
 * keeps ids unique per picture.
 */
export function patternFillId(prefix: string, color: string, pattern: TopicPattern): string {
  return `${prefix}-${color.replace(/[^0-9a-z]/gi, '')}-${pattern}`;
}

/** An SVG <pattern> element's markup: `color` under `pattern`'s strokes, in one tile. */
export function patternDefMarkup(id: string, color: string, pattern: TopicPattern): string {
  const mark = patternMark(pattern);
  const tile = `width="${PATTERN_TILE}" height="${PATTERN_TILE}"`;
  const strokes = mark
    ? `<path d="${mark.d}" fill="none" stroke="${patternInk(color)}" ` +
      `stroke-width="${mark.width}" stroke-linecap="round"/>`
    : '';
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" ${tile}>` +
    `<rect ${tile} fill="${color}"/>${strokes}</pattern>`
  );
}
