/**
 * The choreography of one animated update, shared by the SVG and canvas renderers. Pure.
 *
 *   1. gather: departed lanes fade out while their partitions (orphaned tokens) fly to the
 *      unassigned lane, and deleted partitions fade out. Skipped when nobody left.
 *   2. move: lanes slide to their new places, moved tokens fly to their new owner (with a
 *      slight arc), orphaned tokens fly on from the unassigned lane, joined lanes fade in.
 *      Tokens that keep their owner only shift within their lane (to keep it sorted) and do
 *      so in the first half (`settle`), making room before the newcomers land.
 *   3. appear: new tokens scale and fade in.
 */
import type { GroupLayout } from './layout';

export interface Stage {
  readonly start: number;
  readonly duration: number;
}

export interface AnimationPlan {
  readonly total: number;
  readonly gather: Stage;
  readonly move: Stage;
  /** The first half of `move`: tokens that stay with their owner shift within the lane. */
  readonly settle: Stage;
  readonly appear: Stage;
}

export const DEFAULT_DURATION = 1400;

export function planAnimation(layout: GroupLayout, duration = DEFAULT_DURATION): AnimationPlan {
  const total = Math.max(0, duration);
  const gathers = layout.counts.orphaned > 0 || layout.departed.length > 0;
  const gather = gathers ? Math.round(total * 0.35) : 0;
  const appear = Math.round(total * 0.25);
  const move = total - gather - appear;
  return {
    total,
    gather: { start: 0, duration: gather },
    move: { start: gather, duration: move },
    settle: { start: gather, duration: Math.round(move / 2) },
    appear: { start: gather + move, duration: appear },
  };
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * A point on the flight from `from` to `to` at `t` ∈ [0, 1]: a straight line, bent into a
 * shallow downward arc when the token changes owner (downwards: through the lane bodies,
 * not across the header text).
 */
export function flightPoint(from: Point, to: Point, t: number, arc: boolean): Point {
  const x = from.x + (to.x - from.x) * t;
  const y = from.y + (to.y - from.y) * t;
  if (!arc) return { x, y };
  const dip = Math.min(32, Math.abs(to.x - from.x) * 0.12);
  return { x, y: y + dip * 4 * t * (1 - t) };
}

/** Cubic in-out easing, as d3-ease's easeCubicInOut, without the import. */
export function easeInOut(t: number): number {
  const u = Math.min(1, Math.max(0, t)) * 2;
  if (u <= 1) return (u * u * u) / 2;
  const v = u - 2;
  return (v * v * v + 2) / 2;
}

/** Progress of `stage` at `elapsed` ms, clamped to [0, 1] (1 for an empty stage once reached). */
export function stageProgress(stage: Stage, elapsed: number): number {
  if (elapsed < stage.start) return 0;
  if (stage.duration <= 0) return 1;
  return Math.min(1, (elapsed - stage.start) / stage.duration);
}
