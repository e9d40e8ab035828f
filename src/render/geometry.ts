/**
 * Lane and token sizes: how many lanes per row, how wide, how big a token, so the picture fits
 * the width (and, when it can, the height). Knows nothing about who owns what, only loads.
 */
import type { GroupLayoutOptions } from './layoutTypes';

export type Options = Required<Omit<GroupLayoutOptions, 'topics' | 'laneStatus'>>;

/** Shortens `text` to about `width` pixels of 12px system-ui text, with an ellipsis. */
export function fitLabel(text: string, width: number, charWidth = 7): string {
  const max = Math.max(1, Math.floor(width / charWidth));
  if (text.length <= max) return text;
  // Cut from the middle: member ids usually differ at the end (consumer-007, consumer-008),
  // so keeping both ends keeps narrow lanes telling apart.
  const keep = Math.max(1, max - 1);
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

export function gapFor(size: number) {
  return Math.max(1, Math.round(size / 4));
}

function columnsFor(inner: number, size: number) {
  const pitch = size + gapFor(size);
  return Math.max(1, Math.floor((inner + gapFor(size)) / pitch));
}

function rowsHeight(count: number, columns: number, size: number) {
  if (count === 0) return 0;
  const rows = Math.ceil(count / columns);
  return rows * (size + gapFor(size)) - gapFor(size);
}

/** Lane and token sizes, rows and their heights: everything but who sits where. */
export interface Geometry {
  readonly lanesPerRow: number;
  readonly rows: number;
  readonly laneWidth: number;
  readonly compact: boolean;
  readonly headerHeight: number;
  readonly tokenSize: number;
  readonly columns: number;
  readonly bodyHeight: number;
  readonly width: number;
  readonly height: number;
  /** Within maxBodyHeight and maxHeight. */
  readonly fits: boolean;
}

/** What decides the geometry: lane count and how full the fullest lanes are. */
export interface Loads {
  readonly lanes: number;
  /** Tokens in the fullest lane. */
  readonly fullest: number;
  /** The unassigned lane's tokens plus the orphans' stops after them. */
  readonly stops: number;
}

/** The geometry with `perRow` lanes per row, lanes no narrower than `floor`. */
function geometryWith(perRow: number, floor: number, loads: Loads, o: Options): Geometry {
  const rows = Math.ceil(loads.lanes / perRow);
  const available = o.width - 2 * o.padding - (perRow - 1) * o.laneGap;
  const laneWidth = Math.floor(clamp(available / perRow, floor, o.maxLaneWidth));
  const compact = laneWidth < o.minLaneWidth;
  const headerHeight = compact ? Math.min(o.headerHeight, o.compactHeaderHeight) : o.headerHeight;
  const inner = laneWidth - 2 * o.lanePadding;
  const fixed = 2 * o.padding + rows * headerHeight + (rows - 1) * o.rowGap;
  // The unassigned lane also holds the orphans' stops, after its own tokens. In one row the
  // body grows for them up to maxBodyHeight; with several rows (every row has the same body
  // height) it does not grow for them at all. Past that the stops are packed closer.
  const stops = rows === 1 ? loads.stops : 0;
  const bodyFor = (size: number, columns: number) =>
    Math.max(
      o.minBodyHeight,
      rowsHeight(loads.fullest, columns, size) + 2 * o.lanePadding,
      Math.min(o.maxBodyHeight, rowsHeight(stops, columns, size) + 2 * o.lanePadding),
    );
  const maxSize = Math.max(o.minTokenSize, Math.min(o.maxTokenSize, inner));
  let tokenSize = o.minTokenSize;
  let fits = false;
  for (let size = maxSize; size >= o.minTokenSize; size--) {
    const columns = columnsFor(inner, size);
    if (rowsHeight(loads.fullest, columns, size) + 2 * o.lanePadding > o.maxBodyHeight) continue;
    if (rows > 1 && fixed + rows * bodyFor(size, columns) > o.maxHeight) continue;
    tokenSize = size;
    fits = true;
    break;
  }
  const columns = columnsFor(inner, tokenSize);
  const bodyHeight = bodyFor(tokenSize, columns);
  const lanesPerRow = Math.min(perRow, loads.lanes);
  return {
    lanesPerRow,
    rows,
    laneWidth,
    compact,
    headerHeight,
    tokenSize,
    columns,
    bodyHeight,
    width: 2 * o.padding + lanesPerRow * laneWidth + (lanesPerRow - 1) * o.laneGap,
    height: fixed + rows * bodyHeight,
    fits,
  };
}

/**
 * Picks the geometry. Lanes at least minLaneWidth wide, in as few rows as that allows, shared
 * out evenly (13 lanes in rows of 9 → rows of 7 and 6, wider). When that does not fit
 * maxHeight, narrower compact lanes in fewer rows: the one with the biggest tokens that fits,
 * else the lowest.
 */
export function chooseGeometry(loads: Loads, o: Options): Geometry {
  const room = o.width - 2 * o.padding + o.laneGap;
  const perRowAtMin = Math.max(1, Math.floor(room / (o.minLaneWidth + o.laneGap)));
  const rows = Math.ceil(loads.lanes / perRowAtMin);
  const regular = geometryWith(Math.ceil(loads.lanes / rows), o.minLaneWidth, loads, o);
  if (regular.fits || rows === 1) return regular;
  const floor = Math.min(o.minLaneWidth, o.compactLaneWidth);
  const perRowAtFloor = Math.max(1, Math.floor(room / (floor + o.laneGap)));
  let best: Geometry | undefined;
  let lowest = regular;
  for (let r = Math.ceil(loads.lanes / perRowAtFloor); r < rows; r++) {
    const perRow = Math.ceil(loads.lanes / r);
    // Fewer rows with the same lanes per row: already tried.
    if (Math.ceil(loads.lanes / perRow) !== r) continue;
    const g = geometryWith(perRow, floor, loads, o);
    if (g.fits && (best === undefined || g.tokenSize > best.tokenSize)) best = g;
    if (g.height < lowest.height) lowest = g;
  }
  return best ?? lowest;
}

/** Where lane `index` goes. */
export function lanePlace(index: number, g: Geometry, o: Options) {
  const row = Math.floor(index / g.lanesPerRow);
  const x = o.padding + (index - row * g.lanesPerRow) * (g.laneWidth + o.laneGap);
  const y = o.padding + row * (g.headerHeight + g.bodyHeight + o.rowGap);
  return { row, x, y };
}
