import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './testing';

const { write } = tempFiles('cli-diff-hostile-');

describe('cli diff on hostile results files', () => {
  it('exits 2 with a message on JSON nested 20,000 deep (not a stack overflow, not "different")', async () => {
    const deep = `{"format":"rebalance-playground/results","version":1,"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const path = write('deep.json', deep);
    const { code, err } = await runCli('diff', path, path);
    expect(code).toBe(2);
    expect(err).toMatch(/deep\.json: the JSON is nested more than 100 levels deep/);
  });

  it('exits 2 with a message on an assignment keyed "__proto__" that is not an object of topics', async () => {
    const file = `{"format":"rebalance-playground/results","version":1,"scenario":{"name":"x","fingerprint":"sha256:${'0'.repeat(64)}"},"assignor":"sticky","generations":[{"generation":1,"summary":"","assignment":{"__proto__":5},"metrics":{"moved":0,"kept":0,"unownedDuringRebalance":0,"unassigned":0,"assigned":0,"partitions":0,"spread":0,"balanceScore":0,"isSticky":true}}]}`;
    const path = write('proto.json', file);
    const { code, err } = await runCli('diff', path, path);
    expect(code).toBe(2);
    expect(err).toMatch(/proto\.json: at generations\[0\]\.assignment\.__proto__: /);
  });
});
