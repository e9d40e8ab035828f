/**
 * Sizing the canvas picture: as wide as the visible area, as tall as the layout, cut into
 * tiles (see canvasTiles.ts) each at most TILE_HEIGHT tall and MAX_CANVAS_SIDE device pixels.
 */
import { MAX_CANVAS_SIDE, TILE_HEIGHT, type CanvasState } from './canvasState';

/** Sizes the tiles (a canvas is cleared only when its size changes); callers draw after. */
export function resize(s: CanvasState): void {
  const { layout, tiles, surface, spacer } = s;
  if (!layout) return;
  // As wide as the visible box (not the layout): lanes leaving the picture stay visible
  // while they fade, even when the new layout is narrower.
  const viewWidth = Math.max(1, s.measuredWidth || s.wrapper.clientWidth || layout.width);
  s.viewWidth = viewWidth;
  const height = Math.max(1, s.viewHeight || layout.height);
  const want = window.devicePixelRatio || 1;
  const dpr = Math.min(want, MAX_CANVAS_SIDE / Math.max(viewWidth, Math.min(height, TILE_HEIGHT)));
  s.dpr = dpr;
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

/**
 * Resizes and redraws (with `draw`) when the wrapper gets a new width, and redraws on
 * scroll. Returns what stops watching.
 */
export function watchSize(s: CanvasState, draw: () => void): () => void {
  // Only a new width matters: heights change when the picture does (and it draws itself then).
  const observer = new ResizeObserver(() => {
    const width = s.wrapper.clientWidth;
    if (width === s.measuredWidth) return;
    s.measuredWidth = width;
    resize(s);
    draw();
  });
  observer.observe(s.wrapper);
  const onScroll = () => draw();
  s.wrapper.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    observer.disconnect();
    s.wrapper.removeEventListener('scroll', onScroll);
  };
}
