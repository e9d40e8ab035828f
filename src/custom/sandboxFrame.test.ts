/**
 * The sandbox frame's page allows its one inline script by hash: if the script is edited and
 * the hash is not, the frame silently never starts a worker. This keeps the two together, and
 * checks the policy denies every fetch.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandboxFrameCsp, SANDBOX_FRAME_FILE } from '../../csp.config';

const html = readFileSync(SANDBOX_FRAME_FILE, 'utf8');

describe('public/sandbox.html', () => {
  it('allows exactly its own inline script, by hash', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256')
      .update(scripts[0] ?? '')
      .digest('base64');
    expect(sandboxFrameCsp(html)).toContain(`script-src 'sha256-${hash}' 'unsafe-eval' blob:;`);
  });

  it('fetches nothing: default-src none, and no source for connect, font, img or frames', () => {
    const csp = sandboxFrameCsp(html);
    expect(csp.startsWith("default-src 'none';")).toBe(true);
    expect(csp).not.toMatch(/connect-src|font-src|img-src|frame-src|'self'|https?:/);
  });
});
