/**
 * The group picture as plain numbers: one lane per member (JoinGroup order) plus an
 * "unassigned" lane at the left, each partition a small square token in its owner's lane.
 *
 * Pure: no DOM, no timers, no randomness. The browser renderers (SVG, canvas) and the Node
 * CLI's static SVG all draw from the same `GroupLayout`; the same input and options always
 * give the same layout.
 */
import { hsl } from 'd3-color';
import { scaleOrdinal } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import type { MemberId, Topic, TopicPartitions } from '../core/types';
import { partitionKey } from '../scenario/replay';

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
  /** In JoinGroup order: lanes follow it left to right. */
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
  /** Width available; lanes share it within [minLaneWidth, maxLaneWidth]. Default 960. */
  readonly width?: number;
  readonly minLaneWidth?: number;
  readonly maxLaneWidth?: number;
  readonly laneGap?: number;
  /** Around the whole picture. */
  readonly padding?: number;
  /** Inside a lane body, around its token grid. */
  readonly lanePadding?: number;
  readonly headerHeight?: number;
  readonly minTokenSize?: number;
  readonly maxTokenSize?: number;
  /** Tokens shrink (down to minTokenSize) to keep the fullest lane within this height. */
  readonly maxBodyHeight?: number;
  readonly minBodyHeight?: number;
  /**
   * The colour domain. Pass every topic of a whole scenario to keep each topic's colour
   * across generations; topics missing from it are added. Sorted either way.
   */
  readonly topics?: readonly Topic[];
}

export const DEFAULT_LAYOUT_OPTIONS = {
  width: 960,
  minLaneWidth: 90,
  maxLaneWidth: 160,
  laneGap: 8,
  padding: 8,
  lanePadding: 6,
  headerHeight: 40,
  minTokenSize: 4,
  maxTokenSize: 16,
  maxBodyHeight: 320,
  minBodyHeight: 48,
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
  /** Top-left corner. */
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
  /** One line for a tooltip, e.g. "orders-3 → C2 (moved from C1)". */
  readonly label: string;
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
  readonly x: number;
  readonly width: number;
}

export interface DepartedLane {
  readonly id: MemberId;
  /** What it owned in the previous generation. */
  readonly load: number;
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
  readonly width: number;
  readonly height: number;
  readonly padding: number;
  readonly laneWidth: number;
  readonly laneGap: number;
  readonly lanePadding: number;
  /** Lane headers span [padding, padding + headerHeight). */
  readonly headerHeight: number;
  /** Lane bodies span [bodyTop, bodyTop + bodyHeight). */
  readonly bodyTop: number;
  readonly bodyHeight: number;
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

/** Lightness shifts for the 2nd, 3rd, … round through the palette. */
const LIGHTNESS_SHIFTS = [0, -0.2, 0.17, -0.32, 0.28];

/**
 * `n` colours: Tableau 10 (designed to stay apart for colour-blind readers), then the same
 * hues darker, lighter, and so on, for more than 10 topics.
 */
export function topicPalette(n: number): string[] {
  const colors: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = schemeTableau10[i % schemeTableau10.length] as string;
    const round = Math.floor(i / schemeTableau10.length);
    const shift = LIGHTNESS_SHIFTS[round % LIGHTNESS_SHIFTS.length] as number;
    if (shift === 0) {
      colors.push(base);
      continue;
    }
    const c = hsl(base);
    c.l = Math.min(0.85, Math.max(0.2, c.l + shift));
    colors.push(c.formatHex());
  }
  return colors;
}

/** A stable topic → colour function over the sorted topic names. */
export function topicColorScale(topics: Iterable<Topic>): (topic: Topic) => string {
  const domain = [...new Set(topics)].sort(compareStrings);
  const scale = scaleOrdinal<string, string>().domain(domain).range(topicPalette(domain.length));
  return (topic) => scale(topic);
}

// ------------------------------------------------------------------------------------------
// Layout
// ------------------------------------------------------------------------------------------

