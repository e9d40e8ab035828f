/**
 * Browser benchmark: frames per second while the page animates a 10k-partition rebalance,
 * and the longest main-thread task while a 100k-partition scenario is replayed in the
 * worker and drawn. Runs the production build in Debian's Chromium through Playwright.
 *
 *   npm run bench:browser -- [--json]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { serializeScenario } from '../src/scenario/file';
import type { Scenario } from '../src/scenario/types';

const PORT = 4181;
const CHROMIUM = CHROMIUM_PATH;

/** `topics` topics of `partitions` partitions, `members` members all subscribed; then one leaves. */
function bigScenario(topics: number, partitions: number, members: number): Scenario {
  const names = Array.from({ length: topics }, (_, i) => `t${String(i).padStart(3, '0')}`);
  const ids = Array.from({ length: members }, (_, i) => `consumer-${String(i).padStart(3, '0')}`);
  return {
    name: `${topics} x ${partitions} partitions, ${members} members`,
    userDataMode: 'aiokafka',
    cluster: Object.fromEntries(names.map((t) => [t, partitions])),
    steps: [
      { changes: ids.map((member) => ({ type: 'join' as const, member, subscription: names })) },
      { changes: [{ type: 'leave', member: ids[Math.floor(members / 2)] as string }] },
    ],
  };
}

async function importScenario(page: Page, scenario: Scenario): Promise<void> {
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'bench.json',
    mimeType: 'application/json',
    buffer: Buffer.from(serializeScenario(scenario)),
  });
}

// Page scripts are strings: tsx would otherwise wrap named functions in a helper that
// does not exist inside the page.
const WATCH_LONG_TASKS = `
  window.__longTasks = { longest: 0, count: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__longTasks.count++;
      window.__longTasks.longest = Math.max(window.__longTasks.longest, entry.duration);
    }
  }).observe({ type: 'longtask', buffered: false });
`;

const COUNT_FRAMES = (ms: number) => `
  window.__frames = [];
  const begin = performance.now();
  requestAnimationFrame(function tick(now) {
    window.__frames.push(now);
    if (now - begin < ${ms}) requestAnimationFrame(tick);
  });
`;

/** Starts collecting long tasks (and their maximum) in the page. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(WATCH_LONG_TASKS);
}

async function readLongTasks(page: Page): Promise<{ longest: number; count: number }> {
  return (await page.evaluate('window.__longTasks')) as { longest: number; count: number };
}

/** Counts animation frames for `ms` after `start()` runs; returns frames per second. */
async function framesPerSecond(
  page: Page,
  ms: number,
  start: () => Promise<void>,
): Promise<number> {
  await page.evaluate(COUNT_FRAMES(ms));
  await start();
  await page.waitForTimeout(ms + 200);
  const frames = (await page.evaluate('window.__frames')) as number[];
  const span = (frames[frames.length - 1] ?? 0) - (frames[0] ?? 0);
  return span > 0 ? ((frames.length - 1) * 1000) / span : 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}; run make chromium`);
  if (!existsSync('dist/index.html'))
    throw new Error('no production build: run npm run build first');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'no-preference',
    });
    for (let i = 0; i < 50; i++) {
      try {
        await page.goto(`http://localhost:${PORT}/`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const generationLabel = page.getByTestId('generation-label');

    // 10k tokens: 100 topics x 100 partitions, 100 members; animate the step where one leaves.
    await importScenario(page, bigScenario(100, 100, 100));
    await page
      .locator('[data-renderer="canvas"][data-tokens="10000"]')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const fps = await framesPerSecond(page, 1400, () =>
      page.getByRole('button', { name: 'Next generation' }).click(),
    );
    await generationLabel.filter({ hasText: 'Generation 2 of 2' }).waitFor();

    // 100k partitions: 100 topics x 1000 partitions, 100 members, replayed by three assignors.
    await watchLongTasks(page);
    const started = Date.now();
    await importScenario(page, bigScenario(100, 1000, 100));
    await page
      .locator('[data-renderer="canvas"][data-tokens="100000"]')
      .first()
      .waitFor({ timeout: 120_000 });
    const shownAfterMs = Date.now() - started;
    await page.waitForTimeout(500);
    const longTasks = await readLongTasks(page);

    const result = {
      fps10k: Math.round(fps * 10) / 10,
      longestTaskMs100k: Math.round(longTasks.longest),
      longTasks100k: longTasks.count,
      shown100kAfterMs: shownAfterMs,
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(`animating a 10k-partition rebalance (canvas): ${result.fps10k} frames/s`);
      console.log(
        `100k-partition scenario: longest main-thread task ${result.longestTaskMs100k} ms ` +
          `(${result.longTasks100k} tasks over 50 ms); drawn ${result.shown100kAfterMs} ms after import`,
      );
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
