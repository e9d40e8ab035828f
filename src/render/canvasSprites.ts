/**
 * The canvas renderer's tokens as sprites: typed arrays of positions and batch indices, one
 * batch per colour × look × opacity, so a frame reads no token objects and one path fills a
 * batch. Prepared by a generator, so a 100k-token update can be spread over several tasks.
 */
import {
  TOKEN_STATES,
  type GroupLayout,
  type LaneLayout,
  type TokenLayout,
  type TokenState,
} from './layoutTypes';
import { tokenLook, type TokenLook } from './style';
import { showsPattern } from './patternMarks';
import type { TopicPattern } from './topicColors';
import { DIMMED_OPACITY } from './tokens';

/** Preparing an update yields every so many tokens (see prepareSprites). */
export const STEP = 4096;

// What a token sprite does while animating.
export const UPDATE = 0;
export const ENTER = 1;
export const EXIT = 2;

// How a sprite is drawn in one animation frame, in this order: still ones (at their target)
// under those in flight, batch by batch.
export const STILL = 0;
export const MOVING = 1;
export const ENTERING = 2;
export const LEAVING = 3;
export const HIDDEN = 4;

/** Tokens drawn alike: same colour, look and opacity, so one path fills them all. */
export interface Batch {
  readonly color: string;
  /** The topic's pattern, drawn over the fill ('plain' when the tokens are too small). */
  readonly pattern: TopicPattern;
  readonly look: TokenLook;
  /** DIMMED_OPACITY or 1. */
  readonly alpha: number;
}

/**
 * Every token drawn, as parallel arrays. Index i < `live` is `layout.tokens[i]`; from `live`
 * on (while animating only) the previous layout's tokens that are leaving.
 */
export interface Sprites {
  readonly tokens: readonly TokenLayout[];
  readonly live: number;
  /** Where each token is when settled (for leaving ones: where they were). Top-left, size. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly size: Float64Array;
  readonly batches: readonly Batch[];
  readonly batchOf: Int32Array;
  /** Token indices grouped by batch: batch b is order[start[b]] … order[start[b + 1] - 1]. */
  readonly order: Int32Array;
  readonly start: Int32Array;
  /** Set while animating. */
  readonly motion: Motion | undefined;
}

/**
 * The animation, all in typed arrays: a frame reads no token objects (100k of them would be
 * slow to visit 60 times a second). It ends where `Sprites` x, y and size say.
 */
export interface Motion {
  readonly kind: Uint8Array;
  /** Lane change or orphan: fly in an arc. */
  readonly arc: Uint8Array;
  /** Top-left and size where the animation starts (update and exit). */
  readonly fromX: Float64Array;
  readonly fromY: Float64Array;
  readonly fromSize: Float64Array;
  /** Orphans' stop in the unassigned lane (top-left); NaN for the others. */
  readonly viaX: Float64Array;
  readonly viaY: Float64Array;
  /** Update sprites this frame: top-left and size. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly size: Float64Array;
  /** This frame: how each sprite is drawn (STILL, MOVING, …, or HIDDEN). */
  readonly drawn: Uint8Array;
  /** This frame: how many sprites of each batch are drawn each way (batch * HIDDEN + how). */
  counts: Int32Array;
  /** This frame: enter sprites' scale and opacity (they appear together). */
  appear: number;
  /** This frame: how far exit sprites have faded out. */
  fade: number;
}

export interface LaneSprite {
  readonly lane: LaneLayout;
  /** The layout the lane is drawn from (header height, compactness): the old one for 'exit'. */
  readonly layout: GroupLayout;
  readonly kind: 'enter' | 'update' | 'exit';
  /** Where the animation starts: top-left, width, height. */
  readonly from: { x: number; y: number; width: number; height: number };
  /** Changes row: fades out where it was, then in where it goes (rather than sweep across). */
  readonly hop: boolean;
  /** The lane in the picture before (its counts show until the tokens arrive), if any. */
  readonly before: LaneLayout | undefined;
  /** Drawn this frame. */
  x: number;
  y: number;
  width: number;
  height: number;
  alpha: number;
}

export const STATE_INDEX = new Map<TokenState, number>(TOKEN_STATES.map((state, i) => [state, i]));

