/** Drawing one lane on a canvas: its body, header band, title, caption and badges. */
import type { LaneSprite } from './canvasSprites';
import { laneCaption, laneText } from './style';
import type { AnimationPlan } from './timeline';
import { COLORS, FONT_FAMILY } from './tokens';

/**
 * Draws lane sprite `l` where and as opaque as this frame has it. `plan` and `elapsed` (ms
 * into it; Infinity when settled) decide which counts its caption shows.
 */
export function drawLane(
  c: CanvasRenderingContext2D,
  l: LaneSprite,
  plan: AnimationPlan | undefined,
  elapsed: number,
): void {
  const { lane, layout: L } = l;
  const text = laneText(L.compact, L.headerHeight);
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
    c.font = `${text.captionFontSize}px ${FONT_FAMILY}`;
    let caption = laneCaption(lane);
    if (l.kind === 'exit') caption = 'left the group';
    else if (plan && elapsed < plan.countsAt) {
      // Counts change when the tokens arrive: the old ones until then (a joined lane has
      // none yet); the unassigned lane counts the orphans waiting in it too.
      if (lane.kind === 'unassigned' && elapsed >= plan.gather.start + plan.gather.duration)
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
