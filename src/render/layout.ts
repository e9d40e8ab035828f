/**
 * The group picture as plain numbers: one lane per member (JoinGroup order) plus an
 * "unassigned" lane first, each partition a small square token in its owner's lane. Lanes
 * wrap into rows when they do not fit the width: left to right, then top to bottom.
 *
 * Pure: no DOM, no timers, no randomness. The browser renderers (SVG, canvas) and the Node
 * CLI's static SVG all draw from the same `GroupLayout`; the same input and options always
 * give the same layout.
 */
import type { Options } from './geometry';
import { classifyTokens, layoutContext, type Pace } from './layoutClassify';
import { deletedTokens, departedLanes } from './layoutHistory';
import type { TopicPattern } from './topicColors';
import { placeLanes, placeOrphanStops } from './layoutPlace';
import {
  DEFAULT_LAYOUT_OPTIONS,
  TOKEN_STATES,
  type GroupLayout,
  type GroupLayoutInput,
  type GroupLayoutOptions,
  type TokenState,
} from './layoutTypes';
import { ownershipOf } from './ownership';

// The layout's contract, so consumers import the whole layout API from this one module.
export * from './layoutTypes';

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
  const o: Options & Pick<GroupLayoutOptions, 'topics' | 'laneStatus'> = {
    ...DEFAULT_LAYOUT_OPTIONS,
    ...stripUndefined(options),
  };
  const { current, previous } = input;
  const now = yield* ownershipOf(current);
  const before = previous ? yield* ownershipOf(previous) : undefined;
  const ctx = layoutContext(input, now, before, o.topics);
  const pace: Pace = { work: 0 };
  const classified = yield* classifyTokens(ctx, pace);
  const placed = yield* placeLanes(ctx, classified, o, pace);
  placeOrphanStops(classified, placed, o);
  const departed = departedLanes(ctx, o);
  const deleted = yield* deletedTokens(ctx, pace);

  const { g, pitch, bodyTop } = placed;
  const { tokenSize, columns, laneWidth, headerHeight, bodyHeight } = g;
  const { stateCounts } = classified;
  const counts = Object.fromEntries(TOKEN_STATES.map((s, i) => [s, stateCounts[i] as number]));
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
    lanes: placed.lanes,
    tokens: placed.tokens,
    departed,
    deleted,
    topics: [...ctx.colors].map(([topic, color]) => ({
      topic,
      color,
      pattern: ctx.patterns.get(topic) as TopicPattern,
    })),
    counts: counts as Record<TokenState, number>,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
