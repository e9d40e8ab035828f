import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, primaryPanel } from './helpers';

/** The canvas picture (many partitions) is as usable without sight or a mouse as the SVG one. */

async function importScenario(page: Page, scenario: object) {
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'big.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ format: 'rebalance-playground/scenario', version: 1, ...scenario }),
    ),
  });
  await page.getByRole('button', { name: 'Dismiss message' }).click();
}

/** 10 topics × 1000 partitions shared by `members` members: the canvas renderer. */
export async function openBigGroup(page: Page, members = 20) {
  await openApp(page);
  const topics = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`t${i}`, 1000]));
  await importScenario(page, {
    name: 'big',
    userDataMode: 'aiokafka',
    cluster: topics,
    steps: [
      {
        changes: Array.from({ length: members }, (_, i) => ({
          type: 'join',
          member: `m${i}`,
          subscription: Object.keys(topics),
        })),
      },
    ],
  });
  const group = primaryPanel(page).locator('[data-renderer]');
  await expect(group).toHaveAttribute('data-renderer', 'canvas', { timeout: 30_000 });
  await expect(group).toHaveAttribute('data-tokens', '10000', { timeout: 30_000 });
}

test('axe-core finds nothing wrong with the lanes of a 10k-partition canvas', async ({ page }) => {
  test.setTimeout(120_000);
  await openBigGroup(page, 80);
  // label-content-name-mismatch is one of axe's experimental rules: run it too.
  const results = await new AxeBuilder({ page })
    .include('[data-renderer]')
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.html.slice(0, 160)}`,
  );
  expect(summary).toEqual([]);
});