/** Batch ids by colour, size, state and dimming; a batch is made on first use. */
export function batchTable() {
  const list: Batch[] = [];
  const byColor = new Map<string, Map<number, Int32Array>>();
  let lastColor: string | undefined;
  let lastSize = NaN;
  let ids: Int32Array = new Int32Array(0);
  return {
    list,
    id(
      color: string,
      topicPattern: TopicPattern,
      state: TokenState,
      size: number,
      dimmed: boolean,
    ): number {
      const pattern = showsPattern(topicPattern, size) ? topicPattern : 'plain';
      const fill = pattern === 'plain' ? color : `${color} ${pattern}`;
      if (fill !== lastColor || size !== lastSize) {
        let bySize = byColor.get(fill);
        if (bySize === undefined) byColor.set(fill, (bySize = new Map()));
        let found = bySize.get(size);
        if (found === undefined) {
          found = new Int32Array(2 * TOKEN_STATES.length).fill(-1);
          bySize.set(size, found);
        }
        lastColor = fill;
        lastSize = size;
        ids = found;
      }
      const slot = 2 * (STATE_INDEX.get(state) ?? 0) + (dimmed ? 1 : 0);
      let id = ids[slot] as number;
      if (id === -1) {
        id = list.length;
        ids[slot] = id;
        list.push({
          color,
          pattern,
          look: tokenLook(state, size),
          alpha: dimmed ? DIMMED_OPACITY : 1,
        });
      }
      return id;
    },
  };
}

/** Indices 0 … count - 1 grouped by batch (a counting sort: stable, O(count)). */
export function groupByBatch(batchOf: Int32Array, count: number, batches: number) {
  const start = new Int32Array(batches + 1);
  for (let i = 0; i < count; i++) {
    const b = (batchOf[i] as number) + 1;
    start[b] = (start[b] as number) + 1;
  }
  for (let b = 0; b < batches; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const next = start.slice(0, batches);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const b = batchOf[i] as number;
    const at = next[b] as number;
    order[at] = i;
    next[b] = at + 1;
  }
  return { order, start };
}

/**
 * Finds the index of a token with the same key in `tokens`, or -1. The usual keys
 * (`topic\0partition`) are looked up by number in an array per topic, the rest by string.
 */
export function* keyIndex(
  tokens: readonly TokenLayout[],
  count: number,
): Generator<void, (token: TokenLayout) => number, void> {
  const plain = (t: TokenLayout) =>
    t.key === t.partitionKey && Number.isInteger(t.partition) && t.partition >= 0;
  // Per topic: partitions needed, and tokens. Sparse topics (invented partition numbers) go by
  // key. Tokens come lane by lane, topic by topic: the last topic's entry is at hand.
  const sizes = new Map<string, { length: number; count: number }>();
  let lastTopic: string | undefined;
  let lastSize = { length: 0, count: 0 };
  for (let i = 0; i < count; i++) {
    if (i % STEP === STEP - 1) yield;
    const t = tokens[i] as TokenLayout;
    if (!plain(t)) continue;
    if (t.topic !== lastTopic) {
      lastTopic = t.topic;
      const size = sizes.get(t.topic);
      if (size !== undefined) lastSize = size;
      else sizes.set(t.topic, (lastSize = { length: 0, count: 0 }));
    }
    lastSize.count++;
    if (t.partition >= lastSize.length) lastSize.length = t.partition + 1;
  }
  const byTopic = new Map<string, Int32Array>();
  for (const [topic, size] of sizes)
    if (size.length <= 4 * size.count + 1024)
      byTopic.set(topic, new Int32Array(size.length).fill(-1));
  const byKey = new Map<string, number>();
  let lastIndices: Int32Array | undefined;
  lastTopic = undefined;
  for (let i = 0; i < count; i++) {
    if (i % STEP === STEP - 1) yield;
    const t = tokens[i] as TokenLayout;
    if (plain(t)) {
      if (t.topic !== lastTopic) {
        lastTopic = t.topic;
        lastIndices = byTopic.get(t.topic);
      }
      if (lastIndices !== undefined) {
        lastIndices[t.partition] = i;
        continue;
      }
    }
    byKey.set(t.key, i);
  }
  lastTopic = undefined;
  lastIndices = undefined;
  return (t) => {
    if (!plain(t)) return byKey.get(t.key) ?? -1;
    if (t.topic !== lastTopic) {
      lastTopic = t.topic;
      lastIndices = byTopic.get(t.topic);
    }
    if (lastIndices === undefined) return byKey.get(t.key) ?? -1;
    return t.partition < lastIndices.length ? (lastIndices[t.partition] as number) : -1;
  };
}

