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
import { easeCubicInOut } from 'd3-ease';
import { timer, type Timer } from 'd3-timer';
import { paint, path } from './canvasPaint';
import {
  ENTER,
  ENTERING,
  groupByBatch,
  HIDDEN,
  laneKey,
  LEAVING,
  MOVING,
  prepareSprites,
  STILL,
  UPDATE,
  type Batch,
  type LaneSprite,
  type Motion,
  type Sprites,
} from './canvasSprites';
import { renderLaneButtons } from './canvasOverlay';
import type { Box, Tile } from './canvasTiles';
import { groupTokensByLane, laneAt, tokenAt } from './hitTest';
import { tokenLabel, type GroupLayout, type TokenLayout } from './layoutTypes';
import { tokenMarkupKey } from './markup';
import { finish, runInSlices, scheduleTask } from './schedule';
import { laneCaption, laneText, tokenLook } from './style';
import { planAnimation, stageProgress, type AnimationPlan, type Point } from './timeline';
import { COLORS, FONT_FAMILY } from './tokens';
import type { LanesRenderer, LanesRendererOptions, LanesUpdateOptions } from './types';

/** While animating, what is this far (px) above or below the screen is drawn too. */
const CULL_MARGIN = 200;
/** Browsers refuse canvases much taller than this (in device pixels). */
const MAX_CANVAS_SIDE = 16_000;
/** The height of a tile (CSS px): a canvas each. */
export const TILE_HEIGHT = 1024;
/**
 * A settled picture with up to this many tokens is drawn in one go. Past it, the tiles on
 * screen (plus CULL_MARGIN) are drawn at once and the others one per task.
 */
export const DRAW_AT_ONCE_LIMIT = 20_000;
/** Updates with more tokens than this are prepared in slices, a task each. */
export const PREPARE_AT_ONCE_LIMIT = 5_000;

