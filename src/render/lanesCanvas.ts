/**
 * The group on canvases, for groups with more tokens than SVG handles smoothly (10k+).
 * Same layout, same choreography (see timeline.ts) as lanesSvg, driven by a d3-timer and
 * interpolating each token by key.
 *
 * Lanes wrap into rows (see layout.ts), so the layout fits the width it was computed for; the
 * picture is as wide as the visible area and as tall as the layout. Should the layout still be
 * wider (a container narrower than one lane), the picture sticks to the visible area while its
 * container scrolls horizontally.
 * Lane headers are drawn on the canvas; transparent HTML buttons over them carry the
 * accessible names and the test hooks (data-member, data-lane). Clicks on lane bodies map to
 * lanes by x and y.
 *
 * Big groups (100k partitions) must not hold up the page:
 * - tokens live in typed arrays rather than an object each: an update makes little garbage,
 *   an animation frame reads no token objects, and a big update is prepared in slices, a task
 *   each, while the old picture stays;
 * - the picture is a stack of canvases (tiles) up to TILE_HEIGHT tall, so an animation frame
 *   clears, draws and hands to the compositor only the tiles on screen, and a settled picture
 *   with very many tokens draws the tiles on screen at once and the others a tile per task;
 * - tooltips are made on hover.
 * A layout no taller than TILE_HEIGHT is a single canvas.
 */
import { cancelDraw, draw, requestDraw } from './canvasDraw';
import { startAnimation, stopAnimation } from './canvasFrameLoop';
import { renderLaneButtons } from './canvasOverlay';
import { createLaneKeyboard, type LaneKeyboard } from './laneKeyboard';
import { attachPointer } from './canvasPointer';
import { placeRings } from './canvasRings';
import { resize, watchSize } from './canvasSizing';
import { prepareSprites, type LaneSprite, type Sprites } from './canvasSprites';
import {
  createCanvasElements,
  createCanvasState,
  DRAW_AT_ONCE_LIMIT,
  PREPARE_AT_ONCE_LIMIT,
  type CanvasState,
} from './canvasState';
import { laneKey, type GroupLayout } from './layoutTypes';
import { finish, runInSlices } from './schedule';
import { planAnimation } from './timeline';
import type { LanesRenderer, LanesRendererOptions, LanesUpdateOptions } from './types';

export { DRAW_AT_ONCE_LIMIT, PREPARE_AT_ONCE_LIMIT, TILE_HEIGHT } from './canvasState';

/**
 * The canvas renderer in `el`: wires sizing (canvasSizing), pointer (canvasPointer), the
 * frame loop (canvasFrameLoop) and drawing (canvasDraw) over one shared state (canvasState).
 */
export function createLanesCanvas(
  el: HTMLElement,
  options: LanesRendererOptions = {},
): LanesRenderer {
  const s = createCanvasState(createCanvasElements(el));
  const unwatchSize = watchSize(s, () => draw(s));
  const detachPointer = attachPointer(s, options);
  const keyboard = createLaneKeyboard(s.spacer, options);

  function update(
    next: GroupLayout,
    { animate, duration, highlight, selected, inFlight }: LanesUpdateOptions,
  ) {
    placeRings(s.rings, next, selected);
    s.cancelPrepare?.();
    s.cancelPrepare = undefined;
    const before = s.sprites;
    const animated = animate && s.layout !== undefined && before !== undefined;
    const steps = prepareSprites(next, animated ? before : undefined, highlight, inFlight);
    if (next.tokens.length <= PREPARE_AT_ONCE_LIMIT) {
      show(s, next, finish(steps), duration, options, keyboard);
      return;
    }
    // Many tokens: prepared in slices, a task each; what is shown (or animating) stays until
    // then.
    s.cancelPrepare = runInSlices(steps, (prepared) => {
      s.cancelPrepare = undefined;
      show(s, next, prepared, duration, options, keyboard);
    });
  }

  function destroy() {
    s.running?.stop();
    s.running = undefined;
    cancelDraw(s);
    s.cancelPrepare?.();
    s.cancelPrepare = undefined;
    unwatchSize();
    detachPointer();
    keyboard.destroy();
    s.wrapper.remove();
    s.layout = undefined;
    s.sprites = undefined;
  }

  return { update, destroy };
}

/** Shows `next` with its prepared sprites: animated from what is shown when they say so. */
function show(
  s: CanvasState,
  next: GroupLayout,
  prepared: Sprites,
  duration: number | undefined,
  options: LanesRendererOptions,
  keyboard: LaneKeyboard,
) {
  if (s.running) stopAnimation(s, true, false);
  const animated = prepared.motion !== undefined;
  const nextLanes = nextLaneSprites(s.laneSprites, next, animated);
  // While animating, room for the old picture too (departing lanes fade where they were).
  s.viewHeight = animated && s.layout ? Math.max(s.layout.height, next.height) : next.height;
  s.sprites = prepared;
  s.laneSprites = nextLanes;
  s.layout = next;
  s.tokensByLane = undefined;
  s.plan = planAnimation(next, duration);
  s.surface.setAttribute(
    'aria-label',
    `${options.ariaLabel ?? 'Consumer group'}: ${next.tokens.length} partitions, ` +
      `${next.lanes.length - 1} members, ${next.counts.moved} moved, ` +
      `${next.counts.unassigned} unassigned`,
  );
  renderLaneButtons(s.buttons, next, options.onMemberClick);
  keyboard.update(next);
  resize(s);
  if (!animated) {
    // Many tokens: drawn with the next frame, when the page's layout is done anyway.
    const now = prepared.live <= DRAW_AT_ONCE_LIMIT;
    stopAnimation(s, true, now);
    if (!now) requestDraw(s);
    return;
  }
  // The first frame is drawn with the next animation frame (the timer's first tick), not
  // here: the page has often just changed, and measuring it now would force a layout.
  startAnimation(s);
}

/** The lanes of `next` as sprites starting where `current` has them; leaving ones when animated. */
function nextLaneSprites(
  current: ReadonlyMap<string, LaneSprite>,
  next: GroupLayout,
  animated: boolean,
): Map<string, LaneSprite> {
  const nextLanes = new Map<string, LaneSprite>();
  for (const lane of next.lanes) {
    const old = current.get(laneKey(lane));
    const from = old
      ? { x: old.x, y: old.y, width: old.width, height: old.height }
      : { x: lane.x, y: lane.y, width: lane.width, height: lane.height };
    nextLanes.set(laneKey(lane), {
      lane,
      layout: next,
      kind: old || !animated ? 'update' : 'enter',
      from,
      hop: old !== undefined && old.lane.row !== lane.row,
      before: animated ? old?.lane : undefined,
      ...from,
      alpha: 1,
    });
  }
  if (animated) {
    for (const [key, old] of current)
      if (!nextLanes.has(key)) nextLanes.set(key, { ...old, kind: 'exit' });
  }
  return nextLanes;
}
