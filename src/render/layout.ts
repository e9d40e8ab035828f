/**
 * The group picture as plain numbers: one lane per member (JoinGroup order) plus an
 * "unassigned" lane first, each partition a small square token in its owner's lane. Lanes
 * wrap into rows when they do not fit the width: left to right, then top to bottom.
 *
 * Pure: no DOM, no timers, no randomness. The browser renderers (SVG, canvas) and the Node
 * CLI's static SVG all draw from the same `GroupLayout`; the same input and options always
 * give the same layout.
 */
import { compareCodeUnits } from '../core/compare';
import type { MemberId, Topic, TopicPartitions } from '../core/types';
import { partitionKey } from '../scenario/replay';
import { topicColors, topicPalette } from './topicColors';

// ------------------------------------------------------------------------------------------
// Input
// ------------------------------------------------------------------------------------------

/** One member as the layout needs it; `MemberResult` of src/scenario/replay.ts fits. */
export interface LayoutMemberInput {
  readonly id: MemberId;
  /** When given, a partition of a topic the member does not subscribe to is `misassigned`. */
  readonly subscription?: readonly Topic[];
  readonly assignment: readonly TopicPartitions[];
}

/** One generation as the layout needs it; `GenerationResult` of src/scenario/replay.ts fits. */
export interface LayoutGenerationInput {
  /** In JoinGroup order: lanes follow it left to right, then row by row. */
  readonly members: readonly LayoutMemberInput[];
  /** topic → partition count. */
  readonly cluster: Readonly<Record<Topic, number>>;
}

export interface GroupLayoutInput {
  readonly current: LayoutGenerationInput;
  /**
   * The generation before, to classify tokens (kept, moved, …). Without it every owned
   * partition counts as `new`, as at a group's first rebalance. Pass the last generation
   * whose rebalance succeeded: a failed one has empty assignments.
   */
  readonly previous?: LayoutGenerationInput | undefined;
}

export interface GroupLayoutOptions {
  /**
   * Width available. Lanes share it within [minLaneWidth, maxLaneWidth]; when they do not
   * all fit in one row they wrap into several. Default 960.
   */
  readonly width?: number;
  readonly minLaneWidth?: number;
  readonly maxLaneWidth?: number;
  /**
   * Big groups only: lanes may narrow down to this (below minLaneWidth) to keep the picture
   * within maxHeight. Such lanes get a compact header: the title only, no caption.
   */
  readonly compactLaneWidth?: number;
  /** Between lanes in a row. */
  readonly laneGap?: number;
  /** Between rows of lanes. */
  readonly rowGap?: number;
  /** Around the whole picture. */
  readonly padding?: number;
  /** Inside a lane body, around its token grid. */
  readonly lanePadding?: number;
  readonly headerHeight?: number;
  /** The header height of compact lanes (narrower than minLaneWidth). */
  readonly compactHeaderHeight?: number;
  readonly minTokenSize?: number;
  readonly maxTokenSize?: number;
  /** Tokens shrink (down to minTokenSize) to keep the fullest lane within this height. */
  readonly maxBodyHeight?: number;
  readonly minBodyHeight?: number;
  /**
   * Tokens shrink (down to minTokenSize), and lanes narrow (down to compactLaneWidth), to keep
   * the whole picture within this height when it has several rows. Past that it grows.
   */
  readonly maxHeight?: number;
  /**
   * The colour domain, in order of first appearance (`scenarioTopics`): the n-th topic gets
   * the n-th colour. Pass every topic of a whole scenario to keep each topic's colour across
   * generations and edits; topics missing from it are added after it, in cluster order.
   */
  readonly topics?: readonly Topic[];
}

export const DEFAULT_LAYOUT_OPTIONS = {
  width: 960,
  minLaneWidth: 90,
  maxLaneWidth: 160,
  compactLaneWidth: 60,
  laneGap: 8,
  rowGap: 12,
  padding: 8,
  lanePadding: 6,
  headerHeight: 40,
  compactHeaderHeight: 22,
  minTokenSize: 4,
  maxTokenSize: 16,
  maxBodyHeight: 320,
  minBodyHeight: 48,
  maxHeight: 720,
} as const satisfies Required<Omit<GroupLayoutOptions, 'topics'>>;

