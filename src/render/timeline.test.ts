import { describe, expect, it } from 'vitest';
import { computeGroupLayout } from './layout';
import { easeInOut, flightPoint, planAnimation, stageProgress } from './timeline';

const member = (id: string, partitions: number[]) => ({
  id,
  assignment: [['t', partitions]] as const,
});
const before = { cluster: { t: 4 }, members: [member('A', [0, 1]), member('B', [2, 3])] };

describe('planAnimation', () => {
  it('gathers first when a member left, and fills the whole duration', () => {
    const left = computeGroupLayout({
      previous: before,
      current: { cluster: { t: 4 }, members: [member('A', [0, 1, 2, 3])] },
    });
    const plan = planAnimation(left, 1000);
    expect(plan.gather).toEqual({ start: 0, duration: 350 });
    expect(plan.move.start).toBe(350);
    expect(plan.settle.start).toBe(350);
    expect(plan.settle.duration).toBeLessThan(plan.move.duration);
    expect(plan.appear.start + plan.appear.duration).toBe(1000);
  });

  it('skips the gather stage when nobody left', () => {
    const same = computeGroupLayout({ previous: before, current: before });
    const plan = planAnimation(same, 1000);
    expect(plan.gather.duration).toBe(0);
    expect(plan.move.start).toBe(0);
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

  it('eases and clamps progress', () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5);
    expect(stageProgress({ start: 100, duration: 100 }, 50)).toBe(0);
    expect(stageProgress({ start: 100, duration: 100 }, 150)).toBe(0.5);
    expect(stageProgress({ start: 100, duration: 0 }, 100)).toBe(1);
  });
});
