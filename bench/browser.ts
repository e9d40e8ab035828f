/**
 * Browser benchmark: frames per second while the page animates a 10k-partition rebalance,
 * and the longest main-thread task while a 100k-partition scenario is replayed in the
 * worker and drawn. Runs the production build in Debian's Chromium through Playwright.
 *
 *   BENCH_PORT=4181 npm run bench:browser -- [--json] [--trace] [--profile]
 *
 * Import times (10k and 100k partitions, median of 3) run from setting the file on the
 * import input to the canvas showing the first generation's tokens; targets beside them.
 * `--profile` writes Chrome CPU profiles of the page's main thread and of the replay worker
 * during one 100k import to `bench-profile-{main,worker}.cpuprofile` in the temp directory (open them in
 * Chrome DevTools' Performance panel or speedscope).
 *
 * The Long Tasks API only sees tasks of 50 ms and more. `--trace` also records a Chrome trace
 * (category `toplevel`: one event per task, little overhead) and reports the longest
 * main-thread task whatever its length, for the 100k import and for stepping on to its second
 * generation (an animated 100k-partition rebalance). Tracing slows the page down a little.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config';
import { serializeScenario } from '../src/scenario/file';
import type { Scenario } from '../src/scenario/types';

const PORT = Number(process.env.BENCH_PORT ?? 4181);
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

const RUNS = 3;

async function importText(page: Page, text: string): Promise<void> {
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'bench.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * CPU profiles of the page's main thread and of its dedicated worker while `work` runs,
 * written to bench-profile-main.cpuprofile and bench-profile-worker.cpuprofile in the temp directory. The worker
 * (the replay worker, not the parse worker) is reached through the page's CDP session
 * (non-flat target messages).
 */
async function profile(page: Page, work: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const workerTarget = targetInfos.find((t) => t.type === 'worker' && t.url.includes('replay'));
  let sendToWorker: ((method: string) => Promise<unknown>) | undefined;
  if (workerTarget !== undefined) {
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: workerTarget.targetId,
      flatten: false,
    })) as { sessionId: string };
    let next = 1;
    const waiting = new Map<number, (result: unknown) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) waiting.get(message.id)?.(message.result);
    });
    sendToWorker = (method) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method }),
        });
      });
  }
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await sendToWorker?.('Profiler.enable');
  await sendToWorker?.('Profiler.start');
  await work();
  const main = (await cdp.send('Profiler.stop')) as { profile: unknown };
  writeFileSync(join(tmpdir(), 'bench-profile-main.cpuprofile'), JSON.stringify(main.profile));
  if (sendToWorker !== undefined) {
    const worker = (await sendToWorker('Profiler.stop')) as { profile: unknown };
    writeFileSync(
      join(tmpdir(), 'bench-profile-worker.cpuprofile'),
      JSON.stringify(worker.profile),
    );
  }
  await cdp.detach();
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

const CLICK_NEXT_GENERATION = `document.querySelector('button[aria-label="Next generation"]').click()`;

const COUNT_FRAMES = (ms: number) => `
  window.__frames = [];
  const begin = performance.now();
  requestAnimationFrame(function tick(now) {
    window.__frames.push(now);
    if (now - begin < ${ms}) requestAnimationFrame(tick);
  });
`;

