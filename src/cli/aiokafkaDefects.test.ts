import { describe, expect, it } from 'vitest';
import { NON_TERMINATION_MESSAGE } from '../core/assignors';
import { parseResultsFile } from '../results/resultsFile';
import { runCli } from './testing';

const LOOP = 'test/conformance/findings/sticky-endless-loop.scenario.json';

describe("cli on aiokafka's endless loop", () => {
  it('replay writes the other generations, then exits 2 naming the defect', async () => {
    const { code, out, err } = await runCli('replay', LOOP, '--assignor', 'sticky');
    expect(code).toBe(2);
    expect(err).toBe(`error: generation 3: ${NON_TERMINATION_MESSAGE} (--mode fixed corrects it)`);
    const results = parseResultsFile(out);
    expect(results.generations).toHaveLength(6);
  });

  it('replay --mode fixed ends the loop and exits 0', async () => {
    const { code, err } = await runCli('replay', LOOP, '--assignor', 'sticky', '--mode', 'fixed');
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('replay refuses an unknown mode', async () => {
    const { code, err } = await runCli('replay', LOOP, '--assignor', 'sticky', '--mode', 'best');
    expect(code).toBe(2);
    expect(err).toBe('error: --mode must be faithful or fixed, got "best"');
  });

  it('conformance on the shared reproducer exits 2 with the same message', async () => {
    const path = 'test/conformance/findings/sticky-endless-loop-small.json';
    const { code, err } = await runCli('conformance', path);
    expect(code).toBe(2);
    expect(err).toBe(`error: ${path}: ${NON_TERMINATION_MESSAGE} (1 generation)`);
  });
});
