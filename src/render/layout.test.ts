import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { partitionKey, replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { fitLabel } from './geometry';
import { laneAt, tokenAt } from './hitTest';
import { topicPalette } from './topicColors';
import {
  computeGroupLayout,
  tokenLabel,
  type GroupLayout,
  type LayoutGenerationInput,
  type TokenLayout,
} from './layout';

const all = ['t0', 't1', 't2'];

function member(id: string, assignment: Record<string, number[]>, subscription = all) {
  return { id, subscription, assignment: Object.entries(assignment) };
}

function token(layout: GroupLayout, topic: string, partition: number, owner?: string) {
  const found = layout.tokens.filter(
    (t) =>
      t.topic === topic && t.partition === partition && (owner === undefined || t.owner === owner),
  );
  expect(found, `${topic}-${partition}@${owner ?? '*'}`).toHaveLength(1);
  return found[0] as TokenLayout;
}

const previous: LayoutGenerationInput = {
  cluster: { t0: 2, t1: 2 },
  members: [member('A', { t0: [0, 1] }), member('B', { t1: [0] }), member('C', { t1: [1] })],
};

const current: LayoutGenerationInput = {
  cluster: { t0: 2, t1: 2, t2: 2 },
  members: [
    member('A', { t0: [0] }),
    member('B', { t0: [1], t1: [1] }),
    member('D', { t2: [0] }),
    member('E', {}),
  ],
};

describe('computeGroupLayout', () => {
  const layout = computeGroupLayout({ current, previous });

  it('makes one token per partition, owned by its member', () => {
    expect(layout.tokens).toHaveLength(6);
    expect(new Set(layout.tokens.map((t) => t.key)).size).toBe(6);
    expect(token(layout, 't0', 0).owner).toBe('A');
    expect(token(layout, 't0', 0).key).toBe(partitionKey('t0', 0));
    expect(token(layout, 't0', 1).owner).toBe('B');
    expect(token(layout, 't1', 0).owner).toBe('');
  });

  it('classifies tokens against the previous generation', () => {
    const states = Object.fromEntries(
      layout.tokens.map((t) => [`${t.topic}-${t.partition}`, t.state]),
    );
    expect(states).toEqual({
      't0-0': 'kept',
      't0-1': 'moved', // A is still in the group
      't1-0': 'unassigned', // B had it, nobody has it now
      't1-1': 'orphaned', // C left
      't2-0': 'new', // did not exist
      't2-1': 'unassigned',
    });
    expect(token(layout, 't0', 1).previousOwner).toBe('A');
    expect(tokenLabel(token(layout, 't0', 1))).toBe('t0-1 → B (moved from A)');
    expect(tokenLabel(token(layout, 't1', 1))).toBe('t1-1 → B (C left the group)');
    expect(tokenLabel(token(layout, 't1', 0))).toBe('t1-0: no owner (was B)');
    expect(layout.counts).toEqual({
      kept: 1,
      moved: 1,
      orphaned: 1,
      new: 1,
      unassigned: 2,
      duplicate: 0,
      misassigned: 0,
    });
  });

  it('puts lanes in JoinGroup order after the unassigned lane, and flags idle and joined members', () => {
    expect(layout.lanes.map((l) => [l.kind, l.id])).toEqual([
      ['unassigned', ''],
      ['member', 'A'],
      ['member', 'B'],
      ['member', 'D'],
      ['member', 'E'],
    ]);
    expect(layout.lanes.map((l) => l.load)).toEqual([2, 1, 2, 1, 0]);
    expect(layout.lanes.map((l) => l.idle)).toEqual([false, false, false, false, true]);
    expect(layout.lanes.map((l) => l.joined)).toEqual([false, false, false, true, true]);
    const xs = layout.lanes.map((l) => l.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const t of layout.tokens) expect(layout.lanes[t.lane]?.id).toBe(t.owner);
  });

  it('lists departed members and deleted partitions', () => {
    // Where C's lane was in the previous generation's layout.
    const was = computeGroupLayout({ current: previous }).lanes.find((l) => l.id === 'C')!;
    expect(layout.departed).toEqual([
      { id: 'C', load: 1, x: was.x, y: was.y, width: was.width, height: was.height },
    ]);
    const shrunk = computeGroupLayout({
      previous: current,
      current: { cluster: { t0: 2 }, members: [member('A', { t0: [0, 1] })] },
    });
    expect(shrunk.deleted.map((d) => [d.topic, d.partition, d.previousOwner])).toEqual([
      ['t1', 0, ''],
      ['t1', 1, 'B'],
      ['t2', 0, 'D'],
      ['t2', 1, ''],
    ]);
    expect(shrunk.departed.map((d) => d.id)).toEqual(['B', 'D', 'E']);
  });

  it('gives orphaned tokens a stop in the unassigned lane, after its own tokens', () => {
    const orphan = token(layout, 't1', 1);
    const lane = layout.lanes[0]!;
    expect(orphan.via).toBeDefined();
    expect(orphan.via!.x).toBeGreaterThanOrEqual(lane.x);
    expect(orphan.via!.x + orphan.size).toBeLessThanOrEqual(lane.x + lane.width);
    expect(orphan.via!.y + orphan.size).toBeLessThanOrEqual(layout.bodyTop + layout.bodyHeight);
    const own = layout.tokens.filter((t) => t.lane === 0);
    for (const t of own) expect([t.x, t.y]).not.toEqual([orphan.via!.x, orphan.via!.y]);
    expect(layout.tokens.filter((t) => t.state !== 'orphaned').every((t) => !t.via)).toBe(true);
  });

  it('sorts each lane by topic then partition, in a grid that fits the lane', () => {
    const big = computeGroupLayout({
      current: {
        cluster: { b: 30, a: 30 },
        members: [member('X', { b: [3, 1, 2], a: [10, 0] }, ['a', 'b'])],
      },
    });
    const lane = big.tokens.filter((t) => t.owner === 'X');
    expect(lane.map((t) => `${t.topic}${t.partition}`)).toEqual(['a0', 'a10', 'b1', 'b2', 'b3']);
    for (const t of big.tokens) {
      const l = big.lanes[t.lane]!;
      expect(t.x).toBeGreaterThanOrEqual(l.x);
      expect(t.x + t.size).toBeLessThanOrEqual(l.x + l.width);
      expect(t.y).toBeGreaterThanOrEqual(l.bodyY);
      expect(t.y + t.size).toBeLessThanOrEqual(l.bodyY + big.bodyHeight);
    }
    // No two tokens on one spot.
    expect(new Set(big.tokens.map((t) => `${t.x},${t.y}`)).size).toBe(big.tokens.length);
    // Reading order: rows left to right, top to bottom.
    for (let i = 1; i < lane.length; i++) {
      const [a, b] = [lane[i - 1]!, lane[i]!];
      expect(a.y < b.y || (a.y === b.y && a.x < b.x)).toBe(true);
    }
  });

  it('shrinks tokens as lanes fill up, down to the minimum', () => {
    const sized = (n: number) =>
      computeGroupLayout({
        current: {
          cluster: { t: n },
          members: [member('A', { t: Array.from({ length: n }, (_, i) => i) }, ['t'])],
        },
      });
    const sizes = [4, 100, 1000, 5000].map((n) => sized(n).tokenSize);
    expect(sizes[0]).toBe(16);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    expect(sizes[3]).toBe(4);
    expect(sized(100).bodyHeight).toBeLessThanOrEqual(320);
  });

  it('keeps lane widths within range and reports the total size', () => {
    const wide = computeGroupLayout({ current, previous }, { width: 4000 });
    expect(wide.laneWidth).toBe(160);
    expect(wide.rows).toBe(1);
    expect(wide.width).toBe(2 * 8 + 5 * 160 + 4 * 8);
    expect(wide.height).toBe(wide.bodyTop + wide.bodyHeight + 8);
    const fits = computeGroupLayout({ current, previous }, { width: 500 });
    expect(fits.rows).toBe(1);
    expect(fits.laneWidth).toBe(Math.floor((500 - 2 * 8 - 4 * 8) / 5));
    // Too narrow for one row of 90 px lanes: one lane per row, as wide as there is room.
    const narrow = computeGroupLayout({ current, previous }, { width: 200 });
    expect(narrow.rows).toBe(5);
    expect(narrow.lanesPerRow).toBe(1);
    expect(narrow.laneWidth).toBe(160);
    expect(narrow.width).toBe(2 * 8 + 160);
    expect(narrow.height).toBe(2 * 8 + 5 * narrow.rowHeight + 4 * narrow.rowGap);
  });

  it('is deterministic', () => {
    const again = computeGroupLayout(
      { current: structuredClone(current), previous: structuredClone(previous) },
      {},
    );
    expect(again).toEqual(layout);
    expect(JSON.stringify(again)).toBe(JSON.stringify(layout));
  });

  it('counts every owned partition as new without a previous generation', () => {
    const first = computeGroupLayout({ current });
    expect(first.tokens.filter((t) => t.owner !== '').every((t) => t.state === 'new')).toBe(true);
    expect(first.departed).toEqual([]);
    expect(first.deleted).toEqual([]);
    expect(first.lanes.every((l) => !l.joined)).toBe(true);
  });

  it('marks every copy of a partition given to two members, keyed apart', () => {
    const dup = computeGroupLayout({
      previous,
      current: {
        cluster: previous.cluster,
        members: [
          member('B', { t0: [0], t1: [0] }),
          member('A', { t0: [0, 1] }),
          member('C', { t1: [1] }),
        ],
      },
    });
    const copies = dup.tokens.filter((t) => t.partitionKey === partitionKey('t0', 0));
    expect(copies.map((t) => [t.owner, t.state]).sort()).toEqual([
      ['A', 'duplicate'],
      ['B', 'duplicate'],
    ]);
    // The copy with the previous owner (A) keeps the bare key; B's copy is the extra one.
    expect(token(dup, 't0', 0, 'A').key).toBe(partitionKey('t0', 0));
    expect(token(dup, 't0', 0, 'B').key).toBe(`${partitionKey('t0', 0)}\u0000B`);
    expect(tokenLabel(token(dup, 't0', 0, 'B'))).toBe('t0-0 → B (duplicate: also given to A)');
    expect(dup.counts.duplicate).toBe(2);
    expect(dup.lanes.map((l) => l.problems)).toEqual([0, 1, 1, 0]);
  });

  it('marks partitions given to a member that does not subscribe, or that do not exist', () => {
    const bad = computeGroupLayout({
      current: {
        cluster: { t0: 1, t1: 1 },
        members: [member('A', { t0: [0], t1: [0] }, ['t0']), member('B', { t0: [5], ghost: [0] })],
      },
    });
    expect(token(bad, 't1', 0).state).toBe('misassigned');
    expect(token(bad, 't0', 5).state).toBe('misassigned');
    expect(token(bad, 'ghost', 0).state).toBe('misassigned');
    expect(token(bad, 't0', 0).state).toBe('new');
    expect(bad.counts.misassigned).toBe(3);
  });

  it('colours topics by their place in the domain (first appearance), not by name', () => {
    const withDomain = (topics: string[]) =>
      computeGroupLayout({ current }, { topics }).topics.find((t) => t.topic === 't1')?.color;
    // Adding a topic at the end of the domain (one that sorts first, too) keeps t1's colour.
    expect(withDomain(['t0', 't1', 't2'])).toBe(withDomain(['t0', 't1', 't2', 'a']));
    expect(withDomain(['t1', 't0'])).toBe(topicPalette(1)[0]);
    const colors = layout.topics.map((t) => t.color);
    expect(new Set(colors).size).toBe(colors.length);
    expect(new Set(topicPalette(40)).size).toBe(40);
    for (const c of topicPalette(60)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('finds lanes and tokens under a point', () => {
    const t = token(layout, 't0', 1);
    expect(tokenAt(layout, t.x + 1, t.y + 1)?.key).toBe(t.key);
    expect(laneAt(layout, t.x, t.y)?.id).toBe('B');
    expect(laneAt(layout, t.x, layout.padding + 2)?.id).toBe('B'); // its header
    expect(laneAt(layout, 0, t.y)).toBeUndefined();
    expect(laneAt(layout, t.x, layout.height - 1)).toBeUndefined();
  });

  it('reads a replayed GenerationResult: C1 leaving under sticky', () => {
    const scenario: Scenario = {
      name: 'three members, one leaves',
      userDataMode: 'aiokafka',
      cluster: { t0: 2, t1: 2, t2: 2, t3: 2 },
      steps: [
        {
          changes: ['C0', 'C1', 'C2'].map((m) => ({
            type: 'join' as const,
            member: m,
            subscription: ['t0', 't1', 't2', 't3'],
          })),
        },
        { changes: [{ type: 'leave', member: 'C1' }] },
      ],
    };
    const [first, second] = replayAll(scenario, () => createBuiltinAssignor('sticky'));
    const result = computeGroupLayout({ current: second!, previous: first! });
    expect(result.counts.kept).toBe(second!.metrics.kept);
    expect(result.counts.moved).toBe(second!.metrics.moved);
    expect(result.counts.orphaned).toBe(3);
    expect(result.departed.map((d) => d.id)).toEqual(['C1']);
    expect(result.lanes.map((l) => l.id)).toEqual(['', 'C0', 'C2']);
  });
});

/** `count` members C1… each with `each` partitions of one topic, round robin. */
function group(count: number, each: number, ids = (i: number) => `C${i + 1}`) {
  const total = count * each;
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (let p = 0; p < total; p++) lists[p % count]!.push(p);
  return {
    cluster: { t: total },
    members: lists.map((partitions, i) => ({
      id: ids(i),
      subscription: ['t'],
      assignment: [['t', partitions]] as [string, number[]][],
    })),
  } satisfies LayoutGenerationInput;
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Lanes in reading order, inside the picture, apart; every token inside its lane's body. */
function expectTidy(l: GroupLayout, width: number) {
  expect(l.width).toBeLessThanOrEqual(width);
  const lanes = l.lanes;
  for (let i = 0; i < lanes.length; i++) {
    const lane = lanes[i]!;
    expect(lane.row).toBe(Math.floor(i / l.lanesPerRow));
    expect(lane.width).toBe(l.laneWidth);
    expect(lane.height).toBe(l.headerHeight + l.bodyHeight);
    expect(lane.bodyY).toBe(lane.y + l.headerHeight);
    expect(lane.x).toBeGreaterThanOrEqual(l.padding);
    expect(lane.x + lane.width).toBeLessThanOrEqual(l.width - l.padding);
    expect(lane.y + lane.height).toBeLessThanOrEqual(l.height - l.padding);
    if (i > 0) {
      const before = lanes[i - 1]!;
      // Left to right, then top to bottom.
      expect(lane.y > before.y || (lane.y === before.y && lane.x > before.x)).toBe(true);
    }
    for (let j = 0; j < i; j++) expect(overlaps(lane, lanes[j]!)).toBe(false);
    expect(laneAt(l, lane.x + 1, lane.y + 1)).toBe(lane);
    expect(laneAt(l, lane.x + lane.width - 1, lane.y + lane.height - 1)).toBe(lane);
  }
  expect(Math.max(...lanes.map((lane) => lane.y + lane.height)) + l.padding).toBe(l.height);
  for (const t of l.tokens) {
    const lane = lanes[t.lane]!;
    expect(t.x).toBeGreaterThanOrEqual(lane.x);
    expect(t.x + t.size).toBeLessThanOrEqual(lane.x + lane.width);
    expect(t.y).toBeGreaterThanOrEqual(lane.bodyY);
    expect(t.y + t.size).toBeLessThanOrEqual(lane.bodyY + l.bodyHeight);
  }
  expect(new Set(l.tokens.map((t) => `${t.x},${t.y}`)).size).toBe(l.tokens.length);
}

describe('computeGroupLayout: rows', () => {
  it('wraps lanes that do not fit the width into rows, in JoinGroup order', () => {
    const twelve = computeGroupLayout({ current: group(12, 5) }, { width: 950 });
    expect(twelve.rows).toBeGreaterThan(1);
    expect(twelve.lanes.map((l) => l.id)).toEqual(['', ...group(12, 5).members.map((m) => m.id)]);
    expect(twelve.lanes[0]!.kind).toBe('unassigned');
    expectTidy(twelve, 950);
    // 13 lanes do not fit one row of ≥ 90 px lanes: two rows, shared out evenly (7 and 6).
    expect(twelve.rows).toBe(2);
    expect(twelve.lanesPerRow).toBe(7);
    expect(twelve.lanes.filter((l) => l.row === 1)).toHaveLength(6);
    expect(twelve.laneWidth).toBeGreaterThanOrEqual(90);
    expect(twelve.compact).toBe(false);
    // Rows share one body height; row 1 starts a row and a gap below row 0.
    expect(twelve.lanes[7]!.y).toBe(twelve.lanes[0]!.y + twelve.rowHeight + twelve.rowGap);
    expect(twelve.lanes[7]!.x).toBe(twelve.lanes[0]!.x);
  });

  it('keeps one row, as before, while the lanes fit', () => {
    const eight = computeGroupLayout({ current: group(8, 5) }, { width: 950 });
    expect(eight.rows).toBe(1);
    expect(eight.lanes.every((l) => l.y === eight.padding && l.row === 0)).toBe(true);
    expect(eight.bodyTop).toBe(eight.padding + eight.headerHeight);
    expectTidy(eight, 950);
  });

  it('is deterministic with rows', () => {
    const input = { current: group(30, 7), previous: group(31, 6) };
    const a = computeGroupLayout(input, { width: 950 });
    const b = computeGroupLayout(structuredClone(input), { width: 950 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('moves tokens between lanes in different rows', () => {
    const before = group(12, 4);
    // C1 (row 0) hands its partitions to C12 (row 1).
    const after = structuredClone(before);
    const c12 = after.members[11]!;
    c12.assignment = [['t', [...c12.assignment[0]![1], ...after.members[0]!.assignment[0]![1]]]];
    after.members[0]!.assignment = [];
    const l = computeGroupLayout({ current: after, previous: before }, { width: 950 });
    const moved = l.tokens.filter((t) => t.state === 'moved');
    expect(moved).toHaveLength(4);
    for (const t of moved) {
      expect(t.owner).toBe('C12');
      expect(l.lanes[t.lane]!.row).toBe(1);
    }
    expect(l.lanes[1]!.idle).toBe(true);
    expectTidy(l, 950);
  });

  it('fits 100 members × 100 partitions in about 900 px at 950 px wide', () => {
    const big = computeGroupLayout({ current: group(100, 100) }, { width: 950 });
    expect(big.tokens).toHaveLength(10_000);
    expect(big.height).toBeLessThanOrEqual(900);
    expect(big.tokenSize).toBeGreaterThanOrEqual(4);
    expect(big.laneWidth).toBeGreaterThanOrEqual(60);
    // Narrower than the usual minimum: compact headers, title only.
    expect(big.compact).toBe(true);
    expect(big.headerHeight).toBeLessThan(40);
    expectTidy(big, 950);
  });

  it('gives departed lanes the place they had in the previous layout', () => {
    const before = group(12, 4);
    const after = {
      cluster: before.cluster,
      members: before.members.filter((m) => m.id !== 'C10'),
    };
    const previousLayout = computeGroupLayout({ current: before }, { width: 950 });
    const l = computeGroupLayout({ current: after, previous: before }, { width: 950 });
    const was = previousLayout.lanes.find((lane) => lane.id === 'C10')!;
    expect(was.row).toBe(1);
    expect(l.departed).toEqual([
      { id: 'C10', load: 4, x: was.x, y: was.y, width: was.width, height: was.height },
    ]);
  });

  it('finds lanes and tokens in every row', () => {
    const l = computeGroupLayout({ current: group(12, 3) }, { width: 950 });
    const last = l.lanes[12]!;
    expect(last.row).toBe(1);
    const t = l.tokens.find((tok) => tok.lane === 12)!;
    expect(tokenAt(l, t.x + 1, t.y + 1)?.key).toBe(t.key);
    expect(laneAt(l, t.x, t.y)).toBe(last);
    // Between rows, and right of the last lane in a short row: nothing.
    expect(laneAt(l, last.x + 1, last.y - l.rowGap / 2)).toBeUndefined();
    expect(laneAt(l, l.lanes[6]!.x + 1, last.y + 1)).toBeUndefined();
  });
});

describe('fitLabel', () => {
  it('keeps short labels and cuts long ones in the middle so their ends stay distinct', async () => {
    expect(fitLabel('C1', 60)).toBe('C1');
    expect(fitLabel('consumer-007', 56)).toBe('cons…007');
    expect(fitLabel('consumer-007', 56)).not.toBe(fitLabel('consumer-008', 56));
    expect(fitLabel('consumer-007', 7)).toBe('c…');
  });
});
