/**
 * Drawing the token sprites on a canvas, batch by batch (one path per batch): settled, or in
 * an animation frame after classifying each sprite (still, moving, entering, leaving, hidden).
 */
import { paint, path } from './canvasPaint';
import {
  ENTER,
  ENTERING,
  HIDDEN,
  LEAVING,
  MOVING,
  STILL,
  UPDATE,
  type Batch,
  type Motion,
  type Sprites,
} from './canvasSprites';
import type { Box } from './canvasTiles';

/** Settled tokens within `box`, batch by batch. */
export function drawSettled(c: CanvasRenderingContext2D, s: Sprites, box: Box): void {
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
export function classify(s: Sprites, m: Motion, view: Box): void {
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
export function drawMoving(c: CanvasRenderingContext2D, s: Sprites, m: Motion, box: Box): void {
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
