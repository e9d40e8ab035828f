/**
 * The choreography of one animated update, shared by the SVG and canvas renderers. Pure.
 * One thing at a time, so that what the eye follows is what happened:
 *
 *   1. gather: departed lanes fade out where they were while their partitions (orphaned
 *      tokens) fly to the unassigned lane; deleted partitions fade out. Nothing else moves.
 *      Skipped when nobody left and nothing was deleted.
 *   2. reflow: lanes slide to their new places (or, to another row, fade out and back in
 *      there), carrying the tokens they keep; joined lanes fade in at their places. Tokens
 *      that keep their owner move only now and only with their lane (and to keep the lane
 *      sorted), so a kept partition never seems to change hands.
 *   3. move: with every lane in place, tokens that change owner fly to it (with a slight
 *      arc), orphaned ones on from the unassigned lane.
 *   4. appear: new tokens scale and fade in.
 *
 * Lane captions (their counts) change when the tokens have arrived: at `countsAt`, the end
 * of `move`. Until then they show the counts of the generation before.
 */
import type { GroupLayout } from './layout';

export interface Stage {
  readonly start: number;
  readonly duration: number;
}

export interface AnimationPlan {
  readonly total: number;
  readonly gather: Stage;
  /** Lanes slide, enter or hop rows, with the tokens they keep. */
  readonly reflow: Stage;
  readonly move: Stage;
  /** The same as `reflow`: tokens that stay with their owner shift with their lane. */
  readonly settle: Stage;
  readonly appear: Stage;
  /** When lane captions switch to the new counts: the tokens have arrived. */
  readonly countsAt: number;
}

export const DEFAULT_DURATION = 1400;

export function planAnimation(layout: GroupLayout, duration = DEFAULT_DURATION): AnimationPlan {
  const total = Math.max(0, duration);
  const gathers =
    layout.counts.orphaned > 0 || layout.departed.length > 0 || layout.deleted.length > 0;
  const gather = gathers ? Math.round(total * 0.25) : 0;
  const reflow = Math.round(total * (gathers ? 0.2 : 0.25));
  const appear = Math.round(total * 0.2);
  const move = total - gather - reflow - appear;
  const reflowStage = { start: gather, duration: reflow };
  return {
    total,
    gather: { start: 0, duration: gather },
    reflow: reflowStage,
    settle: reflowStage,
    move: { start: gather + reflow, duration: move },
    appear: { start: gather + reflow + move, duration: appear },
    countsAt: gather + reflow + move,
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

/** Progress of `stage` at `elapsed` ms, clamped to [0, 1] (1 for an empty stage once reached). */
export function stageProgress(stage: Stage, elapsed: number): number {
  if (elapsed < stage.start) return 0;
  if (stage.duration <= 0) return 1;
  return Math.min(1, (elapsed - stage.start) / stage.duration);
}
