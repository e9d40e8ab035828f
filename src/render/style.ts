/**
 * How tokens and lanes look, shared by the SVG renderer, the canvas renderer and (later) the
 * CLI's static SVG. Pure: plain values only.
 */
import type { TokenState } from './layoutTypes';
import { COLORS } from './tokens';

export interface TokenLook {
  readonly fillOpacity: number;
  /** Outline colour, or undefined for none. */
  readonly stroke: string | undefined;
  readonly strokeWidth: number;
  /** SVG stroke-dasharray / canvas setLineDash, or undefined for a solid line. */
  readonly dash: readonly number[] | undefined;
  /** Rounded-corner radius. */
  readonly radius: number;
}

/** The look of a token in `state` at `size` pixels. */
export function tokenLook(state: TokenState, size: number): TokenLook {
  const radius = Math.max(1, Math.round(size / 5));
  const bold = size >= 9 ? 2 : 1;
  // Dashes need room; small tokens get a solid line instead.
  const dashed = size >= 9 ? [3, 2] : undefined;
  switch (state) {
    case 'kept':
      return { fillOpacity: 1, stroke: undefined, strokeWidth: 0, dash: undefined, radius };
    case 'new':
      // Paler, with a thin outline where there is room: it just arrived, and is not taken for a
      // kept one (solid) or an unowned one (paler still, dashed grey). Small tokens (big
      // groups, where the first generation is all new) skip the outline: it costs canvas time.
      return size >= 9
        ? { fillOpacity: 0.55, stroke: COLORS.ink, strokeWidth: 1, dash: undefined, radius }
        : { fillOpacity: 0.55, stroke: undefined, strokeWidth: 0, dash: undefined, radius };
    case 'moved':
      return { fillOpacity: 1, stroke: COLORS.ink, strokeWidth: bold, dash: undefined, radius };
    case 'orphaned':
      return { fillOpacity: 1, stroke: COLORS.ink, strokeWidth: bold, dash: dashed, radius };
    case 'unassigned':
      return { fillOpacity: 0.35, stroke: COLORS.muted, strokeWidth: 1, dash: dashed, radius };
    case 'duplicate':
      return { fillOpacity: 1, stroke: COLORS.problem, strokeWidth: bold, dash: dashed, radius };
    case 'misassigned':
      return {
        fillOpacity: 0.45,
        stroke: COLORS.problem,
        strokeWidth: bold,
        dash: undefined,
        radius,
      };
  }
}

/** A short legend text per state. */
export const STATE_DESCRIPTIONS: Readonly<Record<TokenState, string>> = {
  kept: 'kept its owner',
  moved: 'moved from a member still in the group',
  orphaned: 'owner left the group; reassigned',
  new: 'new partition, or had no owner',
  unassigned: 'no owner',
  duplicate: 'given to more than one member (invalid)',
  misassigned: 'given to a member not subscribed, or does not exist (invalid)',
};

/** The second header line of a lane: its load, or why it has none. */
export function laneCaption(lane: {
  kind: 'unassigned' | 'member';
  load: number;
  idle: boolean;
  status?: string | undefined;
}): string {
  if (lane.kind === 'unassigned') return lane.load === 0 ? 'none' : `${lane.load} unowned`;
  const status = lane.status !== undefined ? ` · ${lane.status}` : '';
  if (lane.idle) return `idle · 0${status}`;
  return `${lane.load} partition${lane.load === 1 ? '' : 's'}${status}`;
}

/**
 * Where a lane header's text goes, relative to the lane's top edge (`LaneLayout.y`): a title
 * line and a caption line, or (compact lanes, `GroupLayout.compact`) the title only, with the
 * problem count on its line. `idle` is the note in an idle member's body, `idleY` below the
 * body's top. A header taller than the usual 40 px (presentation mode) scales its type with it.
 */
export function laneText(compact: boolean, headerHeight = 40) {
  if (compact)
    return {
      titleY: 13,
      titleFontSize: 11,
      captionY: undefined,
      captionFontSize: 11,
      problemsY: 13,
      idle: 'idle',
      idleY: 22,
    };
  const k = Math.max(1, headerHeight / 40);
  return {
    titleY: Math.round(15 * k),
    titleFontSize: Math.round(12 * k),
    captionY: Math.round(30 * k),
    captionFontSize: Math.round(11 * k),
    problemsY: Math.round(30 * k),
    idle: 'owns nothing',
    idleY: 22,
  };
}

/** The accessible name of a lane header. */
export function laneAriaLabel(lane: { kind: 'unassigned' | 'member'; id: string; load: number }) {
  return lane.kind === 'unassigned'
    ? `Unassigned partitions: ${lane.load}`
    : `Inspect member ${lane.id}`;
}

/**
 * A lane header's accessible name, the same on the SVG header, the canvas overlay and the
 * keyboard ring: what activating it does, then its caption. It contains the header's visible
 * title (axe's label-content-name-mismatch: a speech user says what they see), a shortened one
 * too; the caption's own text is hidden from assistive technology, since the name says it.
 */
export function laneAccessibleName(lane: {
  kind: 'unassigned' | 'member';
  id: string;
  title: string;
  load: number;
  idle: boolean;
  status?: string;
}): string {
  if (lane.kind === 'unassigned') return laneAriaLabel(lane);
  const shown = lane.title === lane.id ? '' : ` (shown as ${lane.title})`;
  return `${laneAriaLabel(lane)}${shown}, ${laneCaption(lane)}`;
}