// ------------------------------------------------------------------------------------------
// Output
// ------------------------------------------------------------------------------------------

export type TokenState =
  /** Same owner as before. */
  | 'kept'
  /** Owner changed although the previous owner is still in the group. */
  | 'moved'
  /** The previous owner left the group; someone else owns it now. */
  | 'orphaned'
  /** The partition did not exist, or had no owner, before. */
  | 'new'
  /** Nobody owns it now. */
  | 'unassigned'
  /** Invalid result: the partition was given to more than one member (every copy). */
  | 'duplicate'
  /** Invalid result: given to a member not subscribed to its topic, or it does not exist. */
  | 'misassigned';

export const TOKEN_STATES: readonly TokenState[] = [
  'kept',
  'moved',
  'orphaned',
  'new',
  'unassigned',
  'duplicate',
  'misassigned',
];

export interface TokenLayout {
  /**
   * `topic\0partition` (see `partitionKey`); the extra copies of a partition given to several
   * members are `topic\0partition\0owner`.
   */
  readonly key: string;
  /** Always `topic\0partition`. */
  readonly partitionKey: string;
  readonly topic: Topic;
  readonly partition: number;
  /** Member id, or '' when unowned. */
  readonly owner: MemberId;
  /** The owner in the previous generation, or '' (none, or no previous generation). */
  readonly previousOwner: MemberId;
  /** Top-left corner, in layout coordinates (row offset included). */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly color: string;
  readonly state: TokenState;
  /** Index into `GroupLayout.lanes`. */
  readonly lane: number;
  /**
   * For `orphaned` tokens: their stop in the unassigned lane (top-left corner), so an animation
   * can show the partition unowned before its new owner gets it.
   */
  readonly via: { readonly x: number; readonly y: number } | undefined;
  /**
   * What the tooltip says after the partition and its owner, e.g. " (moved from C1)"; shared
   * between tokens where it can be. `tokenLabel` makes the whole line (only when asked: a big
   * group has 100k tokens and shows one tooltip at a time).
   */
  readonly detail: string;
}

/** One line for a tooltip, e.g. "orders-3 → C2 (moved from C1)" or "orders-4: no owner". */
export function tokenLabel(token: TokenLayout): string {
  const name = `${token.topic}-${token.partition}`;
  return token.state === 'unassigned'
    ? `${name}: no owner${token.detail}`
    : `${name} → ${token.owner}${token.detail}`;
}

export interface LaneLayout {
  /** Member id, or '' for the unassigned lane. */
  readonly id: MemberId;
  readonly kind: 'unassigned' | 'member';
  /** Header text: the member id (shortened to fit) or "unassigned". */
  readonly title: string;
  /** Partitions in the lane (for the unassigned lane: partitions nobody owns). */
  readonly load: number;
  /** A member that owns nothing. */
  readonly idle: boolean;
  /** A member that was not in the previous generation (false without one). */
  readonly joined: boolean;
  /** Invalid tokens (duplicate or misassigned) in this lane. */
  readonly problems: number;
  /** Left edge. */
  readonly x: number;
  readonly width: number;
  /** The row the lane is in (0 = top). */
  readonly row: number;
  /** Top edge of the header; the lane spans [y, y + height). */
  readonly y: number;
  /** Header plus body. */
  readonly height: number;
  /** Top edge of the body: y + headerHeight. The body spans [bodyY, bodyY + bodyHeight). */
  readonly bodyY: number;
}

