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
  /** A partition in flight in a protocol round: grey stripes on white (lanesSvg.ts). */
  inFlightBackground: '#ffffff',
  inFlightStripe: '#c3c9d1',
  /** Lane header band. */
  headerFill: '#eef0f3',
  /** Lane header band under the pointer (SVG). */
  headerHoverFill: '#e8ebef',
  /** Neutral marks: the metrics chart's bars, the static SVG's legend swatch. */
  neutral: '#8c959f',
  /** The metrics chart's spread line. */
  neutralDark: '#57606a',
  background: '#ffffff',
  /** Token label ink on light fills (see tokenLabels.ts labelInk). */
  labelDark: '#1f2328',
  /** Token label ink on dark fills. */
  labelLight: '#ffffff',
  /** The metrics chart's marks for an invalid assignment. */
  invalid: '#cf222e',
  /** The metrics chart's grid lines. */
  grid: '#eaeef2',
  /** The metrics chart's band behind the current generation, and its "now" label. */
  currentFill: '#fff4c2',
  currentInk: '#7a5b00',
  /** Fill of the metrics chart's spread points (hollow look). */
  pointFill: '#fff',
} as const;

/** Durations (ms) and shares of an animation not already set by timeline.ts's plan. */
export const DURATIONS = {
  /** Labels and selection rings fade in this long once the tokens have arrived. */
  fadeIn: 120,
  /** Without a gather stage, leaving tokens and lanes fade out over this share of the total. */
  exitFadeShare: 0.3,
} as const;

/** Stroke widths (px) outside the per-state token looks (style.ts). */
export const STROKES = {
  /** The ring around the selected partition's tokens. */
  selectionRing: 2.5,
  /** Gap between a token and its selection ring. */
  selectionRingPad: 3,
  /** A focused lane header's outline (SVG). */
  focus: 2,
  /** The metrics chart's spread lines and point outlines. */
  chartLine: 2,
  /** The dashed outline of a partition in flight in a protocol round. */
  inFlight: 1.5,
} as const;

/** Dashes of a partition in flight (SVG `stroke-dasharray`). */
export const IN_FLIGHT_DASH = '3 2';
