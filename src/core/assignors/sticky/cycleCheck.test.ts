import { describe, expect, it } from 'vitest';
import { CycleCheck, type ReassignmentState } from './cycleCheck';

/** A check over a scripted sequence of states, one per pass. */
function checkOver(states: readonly number[][]) {
  let pass = 0;
  const state = (): ReassignmentState => ({
    owners: Int32Array.from(states[pass] as number[]),
    present: new Uint8Array(1),
    moveOrder: [],
  });
  const check = new CycleCheck(state);
  const periods: (number | undefined)[] = [];
  for (pass = 0; pass < states.length; pass++) periods.push(check.repeats());
  return periods;
}

describe('CycleCheck', () => {
  it('never fires while every pass starts from a new state', () => {
    const states = Array.from({ length: 200 }, (_, i) => [i % 7, Math.floor(i / 7)]);
    expect(checkOver(states).every((p) => p === undefined)).toBe(true);
  });

  it('recognises a back-and-forth after a lead-in, with its period', () => {
    const lead = [
      [0, 0],
      [1, 0],
      [2, 0],
    ];
    const cycle = [
      [3, 1],
      [3, 2],
    ];
    const states = [...lead, ...Array.from({ length: 10 }, (_, i) => cycle[i % 2] as number[])];
    const periods = checkOver(states);
    const first = periods.findIndex((p) => p !== undefined);
    expect(first).toBeGreaterThan(lead.length);
    expect(periods[first]).toBe(2);
  });

  it('compares the order of the movement log too, not only the owners', () => {
    let pass = 0;
    const check = new CycleCheck(() => ({
      owners: new Int32Array([1, 2]),
      present: new Uint8Array(2),
      moveOrder: pass % 2 === 0 ? [0, 1] : [1, 0],
    }));
    for (pass = 0; pass < 3; pass++) check.repeats();
    // Two orders alternate: a repetition, but only once an equal order comes round.
    expect(check.repeats()).toBe(2);
  });
});
