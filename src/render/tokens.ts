/**
 * Render tokens shared by every renderer (canvas, live SVG, static SVG, metrics chart), so the
 * pictures agree. Token colours and looks per state are in style.ts; topic colours in
 * topicColors.ts.
 */

/** The UI font stack, as the page's CSS uses it. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", sans-serif';

/** A longer stack for standalone SVG files, opened without the page's fonts. */
export const STANDALONE_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Opacity of tokens outside the highlighted set. */
export const DIMMED_OPACITY = 0.18;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Page colours (GitHub Primer greys) shared by the renderers. */
export const COLORS = {
  ink: '#1f2328',
  muted: '#59636e',
  laneFill: '#f4f5f7',
  laneStroke: '#d0d7de',
  unassignedFill: '#ffffff',
  idleFill: '#fafafa',
  problem: '#c1121f',
  focus: '#0969da',
  /** Lane header band. */
  headerFill: '#eef0f3',
  /** Lane header band under the pointer (SVG). */
  headerHoverFill: '#e8ebef',
  /** Neutral marks: the metrics chart's bars, the static SVG's legend swatch. */
  neutral: '#8c959f',
  /** The metrics chart's spread line. */
  neutralDark: '#57606a',
  background: '#ffffff',
} as const;
