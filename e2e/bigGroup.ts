import { expect, type Page } from '@playwright/test';
import { openApp, primaryPanel } from './pages';

/** Scenarios the accessibility specs share: imported from a file, as a user would. */

export async function importScenario(page: Page, scenario: object) {
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
