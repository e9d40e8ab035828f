/**
 * Drawing the canvas picture into its tiles. While animating, only what is on screen (big
 * groups are several screens tall), and only the tiles there are touched. Settled,
 * everything, so scrolling needs no redraw: with very many tokens the tiles on screen first,
 * then the others one per task.
 */
import { drawLane } from './canvasLane';
import { CULL_MARGIN, DRAW_AT_ONCE_LIMIT, type CanvasState } from './canvasState';
import type { Box, Tile } from './canvasTiles';
import { classify, drawMoving, drawSettled } from './canvasTokens';
import { scheduleTask } from './schedule';

/** Draws with the next animation frame, unless a draw is already requested. */
export function requestDraw(s: CanvasState): void {
  if (s.drawRequest !== 0) return;
  s.drawRequest = requestAnimationFrame(() => {
    s.drawRequest = 0;
    draw(s);
  });
}

/** Cancels a requested draw and the tiles of a settled picture still to be drawn. */
export function cancelDraw(s: CanvasState): void {
  s.cancelSlices?.();
  s.cancelSlices = undefined;
  if (s.drawRequest !== 0) cancelAnimationFrame(s.drawRequest);
  s.drawRequest = 0;
}

/** Clears a tile and sets it up for drawing in layout coordinates (scrolled by `left`). */
function begin(tile: Tile, left: number, dpr: number): CanvasRenderingContext2D | null {
  const c = tile.ctx;
  if (!c) return null;
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.clearRect(0, 0, tile.canvas.width, tile.canvas.height);
  c.setTransform(dpr, 0, 0, dpr, -left * dpr, -tile.top * dpr);
  return c;
}

function drawLanes(s: CanvasState, c: CanvasRenderingContext2D, box: Box) {
  for (const l of s.laneSprites.values()) {
    if (l.x + l.width < box.left || l.x > box.right) continue;
    if (l.y + l.height < box.top || l.y > box.bottom) continue;
    drawLane(c, l, s.plan, s.elapsedNow);
  }
}

/** Draws the picture as `s` has it now (see the module comment for what and when). */
export function draw(s: CanvasState): void {
  cancelDraw(s);
  if (!s.layout || !s.sprites) return;
  const { tiles, dpr } = s;
  const shown = s.sprites;
  const left = s.wrapper.scrollLeft;
  const right = left + s.viewWidth;
  const moving = shown.motion;
  const sliced = !moving && shown.live > DRAW_AT_ONCE_LIMIT;
  let top = -Infinity;
  let bottom = Infinity;
  if (moving || sliced) {
    const box = s.surface.getBoundingClientRect();
    top = -box.top - CULL_MARGIN;
    bottom = window.innerHeight - box.top + CULL_MARGIN;
  }
  const onScreen = (tile: Tile) => tile.top + tile.height >= top && tile.top <= bottom;

  if (moving) {
    const view: Box = { left, right, top, bottom };
    classify(shown, moving, view);
    for (const tile of tiles) {
      if (!onScreen(tile)) continue;
      const c = begin(tile, left, dpr);
      if (!c) continue;
      const box: Box = {
        left,
        right,
        top: Math.max(top, tile.top),
        bottom: Math.min(bottom, tile.top + tile.height),
      };
      drawLanes(s, c, box);
      drawMoving(c, shown, moving, box);
    }
    return;
  }

  const drawTile = (tile: Tile) => {
    const c = begin(tile, left, s.dpr);
    if (!c) return;
    const box: Box = { left, right, top: tile.top, bottom: tile.top + tile.height };
    drawLanes(s, c, box);
    drawSettled(c, shown, box);
  };
  const later: Tile[] = [];
  for (const tile of tiles) {
    if (!sliced || onScreen(tile)) drawTile(tile);
    else later.push(tile);
  }
  const drawNext = () => {
    s.cancelSlices = undefined;
    const tile = later.shift();
    if (tile === undefined || s.sprites !== shown) return;
    drawTile(tile);
    if (later.length > 0) s.cancelSlices = scheduleTask(drawNext);
  };
  if (later.length > 0) s.cancelSlices = scheduleTask(drawNext);
}
