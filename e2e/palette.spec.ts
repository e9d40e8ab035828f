import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, primaryPanel } from './pages';

/** Topics are told apart by more than colour: each has a pattern, on tokens and in the legend. */

async function importScenario(page: Page, scenario: object) {
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'palette.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ format: 'rebalance-playground/scenario', version: 1, ...scenario }),
    ),
  });
  await page.getByRole('button', { name: 'Dismiss message' }).click();
}

const TOPICS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];

test('eight topics differ in pattern as well as colour, in the lanes and the legend', async ({
  page,
}) => {
  await openApp(page);
  await importScenario(page, {
    name: 'palette',
    userDataMode: 'aiokafka',
    cluster: Object.fromEntries(TOPICS.map((t) => [t, 4])),
    steps: [
      {
        changes: ['A', 'B'].map((member) => ({ type: 'join', member, subscription: TOPICS })),
      },
    ],
  });
  const panel = primaryPanel(page);
  await expect(panel.locator('rect.token')).toHaveCount(32);
  const patterns = new Map<string, string>();
  for (const topic of TOPICS) {
    const tokens = panel.locator(`rect.token[data-topic="${topic}"]`);
    await expect(tokens).toHaveCount(4);
    const pattern = (await tokens.first().getAttribute('data-pattern')) ?? '';
    patterns.set(topic, pattern);
    // Every token of a topic wears the same pattern; a patterned one is painted with it.
    for (const token of await tokens.all()) {
      await expect(token).toHaveAttribute('data-pattern', pattern);
      if (pattern !== 'plain') await expect(token).toHaveAttribute('fill', /^url\(#.+\)$/);
    }
    // The legend shows the same pattern and colour next to the topic's name.
    const swatch = page
      .locator('.group-legend span', { hasText: new RegExp(`^${topic}$`) })
      .locator('svg > rect');
    await expect(swatch).toHaveAttribute('data-pattern', pattern);
    await expect(swatch).toHaveAttribute(
      'data-color',
      (await tokens.first().getAttribute('data-color')) ?? '',
    );
  }
  expect(new Set(patterns.values()).size).toBe(TOPICS.length);
  // The pattern is really drawn: a patterned token's pixels are not all one colour.
  const patterned = panel.locator('rect.token[data-topic="t1"]').first();
  const shot = await patterned.screenshot();
  const colours = await page.evaluate(async (png) => {
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(2, 2, img.width - 4, img.height - 4).data;
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  }, shot.toString('base64'));
  expect(colours).toBeGreaterThan(2);
  await panel.screenshot({ path: '/tmp/a11y-render-palette.png' });
});
