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
import { partitionKey } from '../scenario/replay';
import type { MemberId, Topic } from '../core/types';
import { chooseGeometry, fitLabel, gapFor, lanePlace, type Options } from './geometry';
import {
  DEFAULT_LAYOUT_OPTIONS,
  TOKEN_STATES,
  type DeletedToken,
  type DepartedLane,
  type GroupLayout,
  type GroupLayoutInput,
  type GroupLayoutOptions,
  type LaneLayout,
  type LayoutMemberInput,
  type TokenLayout,
  type TokenState,
} from './layoutTypes';
import {
  hasPartitions,
  inRange,
  ownersOf,
  ownershipOf,
  ownsAny,
  partitionsOf,
  STEP_WORK,
  type TopicOwners,
} from './ownership';
import { topicColors } from './topicColors';

// The layout's contract, so consumers import the whole layout API from this one module.
export * from './layoutTypes';

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
