/**
 * The text drawn on a token, when it has room: its whole name (`orders-3`) when that fits,
 * else just its partition number (the colour tells the topic), else nothing. Lessons talk
 * about partitions by name (`a-1`), so a learner must be able to find them on screen.
 */
import { COLORS } from './tokens';

/** The largest token the page draws: big enough for a short name like "a-1" on it. */
export const LABELLED_TOKEN_SIZE = 24;

/** About how wide a character of the label font is, per px of font size. */
const CHAR_WIDTH = 0.58;
/** Below this a label is not legible; tokens smaller than that get none. */
const MIN_FONT_SIZE = 7;

export interface TokenLabelText {
  readonly text: string;
  readonly fontSize: number;
}

/** The label for a token of `size` px, or undefined when nothing legible fits. */
export function tokenLabelText(token: {
  readonly topic: string;
  readonly partition: number;
  readonly size: number;
}): TokenLabelText | undefined {
  // 10 px up to the page's usual 24 px tokens; bigger tokens (presentation mode) get bigger
  // type, 12 px from 30 px on.
  const fontSize = Math.min(
    Math.max(10, Math.floor(token.size * 0.4)),
    Math.floor(token.size * 0.55),
  );
  if (fontSize < MIN_FONT_SIZE) return undefined;
  const room = token.size - 2;
  const fits = (text: string, size: number) => text.length * size * CHAR_WIDTH <= room;
  const full = `${token.topic}-${token.partition}`;
  if (fits(full, fontSize)) return { text: full, fontSize };
  // The whole name at the usual 10 px says more than a bigger number.
  const usual = Math.min(fontSize, 10);
  if (fits(full, usual)) return { text: full, fontSize: usual };
  const number = String(token.partition);
  return fits(number, fontSize) ? { text: number, fontSize } : undefined;
}

/**
 * Ink for text on a token of `color` (#rrggbb) at `fillOpacity` over a light lane: white on
 * dark fills, near-black on light ones, whichever reads better (WCAG relative luminance).
 */
export function labelInk(color: string, fillOpacity = 1): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) return COLORS.labelDark;
  const value = parseInt(match[1] as string, 16);
  const channel = (shift: number) => {
    // Blended over the (near-white) lane, then linearised.
    const c = (((value >> shift) & 255) * fillOpacity + 244 * (1 - fillOpacity)) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  // Contrast with white is (1.05)/(L+0.05), with #1f2328 about (L+0.05)/(0.066); equal near 0.21.
  return luminance < 0.21 ? COLORS.labelLight : COLORS.labelDark;
}
