/** Canvas 2D painting of one batch of token sprites. */
import type { Batch } from './canvasSprites';
import { PATTERN_TILE, patternInk, patternMark } from './patternMarks';
import type { TopicPattern } from './topicColors';

/** CanvasPatterns per context, by pattern and ink (made on first use). */
const fills = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | null>>();

function patternFill(c: CanvasRenderingContext2D, pattern: TopicPattern, ink: string) {
  let cache = fills.get(c);
  if (!cache) fills.set(c, (cache = new Map()));
  const key = `${pattern} ${ink}`;
  let fill = cache.get(key);
  if (fill === undefined) {
    fill = null;
    const mark = patternMark(pattern);
    const tile = document.createElement('canvas');
    tile.width = tile.height = PATTERN_TILE;
    const t = tile.getContext('2d');
    if (mark && t) {
      t.strokeStyle = ink;
      t.lineWidth = mark.width;
      t.lineCap = 'round';
      t.stroke(new Path2D(mark.d));
      fill = c.createPattern(tile, 'repeat');
    }
    cache.set(key, fill);
  }
  return fill;
}

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
  if (batch.pattern !== 'plain') {
    const fill = patternFill(c, batch.pattern, patternInk(batch.color));
    if (fill) {
      c.fillStyle = fill;
      c.fill();
    }
  }
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
