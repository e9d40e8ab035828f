/** Canvas 2D painting of one batch of token sprites. */
import type { Batch } from './canvasSprites';

export function path(c: CanvasRenderingContext2D, x: number, y: number, size: number, r: number) {
  if (r > 0 && size >= 6 && typeof c.roundRect === 'function') c.roundRect(x, y, size, size, r);
  else c.rect(x, y, size, size);
}

/** Fills (and outlines) the current path in the batch's look at `alpha`. */
export function paint(c: CanvasRenderingContext2D, batch: Batch, alpha: number) {
  const { look } = batch;
  c.globalAlpha = alpha * look.fillOpacity;
  c.fillStyle = batch.color;
  c.fill();
  if (look.stroke && look.strokeWidth > 0) {
    c.globalAlpha = alpha;
    c.strokeStyle = look.stroke;
    c.lineWidth = look.strokeWidth;
    c.setLineDash(look.dash ? [...look.dash] : []);
    c.stroke();
    c.setLineDash([]);
  }
  c.globalAlpha = 1;
}