export interface DepartedLane {
  readonly id: MemberId;
  /** What it owned in the previous generation. */
  readonly load: number;
  /**
   * Where its lane was in the previous generation's layout (same options), to fade it out
   * in place. Recomputed from the previous generation alone, so it can be a few pixels off
   * when that layout made room for orphans; a renderer that drew the previous layout knows
   * better.
   */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DeletedToken {
  readonly key: string;
  readonly topic: Topic;
  readonly partition: number;
  /** Its owner in the previous generation, or ''. */
  readonly previousOwner: MemberId;
  readonly color: string;
}

export interface GroupLayout {
  /** What the lanes take: at most `options.width` unless a single lane does not fit. */
  readonly width: number;
  /** All rows. */
  readonly height: number;
  readonly padding: number;
  readonly laneWidth: number;
  readonly laneGap: number;
  readonly lanePadding: number;
  /**
   * The header height of every lane. In the first row headers span
   * [padding, padding + headerHeight); in general [lane.y, lane.bodyY).
   */
  readonly headerHeight: number;
  /**
   * The first row's bodies span [bodyTop, bodyTop + bodyHeight); row r's start
   * r × (rowHeight + rowGap) lower (see `LaneLayout.bodyY`).
   */
  readonly bodyTop: number;
  /** Every lane body has this height, in every row. */
  readonly bodyHeight: number;
  /** Rows of lanes. */
  readonly rows: number;
  /** Lanes in a full row (the last row may have fewer, left-aligned). */
  readonly lanesPerRow: number;
  /** headerHeight + bodyHeight. */
  readonly rowHeight: number;
  /** Between rows. */
  readonly rowGap: number;
  /**
   * Lanes narrower than minLaneWidth (big groups): headers show the title only, with no
   * caption line.
   */
  readonly compact: boolean;
  readonly tokenSize: number;
  /** Token size plus the gap between tokens. */
  readonly pitch: number;
  /** Tokens per row in a lane. */
  readonly columns: number;
  /** The unassigned lane first, then members in JoinGroup order. */
  readonly lanes: readonly LaneLayout[];
  /** Lane by lane, each lane in grid order (topic, then partition). */
  readonly tokens: readonly TokenLayout[];
  /** Members of the previous generation that are gone, in their previous order. */
  readonly departed: readonly DepartedLane[];
  /** Partitions that existed in the previous generation and exist no more. */
  readonly deleted: readonly DeletedToken[];
  /** The colour of every topic, sorted by name. */
  readonly topics: readonly { readonly topic: Topic; readonly color: string }[];
  readonly counts: Readonly<Record<TokenState, number>>;
}

// ------------------------------------------------------------------------------------------
// Colours
// ------------------------------------------------------------------------------------------

/** A topic → colour function: topics by first appearance in `topics` (see topicColors.ts). */
export function topicColorScale(topics: Iterable<Topic>): (topic: Topic) => string {
  const colors = topicColors(topics);
  const fallback = topicPalette(colors.size + 1)[colors.size] as string;
  return (topic) => colors.get(topic) ?? fallback;
}

export { topicPalette };

// ------------------------------------------------------------------------------------------
// Who owns what
// ------------------------------------------------------------------------------------------

function compareNumbers(a: number, b: number): number {
  return a - b;
}

/**
 * The owners of one topic's partitions in one generation, by member index. Partitions of the
 * cluster are in typed arrays; the rare ones an assignment invents (out of range, or of a
 * topic the cluster does not have) and the rare ones with several owners are in maps.
 */
interface TopicOwners {
  /** Partitions in the cluster: [0, count). */
  readonly count: number;
  readonly inCluster: boolean;
  /** The first owner (in member order) of each partition in the cluster, or -1. */
  readonly first: Int32Array;
  /** Partitions in the cluster with several owners: all of them, in member order. */
  several: Map<number, number[]> | undefined;
  /** Partitions outside the cluster that someone was given: their owners, in member order. */
  outside: Map<number, number[]> | undefined;
}

interface Ownership {
  readonly topics: Map<Topic, TopicOwners>;
  /** Per member index: the index of the first member with the same id (ids are the identity). */
  readonly canonical: Int32Array;
  /** Per member index: claims, deduplicated (what the lane holds). */
  readonly loads: Int32Array;
  /** Partitions of the cluster nobody owns. */
  readonly unowned: number;
}

function inRange(owners: TopicOwners, partition: number) {
  return partition >= 0 && partition < owners.count && Number.isInteger(partition);
}

function partitionCount(count: number) {
  return count > 0 ? Math.ceil(count) : 0;
}

function addOwner(list: number[], member: number, canonical: Int32Array) {
  const id = canonical[member];
  for (const other of list) if (canonical[other] === id) return false;
  list.push(member);
  return true;
}

/** About how many partitions or tokens a layout step handles between two yields. */
const STEP_WORK = 2048;

function* ownershipOf(generation: LayoutGenerationInput): Generator<void, Ownership, void> {
  const { members, cluster } = generation;
  const topics = new Map<Topic, TopicOwners>();
  for (const topic of Object.keys(cluster)) {
    const count = partitionCount(cluster[topic] as number);
    topics.set(topic, {
      count,
      inCluster: true,
      first: new Int32Array(count).fill(-1),
      several: undefined,
      outside: undefined,
    });
  }
  const canonical = new Int32Array(members.length);
  const firstIndex = new Map<MemberId, number>();
  members.forEach((m, i) => {
    const seen = firstIndex.get(m.id);
    if (seen === undefined) firstIndex.set(m.id, i);
    canonical[i] = seen ?? i;
  });
  const loads = new Int32Array(members.length);
  let claimed = 0;
  let work = 0;
  for (let mi = 0; mi < members.length; mi++) {
    const id = canonical[mi] as number;
    let load = 0;
    for (const [topic, partitions] of (members[mi] as LayoutMemberInput).assignment) {
      work += partitions.length;
      if (work >= STEP_WORK) {
        work = 0;
        yield;
      }
      let owners = topics.get(topic);
      if (owners === undefined && partitions.length > 0) {
        owners = {
          count: 0,
          inCluster: false,
          first: new Int32Array(0),
          several: undefined,
          outside: undefined,
        };
        topics.set(topic, owners);
      }
      if (owners === undefined) continue;
      const first = owners.first;
      for (const partition of partitions) {
        if (inRange(owners, partition)) {
          const current = first[partition] as number;
          if (current === -1) {
            first[partition] = mi;
            claimed++;
            load++;
          } else if (canonical[current] !== id) {
            owners.several ??= new Map();
            const list = owners.several.get(partition);
            if (list === undefined) {
              owners.several.set(partition, [current, mi]);
              load++;
            } else if (addOwner(list, mi, canonical)) load++;
          }
        } else {
          owners.outside ??= new Map();
          const list = owners.outside.get(partition);
          if (list === undefined) {
            owners.outside.set(partition, [mi]);
            load++;
          } else if (addOwner(list, mi, canonical)) load++;
        }
      }
    }
    loads[mi] = load;
  }
  let inCluster = 0;
  for (const owners of topics.values()) inCluster += owners.count;
  return { topics, canonical, loads, unowned: inCluster - claimed };
}

/**
 * The partitions of one topic, ascending, when an assignment invented some (the cluster's and
 * those merged); undefined when they are just [0, count).
 */
function partitionsOf(owners: TopicOwners): number[] | undefined {
  if (owners.outside === undefined) return undefined;
  const all: number[] = [...owners.outside.keys()];
  for (let p = 0; p < owners.count; p++) all.push(p);
  return all.sort(compareNumbers);
}

/** Does this topic have at least one partition (in the cluster, or given to someone)? */
function hasPartitions(owners: TopicOwners) {
  return owners.count > 0 || (owners.outside !== undefined && owners.outside.size > 0);
}

function ownsAny(owners: TopicOwners | undefined, partition: number) {
  if (owners === undefined) return false;
  return inRange(owners, partition) || (owners.outside?.has(partition) ?? false);
}

const NO_OWNERS: readonly number[] = [];

/** Owners (member indices, member order) of a partition: allocation-free for 0 or 1 owner. */
function ownersOf(owners: TopicOwners | undefined, partition: number, one: number[]) {
  if (owners === undefined) return NO_OWNERS;
  if (inRange(owners, partition)) {
    const first = owners.first[partition] as number;
    if (first === -1) return NO_OWNERS;
    const several = owners.several?.get(partition);
    if (several !== undefined) return several;
    one[0] = first;
    return one;
  }
  return owners.outside?.get(partition) ?? NO_OWNERS;
}

// ------------------------------------------------------------------------------------------
// Geometry
// ------------------------------------------------------------------------------------------

type Options = Required<Omit<GroupLayoutOptions, 'topics'>>;

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

function gapFor(size: number) {
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
interface Geometry {
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
interface Loads {
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
function chooseGeometry(loads: Loads, o: Options): Geometry {
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
function lanePlace(index: number, g: Geometry, o: Options) {
  const row = Math.floor(index / g.lanesPerRow);
  const x = o.padding + (index - row * g.lanesPerRow) * (g.laneWidth + o.laneGap);
  const y = o.padding + row * (g.headerHeight + g.bodyHeight + o.rowGap);
  return { row, x, y };
}

// ------------------------------------------------------------------------------------------
// Layout
// ------------------------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// State codes, in TOKEN_STATES order.
const KEPT = 0;
const MOVED = 1;
const ORPHANED = 2;
const NEW = 3;
const UNASSIGNED = 4;
const DUPLICATE = 5;
const MISASSIGNED = 6;

function bump(counts: Int32Array, index: number) {
  counts[index] = (counts[index] as number) + 1;
}

/** Does `owners` (previous member indices) hold someone whose id is now `canonicalId`? */
function ownedBefore(previousOwners: readonly number[], survivor: Int32Array, canonicalId: number) {
  for (const pi of previousOwners) if (survivor[pi] === canonicalId) return true;
  return false;
}

/** Lays out one generation of a group, classifying each token against `input.previous`. */
export function computeGroupLayout(
  input: GroupLayoutInput,
  options: GroupLayoutOptions = {},
): GroupLayout {
  const steps = groupLayoutSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * `computeGroupLayout` in steps: it yields every few thousand partitions, and returns the
 * layout. A caller can spread a big group's layout (100k partitions: tens of ms, much of it
 * garbage collection of the young tokens) over several tasks, keeping the page responsive.
 */
export function* groupLayoutSteps(
  input: GroupLayoutInput,
  options: GroupLayoutOptions = {},
): Generator<void, GroupLayout, void> {
  const o: Options & Pick<GroupLayoutOptions, 'topics'> = {
    ...DEFAULT_LAYOUT_OPTIONS,
    ...stripUndefined(options),
  };
  const { current, previous } = input;
  const members = current.members;
  const memberCount = members.length;
  const previousMembers = previous?.members ?? [];

  const now = yield* ownershipOf(current);
  const before = previous ? yield* ownershipOf(previous) : undefined;
  const { canonical } = now;

  // Previous member index → the current canonical index of the same id, or -1 (departed).
  const currentIndex = new Map<MemberId, number>();
  for (let i = memberCount - 1; i >= 0; i--)
    currentIndex.set((members[i] as LayoutMemberInput).id, i);
  const survivor = new Int32Array(previousMembers.length);
  previousMembers.forEach((m, i) => (survivor[i] = currentIndex.get(m.id) ?? -1));

  // Colours over every topic anyone can see in either generation.
  const topicNames = new Set<Topic>(o.topics ?? []);
  for (const [topic, owners] of now.topics) if (hasPartitions(owners)) topicNames.add(topic);
  for (const [topic, owners] of before?.topics ?? [])
    if (hasPartitions(owners)) topicNames.add(topic);
  const colors = topicColors(topicNames);

  const subscriptions = members.map((m) => (m.subscription ? new Set(m.subscription) : undefined));
  const subscribers = new Set<Topic>();
  for (const m of members) for (const t of m.subscription ?? []) subscribers.add(t);
  const knowsSubscriptions = members.some((m) => m.subscription !== undefined);

  // Label pieces shared by many tokens, made once.
  const ids = members.map((m) => m.id);
  const previousIds = previousMembers.map((m) => m.id);
  const movedFrom = previousIds.map((id) => ` (moved from ${id})`);
  const leftBy = previousIds.map((id) => ` (${id} left the group)`);
  const wasWith = previousIds.map((id, i) =>
    survivor[i] !== -1 ? ` (was ${id})` : ` (was ${id}, who left)`,
  );

  // ---- classify --------------------------------------------------------------------------
  const perLane: Mutable<TokenLayout>[][] = [];
  for (let i = 0; i <= memberCount; i++) perLane.push([]);
  const problems = new Int32Array(memberCount + 1);
  const stateCounts = new Int32Array(TOKEN_STATES.length);
  const orphans: Mutable<TokenLayout>[] = [];
  const one = [0];
  const onePrevious = [0];
  const unassignedLane = perLane[0] as Mutable<TokenLayout>[];
  const takes = new Uint8Array(memberCount);
  let work = 0;

  for (const topic of [...now.topics.keys()].sort(compareCodeUnits)) {
    const owners = now.topics.get(topic) as TopicOwners;
    const beforeOwners = before?.topics.get(topic);
    const color = colors.get(topic) as string;
    const keyPrefix = `${topic}\u0000`;
    const namePrefix = `${topic}-`;
    // Per member: does it take this topic (or not say what it subscribes to)?
    for (let mi = 0; mi < memberCount; mi++) {
      const s = subscriptions[mi];
      takes[mi] = s === undefined || s.has(topic) ? 1 : 0;
    }
    const unowned =
      knowsSubscriptions && !subscribers.has(topic) ? ` (no member subscribes to ${topic})` : '';
    const list = partitionsOf(owners);
    const total = list ? list.length : owners.count;

    for (let n = 0; n < total; n++) {
      if (++work === STEP_WORK) {
        work = 0;
        yield;
      }
      const partition = list ? (list[n] as number) : n;
      const pkey = keyPrefix + partition;
      const previousOwners = ownersOf(beforeOwners, partition, onePrevious);
      const firstPrevious = previousOwners.length > 0 ? (previousOwners[0] as number) : -1;
      const previousOwner = firstPrevious === -1 ? '' : (previousIds[firstPrevious] as string);
      const mine = ownersOf(owners, partition, one);

      if (mine.length === 0) {
        const was = firstPrevious !== -1 ? (wasWith[firstPrevious] as string) : '';
        bump(stateCounts, UNASSIGNED);
        unassignedLane.push({
          key: pkey,
          partitionKey: pkey,
          topic,
          partition,
          owner: '',
          previousOwner,
          x: 0,
          y: 0,
          size: 0,
          color,
          state: 'unassigned',
          lane: 0,
          via: undefined,
          detail: was && unowned ? was + unowned : was || unowned,
        });
        continue;
      }

      // The primary copy, keyed by the bare partition key, stays with the previous owner when
      // it still holds one, so the animation keeps that token in place.
      let primary = mine[0] as number;
      if (mine.length > 1) {
        for (const mi of mine) {
          if (ownedBefore(previousOwners, survivor, canonical[mi] as number)) {
            primary = mi;
            break;
          }
        }
      }
      const exists = owners.inCluster && inRange(owners, partition);

      for (const mi of mine) {
        const owner = ids[mi] as string;
        let state: number;
        let detail: string;
        if (!exists) {
          state = MISASSIGNED;
          detail = owners.inCluster
            ? ` (misassigned: ${namePrefix}${partition} does not exist)`
            : ` (misassigned: topic ${topic} does not exist)`;
        } else if (takes[mi] === 0) {
          state = MISASSIGNED;
          detail = ` (misassigned: ${owner} does not subscribe to ${topic})`;
        } else if (mine.length > 1) {
          state = DUPLICATE;
          const others: MemberId[] = [];
          for (const other of mine)
            if (canonical[other] !== canonical[mi]) others.push(ids[other] as string);
          detail = ` (duplicate: also given to ${others.join(', ')})`;
        } else if (firstPrevious === -1) {
          state = NEW;
          detail = !previous
            ? ''
            : ownsAny(beforeOwners, partition)
              ? ' (had no owner)'
              : ' (new partition)';
        } else if (ownedBefore(previousOwners, survivor, canonical[mi] as number)) {
          state = KEPT;
          detail = ' (kept)';
        } else if (survivor[firstPrevious] === -1) {
          state = ORPHANED;
          detail = leftBy[firstPrevious] as string;
        } else {
          state = MOVED;
          detail = movedFrom[firstPrevious] as string;
        }
        bump(stateCounts, state);
        const lane = mi + 1;
        if (state >= DUPLICATE) bump(problems, lane);
        const token: Mutable<TokenLayout> = {
          key: mi === primary ? pkey : `${pkey}\u0000${owner}`,
          partitionKey: pkey,
          topic,
          partition,
          owner,
          previousOwner,
          x: 0,
          y: 0,
          size: 0,
          color,
          state: TOKEN_STATES[state] as TokenState,
          lane,
          via: undefined,
          detail,
        };
        (perLane[lane] as Mutable<TokenLayout>[]).push(token);
        if (state === ORPHANED) orphans.push(token);
      }
    }
  }

  // ---- geometry --------------------------------------------------------------------------
  let fullest = 0;
  let tokenCount = 0;
  for (const lane of perLane) {
    tokenCount += lane.length;
    if (lane.length > fullest) fullest = lane.length;
  }
  const unassignedCount = unassignedLane.length;
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
    work += drafts.length;
    if (work >= STEP_WORK) {
      work = 0;
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
            ...place,
          },
    );
  }

  // Orphans' stops in the unassigned lane, after its own tokens.
  if (orphans.length > 0) {
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

  const counts = Object.fromEntries(TOKEN_STATES.map((s, i) => [s, stateCounts[i] as number]));
  const departed: DepartedLane[] = [];
  if (previous && before) {
    const gone: number[] = [];
    previousMembers.forEach((m, i) => {
      if (survivor[i] === -1) gone.push(i);
    });
    if (gone.length > 0) {
      // Where the previous layout put them (same options, orphans' stops aside).
      let previousFullest = before.unowned;
      for (const load of before.loads) if (load > previousFullest) previousFullest = load;
      const pg = chooseGeometry(
        { lanes: previousMembers.length + 1, fullest: previousFullest, stops: before.unowned },
        o,
      );
      for (const i of gone) {
        const { x, y } = lanePlace(i + 1, pg, o);
        departed.push({
          id: (previousMembers[i] as LayoutMemberInput).id,
          load: before.canonical[i] === i ? (before.loads[i] as number) : 0,
          x,
          y,
          width: pg.laneWidth,
          height: pg.headerHeight + pg.bodyHeight,
        });
      }
    }
  }

  const deleted: DeletedToken[] = [];
  if (before) {
    for (const topic of [...before.topics.keys()].sort(compareCodeUnits)) {
      const owners = before.topics.get(topic) as TopicOwners;
      const nowOwners = now.topics.get(topic);
      const list = partitionsOf(owners);
      const total = list ? list.length : owners.count;
      for (let n = 0; n < total; n++) {
        if (++work === STEP_WORK) {
          work = 0;
          yield;
        }
        const partition = list ? (list[n] as number) : n;
        if (ownsAny(nowOwners, partition)) continue;
        const previousOwners = ownersOf(owners, partition, onePrevious);
        deleted.push({
          key: partitionKey(topic, partition),
          topic,
          partition,
          previousOwner:
            previousOwners.length > 0
              ? (previousMembers[previousOwners[0] as number] as LayoutMemberInput).id
              : '',
          color: colors.get(topic) as string,
        });
      }
    }
  }

  return {
    width: g.width,
    height: g.height,
    padding: o.padding,
    laneWidth,
    laneGap: o.laneGap,
    lanePadding: o.lanePadding,
    headerHeight,
    bodyTop,
    bodyHeight,
    rows: g.rows,
    lanesPerRow: g.lanesPerRow,
    rowHeight: headerHeight + bodyHeight,
    rowGap: o.rowGap,
    compact: g.compact,
    tokenSize,
    pitch,
    columns,
    lanes,
    tokens,
    departed,
    deleted,
    topics: [...colors].map(([topic, color]) => ({ topic, color })),
    counts: counts as Record<TokenState, number>,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ------------------------------------------------------------------------------------------
// Hit testing
// ------------------------------------------------------------------------------------------

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