interface Claim {
  topic: Topic;
  partition: number;
  owner: MemberId;
  memberIndex: number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTopicPartition(
  a: { topic: Topic; partition: number },
  b: { topic: Topic; partition: number },
) {
  return compareStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** Every (partition, owner) claim of a generation, deduplicated, plus owners per partition. */
function claimsOf(generation: LayoutGenerationInput) {
  const claims: Claim[] = [];
  const owners = new Map<string, MemberId[]>();
  generation.members.forEach((member, memberIndex) => {
    for (const [topic, partitions] of member.assignment) {
      for (const partition of partitions) {
        const key = partitionKey(topic, partition);
        const list = owners.get(key);
        if (list === undefined) owners.set(key, [member.id]);
        else if (list.includes(member.id)) continue;
        else list.push(member.id);
        claims.push({ topic, partition, owner: member.id, memberIndex });
      }
    }
  });
  return { claims, owners };
}

function exists(cluster: Readonly<Record<Topic, number>>, topic: Topic, partition: number) {
  if (!Object.hasOwn(cluster, topic)) return false;
  const count = cluster[topic] as number;
  return Number.isInteger(partition) && partition >= 0 && partition < count;
}

/** The partitions of a generation: the cluster's plus any the assignment invents. */
function partitionsOf(generation: LayoutGenerationInput, claims: readonly Claim[]) {
  const all = new Map<string, { topic: Topic; partition: number }>();
  for (const topic of Object.keys(generation.cluster).sort(compareStrings)) {
    const count = generation.cluster[topic] as number;
    for (let partition = 0; partition < count; partition++)
      all.set(partitionKey(topic, partition), { topic, partition });
  }
  for (const { topic, partition } of claims) {
    const key = partitionKey(topic, partition);
    if (!all.has(key)) all.set(key, { topic, partition });
  }
  return all;
}

/** Shortens `text` to about `width` pixels of 12px system-ui text, with an ellipsis. */
export function fitLabel(text: string, width: number, charWidth = 7): string {
  const max = Math.max(1, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
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

interface Draft {
  topic: Topic;
  partition: number;
  owner: MemberId;
  previousOwner: MemberId;
  state: TokenState;
  key: string;
  label: string;
}

/** Lays out one generation of a group, classifying each token against `input.previous`. */
export function computeGroupLayout(
  input: GroupLayoutInput,
  options: GroupLayoutOptions = {},
): GroupLayout {
  const o = { ...DEFAULT_LAYOUT_OPTIONS, ...stripUndefined(options) };
  const { current, previous } = input;

  const { claims } = claimsOf(current);
  const partitions = partitionsOf(current, claims);
  const memberIds = current.members.map((m) => m.id);
  const present = new Set(memberIds);
  const subscriptions = new Map(
    current.members.map((m) => [m.id, m.subscription ? new Set(m.subscription) : undefined]),
  );

  const before = previous ? claimsOf(previous) : undefined;
  const beforePartitions = previous && before ? partitionsOf(previous, before.claims) : undefined;
  const previousMembers = new Set(previous?.members.map((m) => m.id) ?? []);

  // Colours over every topic anyone can see in either generation.
  const topicNames = new Set<Topic>(o.topics ?? []);
  for (const { topic } of partitions.values()) topicNames.add(topic);
  for (const { topic } of beforePartitions?.values() ?? []) topicNames.add(topic);
  const colorOf = topicColorScale(topicNames);

  // ---- classify --------------------------------------------------------------------------
  const perLane: Draft[][] = [[], ...memberIds.map(() => [])];
  const orphans: Draft[] = [];
  const subscribers = new Set<Topic>();
  for (const m of current.members) for (const t of m.subscription ?? []) subscribers.add(t);
  const knowsSubscriptions = current.members.some((m) => m.subscription !== undefined);

  // Claims grouped per partition, in member order.
  const claimsByKey = new Map<string, Claim[]>();
  for (const claim of claims) {
    const key = partitionKey(claim.topic, claim.partition);
    const list = claimsByKey.get(key);
    if (list) list.push(claim);
    else claimsByKey.set(key, [claim]);
  }

  for (const [pkey, { topic, partition }] of partitions) {
    const name = `${topic}-${partition}`;
    const previousOwners = before?.owners.get(pkey) ?? [];
    const previousOwner = previousOwners[0] ?? '';
    const existedBefore = beforePartitions?.has(pkey) ?? false;
    const mine = claimsByKey.get(pkey) ?? [];

    if (mine.length === 0) {
      let label = `${name}: no owner`;
      if (previousOwner !== '')
        label += present.has(previousOwner)
          ? ` (was ${previousOwner})`
          : ` (was ${previousOwner}, who left)`;
      if (knowsSubscriptions && !subscribers.has(topic))
        label += ` (no member subscribes to ${topic})`;
      perLane[0]!.push({
        topic,
        partition,
        owner: '',
        previousOwner,
        state: 'unassigned',
        key: pkey,
        label,
      });
      continue;
    }

    // The primary copy, keyed by the bare partition key, stays with the previous owner when
    // it still holds one, so the animation keeps that token in place.
    const primary = mine.find((c) => previousOwners.includes(c.owner)) ?? (mine[0] as Claim);
    for (const claim of mine) {
      const { owner } = claim;
      const key = claim === primary ? pkey : `${pkey}\u0000${owner}`;
      const subscription = subscriptions.get(owner);
      let state: TokenState;
      let label = `${name} → ${owner}`;
      if (!exists(current.cluster, topic, partition)) {
        state = 'misassigned';
        label += Object.hasOwn(current.cluster, topic)
          ? ` (misassigned: ${name} does not exist)`
          : ` (misassigned: topic ${topic} does not exist)`;
      } else if (subscription !== undefined && !subscription.has(topic)) {
        state = 'misassigned';
        label += ` (misassigned: ${owner} does not subscribe to ${topic})`;
      } else if (mine.length > 1) {
        state = 'duplicate';
        const others = mine.filter((c) => c.owner !== owner).map((c) => c.owner);
        label += ` (duplicate: also given to ${others.join(', ')})`;
      } else if (previousOwners.length === 0) {
        state = 'new';
        if (previous) label += existedBefore ? ' (had no owner)' : ' (new partition)';
      } else if (previousOwners.includes(owner)) {
        state = 'kept';
        label += ' (kept)';
      } else if (!present.has(previousOwner)) {
        state = 'orphaned';
        label += ` (${previousOwner} left the group)`;
      } else {
        state = 'moved';
        label += ` (moved from ${previousOwner})`;
      }
      const draft: Draft = { topic, partition, owner, previousOwner, state, key, label };
      perLane[claim.memberIndex + 1]!.push(draft);
      if (state === 'orphaned') orphans.push(draft);
    }
  }
  for (const lane of perLane) lane.sort(byTopicPartition);
  orphans.sort(byTopicPartition);

  // ---- geometry --------------------------------------------------------------------------
  const laneCount = perLane.length;
  const available = o.width - 2 * o.padding - (laneCount - 1) * o.laneGap;
  const laneWidth = Math.floor(clamp(available / laneCount, o.minLaneWidth, o.maxLaneWidth));
  const inner = laneWidth - 2 * o.lanePadding;
  const fullest = Math.max(...perLane.map((l) => l.length));
  const maxSize = Math.max(o.minTokenSize, Math.min(o.maxTokenSize, inner));
  let tokenSize = o.minTokenSize;
  for (let size = maxSize; size >= o.minTokenSize; size--) {
    const height = rowsHeight(fullest, columnsFor(inner, size), size) + 2 * o.lanePadding;
    if (height <= o.maxBodyHeight) {
      tokenSize = size;
      break;
    }
  }
  const gap = gapFor(tokenSize);
  const pitch = tokenSize + gap;
  const columns = columnsFor(inner, tokenSize);
  const bodyTop = o.padding + o.headerHeight;
  // The unassigned lane also holds the orphans' stops, after its own tokens: the body grows
  // for them up to maxBodyHeight; past that the stops are packed closer, overlapping.
  const unassignedCount = perLane[0]!.length;
  const bodyHeight = Math.max(
    o.minBodyHeight,
    rowsHeight(fullest, columns, tokenSize) + 2 * o.lanePadding,
    Math.min(
      o.maxBodyHeight,
      rowsHeight(unassignedCount + orphans.length, columns, tokenSize) + 2 * o.lanePadding,
    ),
  );
  const width = 2 * o.padding + laneCount * laneWidth + (laneCount - 1) * o.laneGap;
  const height = bodyTop + bodyHeight + o.padding;

  const laneX = (index: number) => o.padding + index * (laneWidth + o.laneGap);
  // Centre the grid in the lane: what columns leave over is split both sides.
  const gridWidth = columns * pitch - gap;
  const gridLeft = Math.floor((laneWidth - gridWidth) / 2);
  const cell = (lane: number, index: number) => ({
    x: laneX(lane) + gridLeft + (index % columns) * pitch,
    y: bodyTop + o.lanePadding + Math.floor(index / columns) * pitch,
  });

  const tokens: TokenLayout[] = [];
  const counts = Object.fromEntries(TOKEN_STATES.map((s) => [s, 0])) as Record<TokenState, number>;
  const viaOf = new Map<string, { x: number; y: number }>();
  if (orphans.length > 0) {
    const firstRow = Math.floor(unassignedCount / columns);
    const lastRow = Math.floor((unassignedCount + orphans.length - 1) / columns);
    const top = bodyTop + o.lanePadding + firstRow * pitch;
    const bottom = bodyTop + bodyHeight - o.lanePadding - tokenSize;
    const rowPitch =
      lastRow === firstRow
        ? pitch
        : Math.min(pitch, Math.max(0, (bottom - top) / (lastRow - firstRow)));
    orphans.forEach((draft, i) => {
      const index = unassignedCount + i;
      const { x } = cell(0, index);
      const y = top + (Math.floor(index / columns) - firstRow) * rowPitch;
      viaOf.set(draft.key, { x, y: Math.round(Math.min(y, Math.max(top, bottom)) * 10) / 10 });
    });
  }

  const lanes: LaneLayout[] = perLane.map((drafts, index) => {
    drafts.forEach((draft, i) => {
      const { x, y } = cell(index, i);
      counts[draft.state]++;
      tokens.push({
        key: draft.key,
        partitionKey: partitionKey(draft.topic, draft.partition),
        topic: draft.topic,
        partition: draft.partition,
        owner: draft.owner,
        previousOwner: draft.previousOwner,
        x,
        y,
        size: tokenSize,
        color: colorOf(draft.topic),
        state: draft.state,
        lane: index,
        via: viaOf.get(draft.key),
        label: draft.label,
      });
    });
    const problems = drafts.filter(
      (d) => d.state === 'duplicate' || d.state === 'misassigned',
    ).length;
    if (index === 0) {
      return {
        id: '',
        kind: 'unassigned',
        title: fitLabel('unassigned', laneWidth - 12),
        load: drafts.length,
        idle: false,
        joined: false,
        problems,
        x: laneX(0),
        width: laneWidth,
      };
    }
    const id = memberIds[index - 1] as MemberId;
    return {
      id,
      kind: 'member',
      title: fitLabel(id, laneWidth - 12),
      load: drafts.length,
      idle: drafts.length === 0,
      joined: previous !== undefined && !previousMembers.has(id),
      problems,
      x: laneX(index),
      width: laneWidth,
    };
  });

  const departed: DepartedLane[] = (previous?.members ?? [])
    .filter((m) => !present.has(m.id))
    .map((m) => ({
      id: m.id,
      load: before?.claims.filter((c) => c.owner === m.id).length ?? 0,
    }));

  const deleted: DeletedToken[] = [];
  for (const [key, { topic, partition }] of beforePartitions ?? []) {
    if (partitions.has(key)) continue;
    deleted.push({
      key,
      topic,
      partition,
      previousOwner: before?.owners.get(key)?.[0] ?? '',
      color: colorOf(topic),
    });
  }
  deleted.sort(byTopicPartition);

  return {
    width,
    height,
    padding: o.padding,
    laneWidth,
    laneGap: o.laneGap,
    lanePadding: o.lanePadding,
    headerHeight: o.headerHeight,
    bodyTop,
    bodyHeight,
    tokenSize,
    pitch,
    columns,
    lanes,
    tokens,
    departed,
    deleted,
    topics: [...topicNames].sort(compareStrings).map((topic) => ({ topic, color: colorOf(topic) })),
    counts,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The lane under horizontal position `x` (layout coordinates), or undefined between lanes. */
export function laneAt(layout: GroupLayout, x: number): LaneLayout | undefined {
  const index = Math.floor((x - layout.padding) / (layout.laneWidth + layout.laneGap));
  const lane = layout.lanes[index];
  return lane && x >= lane.x && x < lane.x + lane.width ? lane : undefined;
}

/** The token under (x, y) (layout coordinates), if any. */
export function tokenAt(
  layout: GroupLayout,
  x: number,
  y: number,
  tokensByLane: readonly (readonly TokenLayout[])[] = groupTokensByLane(layout),
): TokenLayout | undefined {
  const lane = laneAt(layout, x);
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
