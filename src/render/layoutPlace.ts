/**
 * The layout generator's placing phases: the geometry for the classified tokens, every lane
 * and token placed in it, and the orphans' stops in the unassigned lane.
 */
import {
  chooseGeometry,
  fitLabel,
  gapFor,
  lanePlace,
  type Geometry,
  type Options,
} from './geometry';
import type { Classified, LayoutContext, Mutable, Pace } from './layoutClassify';
import type { LaneLayout, TokenLayout } from './layoutTypes';
import { STEP_WORK } from './ownership';

/** Lanes and tokens placed, and the measures the layout reports. */
export interface Placed {
  readonly g: Geometry;
  readonly lanes: LaneLayout[];
  readonly tokens: TokenLayout[];
  readonly pitch: number;
  readonly bodyTop: number;
  /** Left of the token grid within a lane. */
  readonly gridLeft: number;
}

/** Phase 3: chooses the geometry and places every lane and its tokens (yields as it goes). */
export function* placeLanes(
  ctx: LayoutContext,
  classified: Classified,
  o: Options & { readonly laneStatus?: Readonly<Record<string, string>> | undefined },
  pace: Pace,
): Generator<void, Placed, void> {
  const { perLane, problems, orphans } = classified;
  const { ids, previousIds } = ctx;
  const { previous } = ctx.input;
  let fullest = 0;
  let tokenCount = 0;
  for (const lane of perLane) {
    tokenCount += lane.length;
    if (lane.length > fullest) fullest = lane.length;
  }
  const unassignedCount = (perLane[0] as Mutable<TokenLayout>[]).length;
  const g = chooseGeometry(
    { lanes: perLane.length, fullest, stops: unassignedCount + orphans.length },
    o,
  );
  const { tokenSize, columns, laneWidth, headerHeight, bodyHeight } = g;
  const gap = gapFor(tokenSize);
  const pitch = tokenSize + gap;
  const bodyTop = o.padding + headerHeight;
  // Centre the grid in the lane: what columns leave over is split both sides.
  const gridLeft = Math.floor((laneWidth - (columns * pitch - gap)) / 2);

  const tokens = new Array<TokenLayout>(tokenCount);
  let next = 0;
  const lanes: LaneLayout[] = [];
  for (let index = 0; index < perLane.length; index++) {
    const drafts = perLane[index] as Mutable<TokenLayout>[];
    pace.work += drafts.length;
    if (pace.work >= STEP_WORK) {
      pace.work = 0;
      yield;
    }
    const { row, x, y } = lanePlace(index, g, o);
    const bodyY = y + headerHeight;
    const left = x + gridLeft;
    let column = 0;
    let tokenX = left;
    let tokenY = bodyY + o.lanePadding;
    for (const token of drafts) {
      token.x = tokenX;
      token.y = tokenY;
      token.size = tokenSize;
      tokens[next++] = token;
      if (++column === columns) {
        column = 0;
        tokenX = left;
        tokenY += pitch;
      } else tokenX += pitch;
    }
    const id = index === 0 ? '' : (ids[index - 1] as string);
    const count = problems[index] as number;
    const place = { x, width: laneWidth, row, y, height: headerHeight + bodyHeight, bodyY };
    // A compact header has the problem count on the title's line.
    const titleWidth = laneWidth - 12 - (g.compact && count > 0 ? 28 : 0);
    lanes.push(
      index === 0
        ? {
            id,
            kind: 'unassigned',
            // "unassi…" reads badly: narrow lanes say "unowned".
            title: fitLabel(
              fitLabel('unassigned', titleWidth) === 'unassigned' ? 'unassigned' : 'unowned',
              titleWidth,
            ),
            load: drafts.length,
            idle: false,
            joined: false,
            problems: count,
            ...place,
          }
        : {
            id,
            kind: 'member',
            title: fitLabel(id, titleWidth),
            load: drafts.length,
            idle: drafts.length === 0,
            joined: previous !== undefined && !previousIds.includes(id),
            problems: count,
            ...(o.laneStatus !== undefined && Object.hasOwn(o.laneStatus, id)
              ? { status: o.laneStatus[id] }
              : {}),
            ...place,
          },
    );
  }
  return { g, lanes, tokens, pitch, bodyTop, gridLeft };
}

/** Phase 4: orphans' stops (`via`) in the unassigned lane, after its own tokens. */
export function placeOrphanStops(classified: Classified, placed: Placed, o: Options): void {
  const { orphans } = classified;
  if (orphans.length === 0) return;
  const { g, pitch, bodyTop, gridLeft } = placed;
  const { columns, tokenSize, bodyHeight } = g;
  const unassignedCount = (classified.perLane[0] as Mutable<TokenLayout>[]).length;
  const firstRow = Math.floor(unassignedCount / columns);
  const lastRow = Math.floor((unassignedCount + orphans.length - 1) / columns);
  const top = bodyTop + o.lanePadding + firstRow * pitch;
  const bottom = bodyTop + bodyHeight - o.lanePadding - tokenSize;
  const rowPitch =
    lastRow === firstRow
      ? pitch
      : Math.min(pitch, Math.max(0, (bottom - top) / (lastRow - firstRow)));
  const laneLeft = o.padding + gridLeft;
  orphans.forEach((token, i) => {
    const index = unassignedCount + i;
    const x = laneLeft + (index % columns) * pitch;
    const y = top + (Math.floor(index / columns) - firstRow) * rowPitch;
    token.via = { x, y: Math.round(Math.min(y, Math.max(top, bottom)) * 10) / 10 };
  });
}