/** Main-thread tasks in a trace, as the Long Tasks API sees them but of any length. */
interface TracedTasks {
  longestMs: number;
  over50: number;
  over30: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Top-level tasks of the page's main thread (the renderer main thread with most of them). */
function tracedTasks(trace: Buffer): TracedTasks {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tops = new Map<string, { ts: number; dur: number }[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(thread)) continue;
    if (
      e.name !== 'ThreadControllerImpl::RunTask' &&
      e.name !== 'RunTask' &&
      e.name !== 'BlinkScheduler_PerformMicrotaskCheckpoint'
    )
      continue;
    const list = tops.get(thread) ?? [];
    list.push({ ts: e.ts, dur: e.dur });
    tops.set(thread, list);
  }
  const busiest = [...tops.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  // Only outermost events: a microtask checkpoint inside a task is part of it.
  busiest.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks: number[] = [];
  let end = -Infinity;
  for (const { ts, dur } of busiest) {
    if (ts + dur <= end) continue;
    tasks.push(dur / 1000);
    end = ts + dur;
  }
  return {
    longestMs: Math.round(Math.max(0, ...tasks)),
    over50: tasks.filter((ms) => ms >= 50).length,
    over30: tasks.filter((ms) => ms >= 30).length,
  };
}

/** Runs `work` while Chrome traces its tasks; returns them. */
async function traceTasks(
  browser: Browser,
  page: Page,
  work: () => Promise<void>,
): Promise<TracedTasks> {
  await browser.startTracing(page, { categories: ['toplevel'] });
  try {
    await work();
  } catch (error) {
    await browser.stopTracing();
    throw error;
  }
  return tracedTasks(await browser.stopTracing());
}

function describeTasks(label: string, t: TracedTasks): string {
  return (
    `${label}, traced: longest main-thread task ${t.longestMs} ms ` +
    `(${t.over50} tasks over 50 ms, ${t.over30} over 30 ms)`
  );
}

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
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      trace: { type: 'boolean' },
      profile: { type: 'boolean' },
    },
  });
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}; run make chromium`);
  if (!existsSync('dist/index.html'))
    throw new Error('no production build: run npm run build first');
  // Vite's own entry point run by this Node, not through npx, so killing it stops the server.
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'],
    { stdio: 'ignore' },
  );
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
    const tiny = serializeScenario(bigScenario(1, 1, 1));

    // Import times are taken in the page, on its own clock: from the file input's change
    // event to the frame after the canvas shows the new token count. Timing from here would
    // add the file's trip over the DevTools protocol and Playwright's polling back-off (up to
    // half a second), which is neither the page's work nor what a user waits for.
    await page.evaluate(() => {
      const w = window as unknown as {
        importTiming: { want: string; change?: number; drawn?: number };
      };
      w.importTiming = { want: '' };
      document.addEventListener(
        'change',
        () => {
          w.importTiming = { want: w.importTiming.want, change: performance.now() };
        },
        true,
      );
      new MutationObserver(() => {
        const t = w.importTiming;
        if (t.change === undefined || t.drawn !== undefined) return;
        const canvas = document.querySelector(`[data-renderer="canvas"][data-tokens="${t.want}"]`);
        if (canvas === null) return;
        t.drawn = -1; // seen; the paint lands in the next frame
        requestAnimationFrame(() => requestAnimationFrame(() => (t.drawn = performance.now())));
      }).observe(document, {
        subtree: true,
        attributes: true,
        childList: true,
        attributeFilter: ['data-tokens', 'data-renderer'],
      });
    });

    /** Milliseconds from setting the file to the canvas drawing the first generation. */
    const timeImport = async (scenario: Scenario, tokens: number): Promise<number> => {
      // Back to a one-partition scenario first, so the big one's canvas is really new.
      await importText(page, tiny);
      await page.locator('[data-tokens="1"]').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      const text = serializeScenario(scenario);
      await page.evaluate((want) => {
        (window as unknown as { importTiming: { want: string } }).importTiming = { want };
      }, String(tokens));
      await importText(page, text);
      await page
        .locator(`[data-renderer="canvas"][data-tokens="${tokens}"]`)
        .first()
        .waitFor({ timeout: 120_000 });
      const ms = await page.waitForFunction(() => {
        const t = (window as unknown as { importTiming: { change?: number; drawn?: number } })
          .importTiming;
        return t.change !== undefined && t.drawn !== undefined && t.drawn > 0
          ? Math.round(t.drawn - t.change)
          : undefined;
      });
      await page.waitForTimeout(500);
      return (await ms.jsonValue()) as number;
    };

    // 10k tokens: 100 topics x 100 partitions, 100 members; animate the step where one leaves.
    const import10k: number[] = [];
    for (let i = 0; i < RUNS; i++)
      import10k.push(await timeImport(bigScenario(100, 100, 100), 10_000));
    const fps = await framesPerSecond(page, 1400, () =>
      page.getByRole('button', { name: 'Next generation' }).click(),
    );
    await generationLabel.filter({ hasText: 'Generation 2 of 2' }).waitFor();

    // 100k partitions: 100 topics x 1000 partitions, 100 members, replayed by three assignors.
    const import100k: number[] = [];
    await watchLongTasks(page);
    for (let i = 0; i < RUNS; i++)
      import100k.push(await timeImport(bigScenario(100, 1000, 100), 100_000));
    const longTasks = await readLongTasks(page);
    const traced100k = values.trace
      ? await traceTasks(browser, page, async () => {
          await timeImport(bigScenario(100, 1000, 100), 100_000);
        })
      : undefined;
    if (values.profile)
      await profile(page, async () => {
        await timeImport(bigScenario(100, 1000, 100), 100_000);
      });

    // With --trace: the animated rebalance within the 100k scenario (a member leaves).
    const tracedStep = values.trace
      ? await traceTasks(browser, page, async () => {
          // A plain click: a role query would scan the page's big DOM inside the trace.
          await page.evaluate(CLICK_NEXT_GENERATION);
          await generationLabel.filter({ hasText: 'Generation 2 of 2' }).waitFor();
          await page.waitForTimeout(2500);
        })
      : undefined;

    const result = {
      fps10k: Math.round(fps * 10) / 10,
      longestTaskMs100k: Math.round(longTasks.longest),
      longTasks100k: longTasks.count,
      import10kMs: median(import10k),
      import100kMs: median(import100k),
      import10kRunsMs: import10k,
      import100kRunsMs: import100k,
      ...(traced100k ? { traced100k } : {}),
      ...(tracedStep ? { tracedStep100k: tracedStep } : {}),
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(
        `animating a 10k-partition rebalance (canvas): ${result.fps10k} frames/s (target 60)`,
      );
      console.log(
        `10k-partition import to first generation drawn: ${result.import10kMs} ms ` +
          `(median of ${import10k.join(', ')}; target ≤ 300 ms)`,
      );
      console.log(
        `100k-partition import to first generation drawn: ${result.import100kMs} ms ` +
          `(median of ${import100k.join(', ')}; target ≤ 1000 ms)`,
      );
      console.log(
        `100k-partition imports: longest main-thread task ${result.longestTaskMs100k} ms ` +
          `(${result.longTasks100k} tasks over 50 ms; target none over 50 ms)`,
      );
      if (traced100k) console.log(describeTasks('100k-partition scenario', traced100k));
      if (tracedStep)
        console.log(describeTasks('100k-partition rebalance (one member leaves)', tracedStep));
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
