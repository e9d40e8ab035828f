import { describe, expect, it } from 'vitest';
import { runCli } from './testing';

const KIP54 = 'e2e/fixtures/kip54-example1.json';

// Every command reads its arguments the same way; these pin the messages a user sees.
describe('cli argument errors', () => {
  it.each([
    [['replay', KIP54, '--assignor'], 'error: --assignor needs a value'],
    [['replay', KIP54, '--assignor', 'sticky', '--out'], 'error: --out needs a value'],
    [
      ['render', KIP54, '--assignor', 'sticky', '--generation'],
      'error: --generation needs a value',
    ],
    [['replay', KIP54, '--assignor', 'sticky', '--bogus'], 'error: unknown option --bogus'],
    [['render', KIP54, '--json'], 'error: unknown option --json'],
    [['diff', 'a.json', 'b.json', '--assignor', 'sticky'], 'error: unknown option --assignor'],
    [['conformance', 'x.json', '--json=yes'], 'error: --json takes no value'],
    [
      ['replay', KIP54, '--assignor', '--mode', 'fixed'],
      'error: --assignor needs a value (for one starting with "-", write --assignor=…)',
    ],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, out, err } = await runCli(...argv);
    expect(err).toBe(message);
    expect(out).toBe('');
    expect(code).toBe(2);
  });

  it('takes --name=value as well as --name value, the last one given winning', async () => {
    const { code, err } = await runCli(
      'replay',
      KIP54,
      '--assignor=fair',
      '--assignor',
      'cooperative',
      '--mode=fixed',
    );
    expect(code).toBe(2);
    expect(err).toMatch(/^error: unknown assignor "cooperative"/);
  });
});