/**
 * The sprites for `next`: batches, and with `before` (the sprites shown; animating) where each
 * token starts and which of the old ones leave. A generator that yields every STEP tokens, so
 * a big update can be prepared in slices while the old picture stays. Partitions `inFlight` in
 * the protocol round shown are faded like dimmed ones: nobody consumes them yet.
 */
export function* prepareSprites(
  next: GroupLayout,
  before: Sprites | undefined,
  highlight: ReadonlySet<string> | undefined,
  inFlight?: ReadonlyMap<string, number>,
): Generator<void, Sprites, void> {
  const live = next.tokens;
  const liveCount = live.length;
  const dimming = highlight !== undefined && highlight.size > 0 ? highlight : undefined;

  // Which tokens were there before (by key), and which of the old ones leave.
  let previousIndex: Int32Array | undefined;
  const leaving: number[] = [];
  if (before) {
    const find = yield* keyIndex(before.tokens, before.live);
    previousIndex = new Int32Array(liveCount);
    const matched = new Uint8Array(before.live);
    for (let i = 0; i < liveCount; i++) {
      if (i % STEP === STEP - 1) yield;
      const j = find(live[i] as TokenLayout);
      previousIndex[i] = j;
      if (j !== -1) matched[j] = 1;
    }
    for (let j = 0; j < before.live; j++) if (matched[j] === 0) leaving.push(j);
  }
  const count = liveCount + leaving.length;
  const tokens =
    before && leaving.length > 0
      ? live.concat(leaving.map((j) => before.tokens[j] as TokenLayout))
      : live;

  // One pass over the tokens: where, batch, and (animating) where each starts.
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const size = new Float64Array(count);
  const table = batchTable();
  const batchOf = new Int32Array(count);
  const motion: Motion | undefined =
    previousIndex && before
      ? {
          kind: new Uint8Array(count),
          arc: new Uint8Array(count),
          fromX: new Float64Array(count),
          fromY: new Float64Array(count),
          fromSize: new Float64Array(count),
          viaX: new Float64Array(count).fill(NaN),
          viaY: new Float64Array(count).fill(NaN),
          // Each frame writes them; until the first, where the tokens start (below).
          x: new Float64Array(count),
          y: new Float64Array(count),
          size: new Float64Array(count),
          drawn: new Uint8Array(count).fill(HIDDEN),
          counts: new Int32Array(0),
          appear: 0,
          fade: 0,
        }
      : undefined;
  for (let i = 0; i < liveCount; i++) {
    if (i % STEP === STEP - 1) yield;
    const t = live[i] as TokenLayout;
    x[i] = t.x;
    y[i] = t.y;
    size[i] = t.size;
    const dimmed =
      (dimming !== undefined && !dimming.has(t.key) && !dimming.has(t.partitionKey)) ||
      inFlight?.has(t.partitionKey) === true;
    batchOf[i] = table.id(t.color, t.pattern, t.state, t.size, dimmed);
    if (motion === undefined || before === undefined || previousIndex === undefined) continue;
    const j = previousIndex[i] as number;
    const old = j === -1 ? undefined : (before.tokens[j] as TokenLayout);
    const from = old ?? t;
    motion.kind[i] = old ? UPDATE : ENTER;
    motion.arc[i] = old && (old.owner !== t.owner || t.via !== undefined) ? 1 : 0;
    motion.fromX[i] = from.x;
    motion.fromY[i] = from.y;
    motion.fromSize[i] = from.size;
    if (t.state === 'orphaned' && t.via !== undefined) {
      motion.viaX[i] = t.via.x;
      motion.viaY[i] = t.via.y;
    }
  }
  if (before) {
    leaving.forEach((j, e) => {
      const t = before.tokens[j] as TokenLayout;
      const was = before.batches[before.batchOf[j] as number] as Batch;
      const i = liveCount + e;
      x[i] = t.x;
      y[i] = t.y;
      size[i] = t.size;
      batchOf[i] = table.id(t.color, t.pattern, t.state, t.size, was.alpha !== 1);
      if (motion === undefined) return;
      motion.kind[i] = EXIT;
      motion.fromX[i] = t.x;
      motion.fromY[i] = t.y;
      motion.fromSize[i] = t.size;
    });
  }
  if (motion) {
    motion.x.set(motion.fromX);
    motion.y.set(motion.fromY);
    motion.size.set(motion.fromSize);
    motion.counts = new Int32Array(table.list.length * HIDDEN);
  }
  return {
    tokens,
    live: liveCount,
    x,
    y,
    size,
    batches: table.list,
    batchOf,
    ...groupByBatch(batchOf, count, table.list.length),
    motion,
  };
}
