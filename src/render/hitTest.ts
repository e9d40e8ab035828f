/** What is under a point, in layout coordinates: for pointer handling in the renderers. */
import type { GroupLayout, LaneLayout, TokenLayout } from './layoutTypes';

/** The lane under (x, y) (layout coordinates), or undefined between lanes and rows. */
export function laneAt(layout: GroupLayout, x: number, y: number): LaneLayout | undefined {
  const column = Math.floor((x - layout.padding) / (layout.laneWidth + layout.laneGap));
  const row = Math.floor((y - layout.padding) / (layout.rowHeight + layout.rowGap));
  if (column < 0 || row < 0 || column >= layout.lanesPerRow) return undefined;
  const lane = layout.lanes[row * layout.lanesPerRow + column];
  return lane && x >= lane.x && x < lane.x + lane.width && y >= lane.y && y < lane.y + lane.height
    ? lane
    : undefined;
}

/** The token under (x, y) (layout coordinates), if any. */
export function tokenAt(
  layout: GroupLayout,
  x: number,
  y: number,
  tokensByLane: readonly (readonly TokenLayout[])[] = groupTokensByLane(layout),
): TokenLayout | undefined {
  const lane = laneAt(layout, x, y);
  if (!lane) return undefined;
  const index = layout.lanes.indexOf(lane);
  for (const token of tokensByLane[index] ?? []) {
    if (x >= token.x && x < token.x + token.size && y >= token.y && y < token.y + token.size)
      return token;
  }
  return undefined;
}

/** Tokens per lane index. */
export function groupTokensByLane(layout: GroupLayout): TokenLayout[][] {
  const lanes: TokenLayout[][] = layout.lanes.map(() => []);
  for (const token of layout.tokens) lanes[token.lane]?.push(token);
  return lanes;
}
