/**
 * Pointer handling on the canvas picture: clicks on a token select its partition, clicks on
 * the rest of a member lane inspect the member; hovering sets the tooltip and the cursor.
 * Lanes and tokens are found by x and y (see hitTest.ts).
 */
import type { CanvasState } from './canvasState';
import { groupTokensByLane, laneAt, tokenAt } from './hitTest';
import { tokenLabel } from './layoutTypes';
import { laneCaption } from './style';
import type { Point } from './timeline';
import type { LanesRendererOptions } from './types';

/** Listens to the pointer on `s.surface`; returns what stops listening. */
export function attachPointer(
  s: CanvasState,
  options: Pick<LanesRendererOptions, 'onMemberClick' | 'onPartitionClick'>,
): () => void {
  const { surface, wrapper } = s;
  function pointer(event: MouseEvent): Point {
    const box = surface.getBoundingClientRect();
    return { x: event.clientX - box.left + wrapper.scrollLeft, y: event.clientY - box.top };
  }
  const onClick = (event: MouseEvent) => {
    const { layout } = s;
    if (!layout) return;
    const { x, y } = pointer(event);
    // A token selects its partition; the rest of a lane inspects its member.
    if (options.onPartitionClick) {
      s.tokensByLane ??= groupTokensByLane(layout);
      const token = tokenAt(layout, x, y, s.tokensByLane);
      if (token) {
        options.onPartitionClick(token);
        return;
      }
    }
    const lane = laneAt(layout, x, y);
    if (lane?.kind === 'member') options.onMemberClick?.(lane.id);
  };
  const onMove = (event: MouseEvent) => {
    const { layout } = s;
    if (!layout) return;
    const { x, y } = pointer(event);
    s.tokensByLane ??= groupTokensByLane(layout);
    const token = tokenAt(layout, x, y, s.tokensByLane);
    const lane = laneAt(layout, x, y);
    surface.title = token ? tokenLabel(token) : lane ? `${lane.title}: ${laneCaption(lane)}` : '';
    surface.style.cursor = lane?.kind === 'member' ? 'pointer' : 'default';
  };
  surface.addEventListener('click', onClick);
  surface.addEventListener('mousemove', onMove);
  return () => {
    surface.removeEventListener('click', onClick);
    surface.removeEventListener('mousemove', onMove);
  };
}
