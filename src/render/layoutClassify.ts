/**
 * The layout generator's first phases: what both generations say about the members (who
 * survived, who subscribes to what, topic colours, label pieces), then every partition's
 * tokens classified against the previous generation (kept, moved, orphaned, …) and sorted
 * into their lanes, positions still unset.
 */
import { compareCodeUnits } from '../core/compare';
import type { MemberId, Topic } from '../core/types';
import {
  TOKEN_STATES,
  type GroupLayoutInput,
  type LayoutMemberInput,
  type TokenLayout,
  type TokenState,
} from './layoutTypes';
import {
  hasPartitions,
  inRange,
  ownersOf,
  ownsAny,
  partitionsOf,
  STEP_WORK,
  type Ownership,
  type TopicOwners,
} from './ownership';
import { topicColors, topicPatterns, type TopicPattern } from './topicColors';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// State codes, in TOKEN_STATES order.
const KEPT = 0;
const MOVED = 1;
const ORPHANED = 2;
const NEW = 3;
const UNASSIGNED = 4;
const DUPLICATE = 5;
const MISASSIGNED = 6;

/** Work done since the generator last yielded, shared by its phases (see STEP_WORK). */
export interface Pace {
  work: number;
}

/** What the phases know of both generations. */
export interface LayoutContext {
  readonly input: GroupLayoutInput;
  readonly now: Ownership;
  readonly before: Ownership | undefined;
  readonly ids: readonly MemberId[];
  readonly previousIds: readonly MemberId[];
  /** Previous member index → the current canonical index of the same id, or -1 (departed). */
  readonly survivor: Int32Array;
  /** Colours over every topic anyone can see in either generation. */
  readonly colors: ReturnType<typeof topicColors>;
  readonly patterns: ReturnType<typeof topicPatterns>;
}

/** The tokens, classified and per lane (0: unassigned; member i: lane i + 1). */
export interface Classified {
  readonly perLane: Mutable<TokenLayout>[][];
  /** Tokens with a problem (duplicate, misassigned) per lane. */
  readonly problems: Int32Array;
  /** Tokens per state, in TOKEN_STATES order. */
  readonly stateCounts: Int32Array;
  readonly orphans: Mutable<TokenLayout>[];
}

function bump(counts: Int32Array, index: number) {
  counts[index] = (counts[index] as number) + 1;
}

/** Does `owners` (previous member indices) hold someone whose id is now `canonicalId`? */
function ownedBefore(previousOwners: readonly number[], survivor: Int32Array, canonicalId: number) {
  for (const pi of previousOwners) if (survivor[pi] === canonicalId) return true;
  return false;
}

/** Phase 1: matches the generations' members and gives every topic a colour. */
export function layoutContext(
  input: GroupLayoutInput,
  now: Ownership,
  before: Ownership | undefined,
  extraTopics: readonly Topic[] | undefined,
): LayoutContext {
  const members = input.current.members;
  const previousMembers = input.previous?.members ?? [];
  const currentIndex = new Map<MemberId, number>();
  for (let i = members.length - 1; i >= 0; i--)
    currentIndex.set((members[i] as LayoutMemberInput).id, i);
  const survivor = new Int32Array(previousMembers.length);
  previousMembers.forEach((m, i) => (survivor[i] = currentIndex.get(m.id) ?? -1));

  const topicNames = new Set<Topic>(extraTopics ?? []);
  for (const [topic, owners] of now.topics) if (hasPartitions(owners)) topicNames.add(topic);
  for (const [topic, owners] of before?.topics ?? [])
    if (hasPartitions(owners)) topicNames.add(topic);
  return {
    input,
    now,
    before,
    ids: members.map((m) => m.id),
    previousIds: previousMembers.map((m) => m.id),
    survivor,
    colors: topicColors(topicNames),
    patterns: topicPatterns(topicNames),
  };
}

/** Phase 2: every partition's tokens, classified and in their lanes (yields as it goes). */
export function* classifyTokens(ctx: LayoutContext, pace: Pace): Generator<void, Classified, void> {
  const { now, before, ids, previousIds, survivor, colors, patterns } = ctx;
  const { previous } = ctx.input;
  const members = ctx.input.current.members;
  const memberCount = members.length;
  const { canonical } = now;

  const subscriptions = members.map((m) => (m.subscription ? new Set(m.subscription) : undefined));
  const subscribers = new Set<Topic>();
  for (const m of members) for (const t of m.subscription ?? []) subscribers.add(t);
  const knowsSubscriptions = members.some((m) => m.subscription !== undefined);

  // Label pieces shared by many tokens, made once.
  const movedFrom = previousIds.map((id) => ` (moved from ${id})`);
  const leftBy = previousIds.map((id) => ` (${id} left the group)`);
  const wasWith = previousIds.map((id, i) =>
    survivor[i] !== -1 ? ` (was ${id})` : ` (was ${id}, who left)`,
  );

  const perLane: Mutable<TokenLayout>[][] = [];
  for (let i = 0; i <= memberCount; i++) perLane.push([]);
  const problems = new Int32Array(memberCount + 1);
  const stateCounts = new Int32Array(TOKEN_STATES.length);
  const orphans: Mutable<TokenLayout>[] = [];
  const one = [0];
  const onePrevious = [0];
  const unassignedLane = perLane[0] as Mutable<TokenLayout>[];
  const takes = new Uint8Array(memberCount);

  for (const topic of [...now.topics.keys()].sort(compareCodeUnits)) {
    const owners = now.topics.get(topic) as TopicOwners;
    const beforeOwners = before?.topics.get(topic);
    const color = colors.get(topic) as string;
    const pattern = patterns.get(topic) as TopicPattern;
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
      if (++pace.work === STEP_WORK) {
        pace.work = 0;
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
          pattern,
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
          pattern,
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
  return { perLane, problems, stateCounts, orphans };
}
