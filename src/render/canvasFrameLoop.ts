/**
 * The canvas picture's frame loop: a d3-timer that moves every sprite and lane to where the
 * choreography (see timeline.ts) has it at each frame and draws, and stops where everything
 * ends, pinning the settled picture.
 */
import { easeCubicInOut } from 'd3-ease';
import { timer } from 'd3-timer';
import { draw } from './canvasDraw';
import { resize } from './canvasSizing';
import { groupByBatch, UPDATE, type LaneSprite, type Motion, type Sprites } from './canvasSprites';
import type { CanvasState } from './canvasState';
import { stageProgress, type AnimationPlan } from './timeline';
import { DURATIONS } from './tokens';

/** Starts the animation in `s.plan`; its first frame is drawn on the timer's first tick. */
export function startAnimation(s: CanvasState): void {
  s.running = timer((elapsed) => frame(s, elapsed));
}

/** One frame, `elapsed` ms into the animation. */
function frame(s: CanvasState, elapsed: number) {
  s.elapsedNow = elapsed;
  const p = s.plan;
  if (!p) return;
  if (elapsed >= p.total) {
    // Where everything ends: the settled picture.
    stopAnimation(s, true);
    return;
  }
  const gather = easeCubicInOut(stageProgress(p.gather, elapsed));
  const move = easeCubicInOut(stageProgress(p.move, elapsed));
  const settle = easeCubicInOut(stageProgress(p.settle, elapsed));
  // Lanes move in their own stage, before any token changes owner (see timeline.ts).
  const reflow = easeCubicInOut(stageProgress(p.reflow, elapsed));
  const appear = easeCubicInOut(stageProgress(p.appear, elapsed));
  const fade = stageProgress(
    {
      start: 0,
      duration: p.gather.duration > 0 ? p.gather.duration : p.total * DURATIONS.exitFadeShare,
    },
    elapsed,
  );
  const { sprites } = s;
  const m = sprites?.motion;
  if (sprites && m) {
    m.appear = appear;
    m.fade = fade;
    moveTokens(sprites, m, p, { gather, move, settle });
  }
  moveLanes(s.laneSprites.values(), reflow, fade);
  draw(s);
}

/** Eased progress of the token stages this frame. */
interface TokenProgress {
  readonly gather: number;
  readonly move: number;
  readonly settle: number;
}

/** Where each token that stays (UPDATE) is this frame: written into `m.x`, `m.y`, `m.size`. */
function moveTokens(sprites: Sprites, m: Motion, p: AnimationPlan, stage: TokenProgress) {
  const { gather, move, settle } = stage;
  const { live } = sprites;
  const { kind, arc, fromX, fromY, fromSize, viaX, viaY, x, y, size } = m;
  const { x: toX, y: toY, size: toSize } = sprites;
  const gathering = p.gather.duration > 0 && move === 0;
  for (let i = 0; i < live; i++) {
    if (kind[i] !== UPDATE) continue;
    const vx = viaX[i] as number;
    const via = vx === vx; // not NaN
    const from = fromSize[i] as number;
    const half = from / 2;
    // A flight (see timeline.ts flightPoint) from (ax, ay) to (bx, by), centres.
    let ax = (fromX[i] as number) + half;
    let ay = (fromY[i] as number) + half;
    let bx: number;
    let by: number;
    let t: number;
    let bent = true;
    let now = from;
    if (via && gathering) {
      bx = vx + half;
      by = (viaY[i] as number) + half;
      t = gather;
    } else {
      if (via) {
        ax = vx + half;
        ay = (viaY[i] as number) + half;
      }
      // Tokens that keep their owner shift within the lane first, making room.
      bent = arc[i] === 1;
      t = bent ? move : settle;
      const to = toSize[i] as number;
      now = from + (to - from) * t;
      bx = (toX[i] as number) + to / 2;
      by = (toY[i] as number) + to / 2;
    }
    let cy = ay + (by - ay) * t;
    if (bent) cy += Math.min(32, Math.abs(bx - ax) * 0.12) * 4 * t * (1 - t);
    x[i] = ax + (bx - ax) * t - now / 2;
    y[i] = cy - now / 2;
    size[i] = now;
  }
}

/** Where each lane is this frame, and how opaque. */
function moveLanes(lanes: Iterable<LaneSprite>, reflow: number, fade: number) {
  for (const l of lanes) {
    const { lane, from } = l;
    if (l.kind === 'exit') {
      l.alpha = 1 - fade;
    } else if (l.kind === 'enter') {
      // Joined lanes fade in where they go, before tokens fly to them.
      l.alpha = reflow;
    } else if (l.hop) {
      const there = reflow >= 0.5;
      l.x = there ? lane.x : from.x;
      l.y = there ? lane.y : from.y;
      l.width = there ? lane.width : from.width;
      l.height = there ? lane.height : from.height;
      l.alpha = Math.abs(1 - 2 * reflow);
    } else {
      l.x = from.x + (lane.x - from.x) * reflow;
      l.y = from.y + (lane.y - from.y) * reflow;
      l.width = from.width + (lane.width - from.width) * reflow;
      l.height = from.height + (lane.height - from.height) * reflow;
      l.alpha = 1;
    }
  }
}

/**
 * Stops the animation; `settle` drops what faded out, pins everything to its target and
 * draws (unless `redraw` is false: the caller draws next).
 */
export function stopAnimation(s: CanvasState, settle: boolean, redraw = true): void {
  s.running?.stop();
  s.running = undefined;
  s.elapsedNow = Infinity;
  if (!settle) return;
  const { sprites, laneSprites, layout } = s;
  if (sprites?.motion) s.sprites = settledSprites(sprites);
  for (const [key, l] of laneSprites) if (l.kind === 'exit') laneSprites.delete(key);
  for (const l of laneSprites.values()) {
    l.x = l.lane.x;
    l.y = l.lane.y;
    l.width = l.lane.width;
    l.height = l.lane.height;
    l.alpha = 1;
  }
  if (layout && s.viewHeight !== layout.height) {
    s.viewHeight = layout.height;
    resize(s);
  }
  if (redraw) draw(s);
}

/** `sprites` at rest: without motion and without the tokens that left. */
function settledSprites(sprites: Sprites): Sprites {
  const { tokens, live, batches, batchOf } = sprites;
  if (tokens.length === live) return { ...sprites, motion: undefined };
  // Drop what left.
  const kept = batchOf.slice(0, live);
  return {
    tokens: tokens.slice(0, live),
    live,
    x: sprites.x.slice(0, live),
    y: sprites.y.slice(0, live),
    size: sprites.size.slice(0, live),
    batches,
    batchOf: kept,
    ...groupByBatch(kept, live, batches.length),
    motion: undefined,
  };
}
