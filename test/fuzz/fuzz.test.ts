import { expect, it } from 'vitest';
import { runFuzz } from './hostileInputs';

it('2,000 seeded hostile scenario files, links, results files and autosaves: none crashes or loses work', async () => {
  const report = await runFuzz(2000);
  expect(report.crashes).toEqual([]);
  // The mutations must really exercise both paths, or the run proves little.
  expect(report.accepted).toBeGreaterThan(100);
  expect(report.refused).toBeGreaterThan(500);
}, 120_000);
