/**
 * Re-takes the README's and docs' pictures from the production build, so they show the page as
 * it is rather than as it was when someone last took them by hand:
 *
 *   npm run build && npx tsx scripts/readme-images.ts            # all of them
 *   npm run build && npx tsx scripts/readme-images.ts protocols  # only the named ones
 *
 * Same Chromium, viewport and font as the screenshot suite; animations off.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config';

const PORT = 4182;
const BASE = `http://localhost:${PORT}`;
const OUT = resolve(import.meta.dirname, '..', 'docs', 'images');

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`vite preview did not answer on ${BASE}`);
}

async function open(page: Page): Promise<void> {
  await page.goto(`${BASE}/?animations=off`);
  await page.locator('article.group-panel [data-topic]').first().waitFor();
  await page.evaluate(() => document.fonts.ready);
}

async function playground(page: Page): Promise<void> {
  await open(page);
  await page.getByRole('checkbox', { name: 'Show roundrobin' }).check();
  await page.getByRole('button', { name: 'Next generation' }).click();
  await page.getByTestId('generation-label').getByText('Generation 2 of 4').waitFor();
  await page.screenshot({ path: resolve(OUT, 'playground.png') });
}

async function diff(page: Page): Promise<void> {
  await open(page);
  await page.getByLabel('Diff against').selectOption('assignor:roundrobin');
  await page.getByRole('button', { name: 'Last generation' }).click();
  await page.locator('[data-highlighted="true"]').first().waitFor();
  await page.screenshot({ path: resolve(OUT, 'diff.png') });
}

async function customAssignor(page: Page): Promise<void> {
  await open(page);
  await page.getByRole('button', { name: 'Custom assignor' }).click();
  await page
    .getByLabel('Examples')
    .selectOption({ label: 'Broken: gives one partition to two members' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page
    .getByText(/generations? gave an invalid assignment|invalid/)
    .first()
    .waitFor();
  await page.screenshot({ path: resolve(OUT, 'custom-assignor.png') });
}

/** Eager beside cooperative on the default scenario, in round 1 of "C3 joins". */
async function protocols(page: Page): Promise<void> {
  await open(page);
  await page.getByLabel('Rebalance protocol').selectOption({ label: 'eager (aiokafka)' });
  await page.getByLabel('Compare with protocol').selectOption({ label: 'cooperative (KIP-429)' });
  await page.getByLabel('Step through rounds (◀ ▶, ← →)').check();
  await page.getByRole('button', { name: 'Next generation' }).click();
  await page.getByTestId('generation-label').getByText('Generation 2 of 4').waitFor();
  const view = page.getByRole('region', { name: 'Protocol rounds' });
  await view
    .locator('[aria-pressed="true"]')
    .first()
    .getByText(/^Round 1/)
    .waitFor();
  await view.screenshot({ path: resolve(OUT, 'protocols.png') });
  await page
    .getByRole('table', { name: 'Protocol metrics' })
    .screenshot({ path: resolve(OUT, 'protocol-metrics.png') });
}

/** The KIP-848 lesson, answered, in round 1: C2 waits for partitions C0 and C1 still hold. */
async function consumerProtocol(page: Page): Promise<void> {
  await page.goto(`${BASE}/?animations=off#lesson=kip848-reconciliation`);
  await page.getByRole('radio', { name: /^Only after C0 and C1/ }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByTestId('generation-label').getByText('Generation 2 of 2').waitFor();
  const view = page.getByRole('region', { name: 'Protocol rounds' });
  await view.getByRole('button', { name: /^Round 1/ }).click();
  await page.evaluate(() => document.fonts.ready);
  await view.screenshot({ path: resolve(OUT, 'protocol-consumer.png') });
}

/** The Java-sticky lesson, answered: Kafka's Java sticky beside aiokafka's on the stale member. */
async function javaAssignors(page: Page): Promise<void> {
  await page.goto(`${BASE}/?animations=off#lesson=java-sticky-stale`);
  await page.getByRole('radio', { name: 'One partition' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByTestId('generation-label').getByText('Generation 4 of 4').waitFor();
  await page
    .locator('article.group-panel[data-assignor="java-sticky"] [data-topic]')
    .first()
    .waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page
    .getByRole('region', { name: 'Consumer group' })
    .screenshot({ path: resolve(OUT, 'java-assignors.png') });
}

const TAKES = { playground, diff, customAssignor, protocols, consumerProtocol, javaAssignors };
const wanted = process.argv.slice(2);
for (const name of wanted)
  if (!Object.hasOwn(TAKES, name))
    throw new Error(`no picture "${name}"; there are: ${Object.keys(TAKES).join(', ')}`);

// Its own process group, so stopping it also stops the vite process npx starts.
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
    colorScheme: 'light',
  });
  const takes = Object.entries(TAKES)
    .filter(([name]) => wanted.length === 0 || wanted.includes(name))
    .map(([, take]) => take);
  for (const take of takes) {
    const page = await context.newPage();
    await take(page);
    await page.close();
    console.log(`${take.name}: written`);
  }
  await browser.close();
} finally {
  if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
}
