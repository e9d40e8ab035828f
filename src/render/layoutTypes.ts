/**
 * The layout's contract: what goes in (a generation and its predecessor, options) and what
 * comes out (`GroupLayout`, plain numbers every renderer draws from).
 */
import type { TopicPattern } from './topicColors';
import type { MemberId, Topic, TopicPartitions } from '../core/types';

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
   * Member id → a few words shown in its lane caption, e.g. what the rebalance protocol has it
   * doing ("paused", "waiting"). Members not listed show none.
   */
  readonly laneStatus?: Readonly<Record<string, string>>;
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
} as const satisfies Required<Omit<GroupLayoutOptions, 'topics' | 'laneStatus'>>;

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
  /** The topic's second cue, drawn over the colour where the token has room (topicColors.ts). */
  readonly pattern: TopicPattern;
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
  /** A few words on what the member is doing, from `GroupLayoutOptions.laneStatus`. */
  readonly status?: string;
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
  readonly topics: readonly {
    readonly topic: Topic;
    readonly color: string;
    readonly pattern: TopicPattern;
  }[];
  readonly counts: Readonly<Record<TokenState, number>>;
}

/** The key a lane keeps across generations in every renderer's data join. */
export function laneKey(lane: LaneLayout) {
  return lane.kind === 'unassigned' ? '\u0000unassigned' : `m\u0000${lane.id}`;
}
