import { describe, expect, it } from 'vitest';
import { computeGroupLayout } from './layout';
import { flightPoint, planAnimation, stageProgress } from './timeline';

const member = (id: string, partitions: number[]) => ({
  id,
  assignment: [['t', partitions]] as const,
});
const before = { cluster: { t: 4 }, members: [member('A', [0, 1]), member('B', [2, 3])] };

describe('planAnimation', () => {
  const left = computeGroupLayout({
    previous: before,
    current: { cluster: { t: 4 }, members: [member('A', [0, 1, 2, 3])] },
  });
  const joined = computeGroupLayout({
    previous: before,
    current: {
      cluster: { t: 4 },
      members: [member('A', [0]), member('B', [2, 3]), member('C', [1])],
    },
  });
  const end = (stage: { start: number; duration: number }) => stage.start + stage.duration;

  it('runs one stage after the other, filling the whole duration', () => {
    for (const layout of [left, joined]) {
      const plan = planAnimation(layout, 1000);
      expect(plan.gather.start).toBe(0);
      expect(plan.reflow.start).toBe(end(plan.gather));
      expect(plan.move.start).toBe(end(plan.reflow));
      expect(plan.appear.start).toBe(end(plan.move));
      expect(end(plan.appear)).toBe(1000);
      for (const stage of [plan.reflow, plan.move, plan.appear])
        expect(stage.duration).toBeGreaterThan(0);
    }
  });

  it('gathers first when a member left, and only then lets lanes close the gap', () => {
    const plan = planAnimation(left, 1000);
    expect(plan.gather.duration).toBeGreaterThan(0);
    // Lanes move (and kept tokens with them) only after the departed lane is gone.
    expect(plan.reflow.start).toBeGreaterThanOrEqual(end(plan.gather));
    expect(plan.settle).toEqual(plan.reflow);
  });

  it('brings joined lanes in before any token flies to them; counts change on arrival', () => {
    const plan = planAnimation(joined, 1000);
    expect(plan.gather.duration).toBe(0);
    expect(end(plan.reflow)).toBeLessThanOrEqual(plan.move.start);
    expect(plan.countsAt).toBe(end(plan.move));
    expect(plan.countsAt).toBeGreaterThan(plan.move.start);
  });
});

describe('flight helpers', () => {
  it('starts and ends where asked, dipping in between when arcing', () => {
    const from = { x: 0, y: 10 };
    const to = { x: 100, y: 10 };
    expect(flightPoint(from, to, 0, true)).toEqual(from);
    expect(flightPoint(from, to, 1, true)).toEqual(to);
    expect(flightPoint(from, to, 0.5, true).y).toBeGreaterThan(10);
    expect(flightPoint(from, to, 0.5, false)).toEqual({ x: 50, y: 10 });
  });

  it('clamps progress', () => {
    expect(stageProgress({ start: 100, duration: 100 }, 50)).toBe(0);
    expect(stageProgress({ start: 100, duration: 100 }, 150)).toBe(0.5);
    expect(stageProgress({ start: 100, duration: 0 }, 100)).toBe(1);
  });
});