export function createLanesCanvas(
  el: HTMLElement,
  options: LanesRendererOptions = {},
): LanesRenderer {
  const wrapper = document.createElement('div');
  wrapper.className = 'lanes-canvas';
  wrapper.style.cssText = 'position:relative;overflow-x:auto;overflow-y:hidden;width:100%;';
  const spacer = document.createElement('div');
  spacer.style.cssText = 'position:relative;';
  /** The picture: the tiles, one under the other. */
  const surface = document.createElement('div');
  surface.style.cssText = 'position:sticky;left:0;top:0;display:block;';
  surface.setAttribute('role', 'img');
  const buttons = document.createElement('div');
  buttons.style.cssText = 'position:absolute;left:0;top:0;';
  /** Rings around the selected partition's tokens, over the picture (see placeRings). */
  const rings = document.createElement('div');
  rings.className = 'selection';
  rings.setAttribute('aria-hidden', 'true');
  rings.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;';
  spacer.append(surface, buttons, rings);
  wrapper.append(spacer);
  el.append(wrapper);
  const tiles: Tile[] = [];

  let layout: GroupLayout | undefined;
  /** Tokens per lane, for hit testing: made on the first hover after an update. */
  let tokensByLane: TokenLayout[][] | undefined;
  let sprites: Sprites | undefined;
  let laneSprites = new Map<string, LaneSprite>();
  let plan: AnimationPlan | undefined;
  let running: Timer | undefined;
  /** ms into the running animation; Infinity when settled. */
  let elapsedNow = Infinity;
  /** The wrapper's width as last measured (0: not yet), so updates need not force a layout. */
  let measuredWidth = 0;
  let viewWidth = 0;
  /** The layout's height, or while animating the taller of the old and the new one. */
  let viewHeight = 0;
  let dpr = 1;
  /** Cancels the tiles of a settled picture still to be drawn. */
  let cancelSlices: (() => void) | undefined;
  /** Cancels an update still being prepared. */
  let cancelPrepare: (() => void) | undefined;
  /** A draw requested for the next animation frame (0: none). */
  let drawRequest = 0;

  function requestDraw() {
    if (drawRequest !== 0) return;
    drawRequest = requestAnimationFrame(() => {
      drawRequest = 0;
      draw();
    });
  }

  // ---- sizing ----------------------------------------------------------------------------
  /** Sizes the tiles (a canvas is cleared only when its size changes); callers draw after. */
  function resize() {
    if (!layout) return;
    // As wide as the visible box (not the layout): lanes leaving the picture stay visible
    // while they fade, even when the new layout is narrower.
    viewWidth = Math.max(1, measuredWidth || wrapper.clientWidth || layout.width);
    const height = Math.max(1, viewHeight || layout.height);
    const want = window.devicePixelRatio || 1;
    dpr = Math.min(want, MAX_CANVAS_SIDE / Math.max(viewWidth, Math.min(height, TILE_HEIGHT)));
    const width = Math.round(viewWidth * dpr);
    const count = Math.ceil(height / TILE_HEIGHT);
    while (tiles.length > count) tiles.pop()?.canvas.remove();
    while (tiles.length < count) {
      const canvas = document.createElement('canvas');
      canvas.style.display = 'block';
      surface.append(canvas);
      tiles.push({ canvas, ctx: canvas.getContext('2d'), top: 0, height: 0 });
    }
    tiles.forEach((tile, k) => {
      tile.top = k * TILE_HEIGHT;
      tile.height = Math.min(TILE_HEIGHT, height - tile.top);
      const tall = Math.round(tile.height * dpr);
      if (tile.canvas.width !== width) tile.canvas.width = width;
      if (tile.canvas.height !== tall) tile.canvas.height = tall;
      tile.canvas.style.width = `${viewWidth}px`;
      tile.canvas.style.height = `${tile.height}px`;
    });
    surface.style.width = `${viewWidth}px`;
    surface.style.height = `${height}px`;
    spacer.style.width = `${layout.width}px`;
    spacer.style.height = `${height}px`;
  }
  // Only a new width matters: heights change when the picture does (and it draws itself then).
  const observer = new ResizeObserver(() => {
    const width = wrapper.clientWidth;
    if (width === measuredWidth) return;
    measuredWidth = width;
    resize();
    draw();
  });
  observer.observe(wrapper);
  const onScroll = () => draw();
  wrapper.addEventListener('scroll', onScroll, { passive: true });

  // ---- interaction -----------------------------------------------------------------------
  function pointer(event: MouseEvent): Point {
    const box = surface.getBoundingClientRect();
    return { x: event.clientX - box.left + wrapper.scrollLeft, y: event.clientY - box.top };
  }
  const onClick = (event: MouseEvent) => {
    if (!layout) return;
    const { x, y } = pointer(event);
    // A token selects its partition; the rest of a lane inspects its member.
    if (options.onPartitionClick) {
      tokensByLane ??= groupTokensByLane(layout);
      const token = tokenAt(layout, x, y, tokensByLane);
      if (token) {
        options.onPartitionClick(token);
        return;
      }
    }
    const lane = laneAt(layout, x, y);
    if (lane?.kind === 'member') options.onMemberClick?.(lane.id);
  };
  const onMove = (event: MouseEvent) => {
    if (!layout) return;
    const { x, y } = pointer(event);
    tokensByLane ??= groupTokensByLane(layout);
    const token = tokenAt(layout, x, y, tokensByLane);
    const lane = laneAt(layout, x, y);
    surface.title = token ? tokenLabel(token) : lane ? `${lane.title}: ${laneCaption(lane)}` : '';
    surface.style.cursor = lane?.kind === 'member' ? 'pointer' : 'default';
  };
  surface.addEventListener('click', onClick);
  surface.addEventListener('mousemove', onMove);

  // ---- animation -------------------------------------------------------------------------
  function frame(elapsed: number) {
    elapsedNow = elapsed;
    const p = plan;
    if (!p) return;
    if (elapsed >= p.total) {
      // Where everything ends: the settled picture.
      stop(true);
      return;
    }
    const gather = easeCubicInOut(stageProgress(p.gather, elapsed));
    const move = easeCubicInOut(stageProgress(p.move, elapsed));
    const settle = easeCubicInOut(stageProgress(p.settle, elapsed));
    // Lanes move in their own stage, before any token changes owner (see timeline.ts).
    const reflow = easeCubicInOut(stageProgress(p.reflow, elapsed));
    const appear = easeCubicInOut(stageProgress(p.appear, elapsed));
    const fade = stageProgress(
      { start: 0, duration: p.gather.duration > 0 ? p.gather.duration : p.total * 0.3 },
      elapsed,
    );

    const m = sprites?.motion;
    if (sprites && m) {
      m.appear = appear;
      m.fade = fade;
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
    for (const l of laneSprites.values()) {
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
    draw();
  }

  /**
   * Stops the animation; `settle` drops what faded out, pins everything to its target and
   * draws (unless `redraw` is false: the caller draws next).
   */
  function stop(settle: boolean, redraw = true) {
    running?.stop();
    running = undefined;
    elapsedNow = Infinity;
    if (!settle) return;
    if (sprites?.motion) {
      const { tokens, live, batches, batchOf } = sprites;
      if (tokens.length === live) sprites = { ...sprites, motion: undefined };
      else {
        // Drop what left.
        const kept = batchOf.slice(0, live);
        sprites = {
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
    }
    for (const [key, l] of laneSprites) if (l.kind === 'exit') laneSprites.delete(key);
    for (const l of laneSprites.values()) {
      l.x = l.lane.x;
      l.y = l.lane.y;
      l.width = l.lane.width;
      l.height = l.lane.height;
      l.alpha = 1;
    }
    if (layout && viewHeight !== layout.height) {
      viewHeight = layout.height;
      resize();
    }
    if (redraw) draw();
  }

  // ---- drawing ---------------------------------------------------------------------------
  function drawLane(c: CanvasRenderingContext2D, l: LaneSprite) {
    const { lane, layout: L } = l;
    const text = laneText(L.compact);
    const bodyY = l.y + L.headerHeight;
    const bodyHeight = l.height - L.headerHeight;
    c.globalAlpha = l.alpha;
    // Body.
    c.beginPath();
    if (typeof c.roundRect === 'function')
      c.roundRect(l.x + 0.5, bodyY + 0.5, l.width - 1, bodyHeight - 1, 6);
    else c.rect(l.x + 0.5, bodyY + 0.5, l.width - 1, bodyHeight - 1);
    c.fillStyle =
      lane.kind === 'unassigned'
        ? COLORS.unassignedFill
        : lane.idle
          ? COLORS.idleFill
          : COLORS.laneFill;
    c.fill();
    c.setLineDash(lane.kind === 'unassigned' || lane.idle ? [4, 3] : []);
    c.strokeStyle = COLORS.laneStroke;
    c.lineWidth = 1;
    c.stroke();
    c.setLineDash([]);
    // Header.
    c.beginPath();
    if (typeof c.roundRect === 'function') c.roundRect(l.x, l.y, l.width, L.headerHeight - 4, 6);
    else c.rect(l.x, l.y, l.width, L.headerHeight - 4);
    c.fillStyle = COLORS.headerFill;
    c.fill();
    c.textBaseline = 'alphabetic';
    c.textAlign = 'left';
    c.fillStyle = COLORS.ink;
    c.font = `${lane.kind === 'unassigned' ? 'italic ' : ''}600 ${text.titleFontSize}px ${FONT_FAMILY}`;
    c.fillText(lane.title, l.x + 8, l.y + text.titleY);
    if (text.captionY !== undefined) {
      c.fillStyle = COLORS.muted;
      c.font = `11px ${FONT_FAMILY}`;
      let caption = laneCaption(lane);
      if (l.kind === 'exit') caption = 'left the group';
      else if (plan && elapsedNow < plan.countsAt) {
        // Counts change when the tokens arrive: the old ones until then (a joined lane has
        // none yet); the unassigned lane counts the orphans waiting in it too.
        if (lane.kind === 'unassigned' && elapsedNow >= plan.gather.start + plan.gather.duration)
          caption = laneCaption({ ...lane, load: lane.load + L.counts.orphaned });
        else if (l.before) caption = laneCaption(l.before);
        else if (l.kind === 'enter') caption = laneCaption({ ...lane, load: 0, idle: false });
      }
      c.fillText(caption, l.x + 8, l.y + text.captionY);
    }
    if (lane.problems > 0 && l.kind !== 'exit') {
      c.textAlign = 'right';
      c.fillStyle = COLORS.problem;
      c.font = `600 11px ${FONT_FAMILY}`;
      c.fillText(`⚠ ${lane.problems}`, l.x + l.width - 6, l.y + text.problemsY);
    }
    if (lane.idle && l.kind !== 'exit') {
      c.textAlign = 'center';
      c.fillStyle = COLORS.muted;
      c.font = `italic 11px ${FONT_FAMILY}`;
      c.fillText(text.idle, l.x + l.width / 2, bodyY + text.idleY);
    }
    c.globalAlpha = 1;
  }

  /** Clears a tile and sets it up for drawing in layout coordinates (scrolled by `left`). */
  function begin(tile: Tile, left: number): CanvasRenderingContext2D | null {
    const c = tile.ctx;
    if (!c) return null;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, tile.canvas.width, tile.canvas.height);
    c.setTransform(dpr, 0, 0, dpr, -left * dpr, -tile.top * dpr);
    return c;
  }

  function drawLanes(c: CanvasRenderingContext2D, box: Box) {
    for (const l of laneSprites.values()) {
      if (l.x + l.width < box.left || l.x > box.right) continue;
      if (l.y + l.height < box.top || l.y > box.bottom) continue;
      drawLane(c, l);
    }
  }

  function draw() {
    cancelSlices?.();
    cancelSlices = undefined;
    if (drawRequest !== 0) cancelAnimationFrame(drawRequest);
    drawRequest = 0;
    if (!layout || !sprites) return;
    const shown = sprites;
    const left = wrapper.scrollLeft;
    const right = left + viewWidth;
    const moving = shown.motion;
    // While animating, only what is on screen (big groups are several screens tall), and only
    // the tiles there are touched. Settled, everything, so scrolling needs no redraw: with very
    // many tokens the tiles on screen first, then the others one per task.
    const sliced = !moving && shown.live > DRAW_AT_ONCE_LIMIT;
    let top = -Infinity;
    let bottom = Infinity;
    if (moving || sliced) {
      const box = surface.getBoundingClientRect();
      top = -box.top - CULL_MARGIN;
      bottom = window.innerHeight - box.top + CULL_MARGIN;
    }
    const onScreen = (tile: Tile) => tile.top + tile.height >= top && tile.top <= bottom;

    if (moving) {
      const view: Box = { left, right, top, bottom };
      classify(shown, moving, view);
      for (const tile of tiles) {
        if (!onScreen(tile)) continue;
        const c = begin(tile, left);
        if (!c) continue;
        const box: Box = {
          left,
          right,
          top: Math.max(top, tile.top),
          bottom: Math.min(bottom, tile.top + tile.height),
        };
        drawLanes(c, box);
        drawMoving(c, shown, moving, box);
      }
      return;
    }

    const drawTile = (tile: Tile) => {
      const c = begin(tile, left);
      if (!c) return;
      const box: Box = { left, right, top: tile.top, bottom: tile.top + tile.height };
      drawLanes(c, box);
      drawSettled(c, shown, box);
    };
    const later: Tile[] = [];
    for (const tile of tiles) {
      if (!sliced || onScreen(tile)) drawTile(tile);
      else later.push(tile);
    }
    const drawNext = () => {
      cancelSlices = undefined;
      const tile = later.shift();
      if (tile === undefined || sprites !== shown) return;
      drawTile(tile);
      if (later.length > 0) cancelSlices = scheduleTask(drawNext);
    };
    if (later.length > 0) cancelSlices = scheduleTask(drawNext);
  }

  /** Settled tokens within `box`, batch by batch. */
  function drawSettled(c: CanvasRenderingContext2D, s: Sprites, box: Box) {
    const { x, y, size, batches, order, start } = s;
    const { left, right, top, bottom } = box;
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b] as Batch;
      const radius = batch.look.radius;
      const end = start[b + 1] as number;
      let any = false;
      c.beginPath();
      for (let pos = start[b] as number; pos < end; pos++) {
        const i = order[pos] as number;
        const px = x[i] as number;
        const py = y[i] as number;
        const ps = size[i] as number;
        if (px + ps < left || px > right || py + ps < top || py > bottom) continue;
        path(c, px, py, ps, radius);
        any = true;
      }
      if (any) paint(c, batch, batch.alpha);
    }
  }

  /** How each sprite is drawn this frame (within `view`), and how many per batch and way. */
  function classify(s: Sprites, m: Motion, view: Box) {
    const { batchOf } = s;
    const { kind, x, y, size, drawn, counts, appear } = m;
    const { left, right, top, bottom } = view;
    const leaving = 1 - m.fade;
    counts.fill(0);
    for (let i = 0; i < s.tokens.length; i++) {
      let how = HIDDEN;
      const k = kind[i];
      if (k === UPDATE) {
        const px = x[i] as number;
        const py = y[i] as number;
        const ps = size[i] as number;
        if (!(px + ps < left || px > right || py + ps < top || py > bottom)) {
          const still = px === s.x[i] && py === s.y[i] && ps === s.size[i];
          how = still ? STILL : MOVING;
        }
      } else if (k === ENTER ? appear > 0 : leaving > 0) {
        // Entering tokens start where they end, leaving ones end where they start.
        const px = s.x[i] as number;
        const py = s.y[i] as number;
        const ps = s.size[i] as number;
        if (!(px + ps < left || px > right || py + ps < top || py > bottom))
          how = k === ENTER ? ENTERING : LEAVING;
      }
      drawn[i] = how;
      if (how !== HIDDEN) {
        const slot = (batchOf[i] as number) * HIDDEN + how;
        counts[slot] = (counts[slot] as number) + 1;
      }
    }
  }

  /** Tokens while animating (see classify): those at rest first, then those in flight. */
  function drawMoving(c: CanvasRenderingContext2D, s: Sprites, m: Motion, box: Box) {
    const { batches, order, start } = s;
    const { drawn, counts, appear } = m;
    const leaving = 1 - m.fade;
    const pass = (b: number, how: number) => {
      const batch = batches[b] as Batch;
      const radius = how === ENTERING ? batch.look.radius * appear : batch.look.radius;
      const end = start[b + 1] as number;
      // Moving ones are where this frame put them; the others where they settle (or were).
      const xs = how === MOVING ? m.x : s.x;
      const ys = how === MOVING ? m.y : s.y;
      const sizes = how === MOVING ? m.size : s.size;
      let any = false;
      c.beginPath();
      for (let pos = start[b] as number; pos < end; pos++) {
        const i = order[pos] as number;
        if (drawn[i] !== how) continue;
        let px = xs[i] as number;
        let py = ys[i] as number;
        let ps = sizes[i] as number;
        if (py + ps < box.top || py > box.bottom) continue;
        if (how === ENTERING) {
          // Appearing: scaled about their centre.
          const scaled = ps * appear;
          px += (ps - scaled) / 2;
          py += (ps - scaled) / 2;
          ps = scaled;
        }
        path(c, px, py, ps, radius);
        any = true;
      }
      if (!any) return;
      const alpha =
        how === ENTERING
          ? batch.alpha * appear
          : how === LEAVING
            ? batch.alpha * leaving
            : batch.alpha;
      paint(c, batch, alpha);
    };
    for (let b = 0; b < batches.length; b++)
      if ((counts[b * HIDDEN + STILL] as number) > 0) pass(b, STILL);
    for (let b = 0; b < batches.length; b++)
      for (const how of [MOVING, ENTERING, LEAVING])
        if ((counts[b * HIDDEN + how] as number) > 0) pass(b, how);
  }

  // ---- update ----------------------------------------------------------------------------
  /** A ring per copy of the selected partition at its place in `next` (HTML over the canvas). */
  function placeRings(next: GroupLayout, selected: string | undefined) {
    const ringed =
      selected === undefined ? [] : next.tokens.filter((t) => t.partitionKey === selected);
    while (rings.children.length > ringed.length) rings.lastElementChild?.remove();
    while (rings.children.length < ringed.length) rings.append(document.createElement('div'));
    ringed.forEach((token, i) => {
      const ring = rings.children[i] as HTMLElement;
      ring.className = 'selection-ring';
      ring.dataset.key = tokenMarkupKey(token);
      const pad = 3;
      ring.style.cssText =
        `position:absolute;left:${token.x - pad}px;top:${token.y - pad}px;` +
        `width:${token.size + 2 * pad}px;height:${token.size + 2 * pad}px;box-sizing:border-box;` +
        `border:2.5px solid ${COLORS.focus};border-radius:${tokenLook(token.state, token.size).radius + pad}px;`;
    });
  }

  function update(
    next: GroupLayout,
    { animate, duration, highlight, selected }: LanesUpdateOptions,
  ) {
    placeRings(next, selected);
    cancelPrepare?.();
    cancelPrepare = undefined;
    const before = sprites;
    const animated = animate && layout !== undefined && before !== undefined;
    const steps = prepareSprites(next, animated ? before : undefined, highlight);
    if (next.tokens.length <= PREPARE_AT_ONCE_LIMIT) {
      show(next, finish(steps), duration);
      return;
    }
    // Many tokens: prepared in slices, a task each; what is shown (or animating) stays until
    // then.
    cancelPrepare = runInSlices(steps, (prepared) => {
      cancelPrepare = undefined;
      show(next, prepared, duration);
    });
  }

  /** Shows `next` with its prepared sprites: animated from what is shown when they say so. */
  function show(next: GroupLayout, prepared: Sprites, duration: number | undefined) {
    if (running) stop(true, false);
    const animated = prepared.motion !== undefined;
    const nextLanes = new Map<string, LaneSprite>();
    for (const lane of next.lanes) {
      const old = laneSprites.get(laneKey(lane));
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
      for (const [key, old] of laneSprites)
        if (!nextLanes.has(key)) nextLanes.set(key, { ...old, kind: 'exit' });
    }

    // While animating, room for the old picture too (departing lanes fade where they were).
    viewHeight = animated && layout ? Math.max(layout.height, next.height) : next.height;
    sprites = prepared;
    laneSprites = nextLanes;
    layout = next;
    tokensByLane = undefined;
    plan = planAnimation(next, duration);
    surface.setAttribute(
      'aria-label',
      `${options.ariaLabel ?? 'Consumer group'}: ${next.tokens.length} partitions, ` +
        `${next.lanes.length - 1} members, ${next.counts.moved} moved, ` +
        `${next.counts.unassigned} unassigned`,
    );
    renderLaneButtons(buttons, next, options.onMemberClick);
    resize();
    if (!animated) {
      // Many tokens: drawn with the next frame, when the page's layout is done anyway.
      const now = sprites.live <= DRAW_AT_ONCE_LIMIT;
      stop(true, now);
      if (!now) requestDraw();
      return;
    }
    // The first frame is drawn with the next animation frame (the timer's first tick), not
    // here: the page has often just changed, and measuring it now would force a layout.
    running = timer(frame);
  }

  function destroy() {
    running?.stop();
    running = undefined;
    cancelSlices?.();
    cancelSlices = undefined;
    cancelPrepare?.();
    cancelPrepare = undefined;
    if (drawRequest !== 0) cancelAnimationFrame(drawRequest);
    drawRequest = 0;
    observer.disconnect();
    wrapper.removeEventListener('scroll', onScroll);
    surface.removeEventListener('click', onClick);
    surface.removeEventListener('mousemove', onMove);
    wrapper.remove();
    layout = undefined;
    sprites = undefined;
  }

  return { update, destroy };
}
