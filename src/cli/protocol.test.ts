import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../protocol';
import { parseResultsFile } from '../results/resultsFile';
import { runCli as run, tempFiles } from './testing';

const CHURN = 'e2e/fixtures/churn.json';
const { dir, write } = tempFiles('cli-protocol-');
const churn = JSON.parse(readFileSync(CHURN, 'utf8')) as Record<string, unknown>;
const withProtocol = (name: string, protocol: unknown) =>
  write(name, JSON.stringify({ ...churn, version: 3, protocol }));

describe('cli replay --protocol', () => {
  for (const protocol of PROTOCOLS) {
    it(`plays every generation under ${protocol} and prints its rounds and metrics`, async () => {
      const assignor = protocol === 'consumer' ? 'server-uniform' : 'sticky';
      const target = join(dir, `${protocol}.json`);
      const { code, out, err } = await run(
        'replay',
        CHURN,
        '--assignor',
        assignor,
        '--protocol',
        protocol,
        '--out',
        target,
      );
      expect(err).toBe('');
      expect(code).toBe(0);
      const results = parseResultsFile(readFileSync(target, 'utf8'));
      expect(results.protocol?.name).toBe(protocol);
      const lines = out.split('\n');
      expect(lines[0]).toMatch(new RegExp(`with ${assignor} under the ${protocol} protocol$`));
      expect(lines[1]).toBe(
        `protocol ${protocol} (heartbeat 3000 ms, poll 500 ms, rebalance 200 ms, revoke 100 ms)`,
      );
      expect(lines).toHaveLength(2 + results.generations.length);
      results.generations.forEach((g, i) => {
        const p = g.protocol!;
        const line = lines[2 + i]!;
        expect(line.startsWith(`generation ${g.generation} (${g.summary}): `)).toBe(true);
        expect(line).toContain(
          `${p.metrics.rounds} round${p.metrics.rounds === 1 ? '' : 's'} in ${p.metrics.durationMs} ms`,
        );
        if (p.metrics.unconsumedPartitions > 0)
          expect(line).toContain(`unconsumed for ${p.metrics.unconsumedPartitionMs} partition·ms`);
        for (const m of p.members.filter((member) => member.pauseMs > 0))
          expect(line).toContain(`${m.member} ${m.pauseMs} ms`);
      });
      // What each protocol is about: eager revokes everything every time; cooperative needs a
      // second round when partitions change owner; the consumer protocol reconciles in waves.
      const kinds = new Set(
        results.generations.flatMap((g) => g.protocol!.rounds.map((r) => r.kind)),
      );
      if (protocol === 'consumer') expect(kinds).toEqual(new Set(['reconcile']));
      else expect(kinds).toEqual(new Set(['join-sync']));
      const maxRounds = Math.max(...results.generations.map((g) => g.protocol!.metrics.rounds));
      if (protocol === 'eager') expect(maxRounds).toBe(1);
      if (protocol === 'cooperative') expect(maxRounds).toBe(2);
    });
  }

  it("defaults to eager, or to the scenario's protocol and server assignor", async () => {
    const eager = await run('replay', CHURN, '--assignor', 'sticky');
    expect(parseResultsFile(eager.out).protocol?.name).toBe('eager');
    const file = withProtocol('range.json', {
      name: 'consumer',
      serverAssignor: 'server-range',
      timings: { pollIntervalMs: 50 },
    });
    const fromFile = await run('replay', file);
    expect(fromFile.code).toBe(0);
    const results = parseResultsFile(fromFile.out);
    expect(results.assignor).toBe('server-range');
    expect(results.protocol).toMatchObject({ name: 'consumer', timings: { pollIntervalMs: 50 } });
    // The option wins over the file.
    const overridden = await run(
      'replay',
      file,
      '--protocol',
      'cooperative',
      '--assignor',
      'range',
    );
    expect(parseResultsFile(overridden.out).protocol?.name).toBe('cooperative');
  });

  it('refuses invalid combinations with the reason', async () => {
    const cases: [string[], string][] = [
      [
        ['--protocol', 'consumer', '--assignor', 'sticky'],
        'error: --protocol consumer cannot run "sticky": under KIP-848 the group coordinator computes the assignment with a server-side assignor; use --assignor server-uniform or server-range',
      ],
      [
        ['--assignor', 'server-uniform'],
        "error: --assignor server-uniform runs only under the consumer protocol (KIP-848's coordinator), not eager: add --protocol consumer, or pick a client assignor: range, roundrobin, sticky",
      ],
      [
        ['--protocol', 'lazy', '--assignor', 'sticky'],
        'error: --protocol must be eager, cooperative, consumer, got "lazy"',
      ],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await run('replay', CHURN, ...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(message);
    }
    const noAssignor = await run('replay', CHURN, '--protocol', 'cooperative');
    expect(noAssignor.code).toBe(2);
    expect(noAssignor.err).toMatch(/^error: --assignor is required/);
  });

  it('names the file and path of a bad protocol in a scenario', async () => {
    const file = withProtocol('bad.json', { name: 'eager', serverAssignor: 'server-range' });
    const { code, err } = await run('replay', file, '--assignor', 'sticky');
    expect(code).toBe(2);
    expect(err).toBe(
      `error: ${file}: at protocol.serverAssignor: only the consumer protocol has a server-side assignor; the eager protocol runs a client assignor in the group leader`,
    );
  });

  it('diff shows the rounds and pauses that differ between two protocols', async () => {
    const a = join(dir, 'diff-eager.json');
    const b = join(dir, 'diff-cooperative.json');
    await run('replay', CHURN, '--assignor', 'sticky', '--out', a);
    await run('replay', CHURN, '--assignor', 'sticky', '--protocol', 'cooperative', '--out', b);
    const { code, out } = await run('diff', a, b);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `A: ${a} (sticky, eager protocol)`,
      `B: ${b} (sticky, cooperative protocol)`,
    ]);
    expect(lines).toContain('generation 2 (C3 joins, reading orders only): same owners');
    expect(lines.some((l) => l.startsWith('  protocol: rounds 1 → 2 (+1), '))).toBe(true);
    expect(lines.some((l) => l.startsWith('  pause (ms): '))).toBe(true);
  });
});
