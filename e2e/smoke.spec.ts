import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

test('the shell page loads', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto('/');

  await expect(page).toHaveTitle('Rebalance Playground');
  await expect(page.getByRole('heading', { level: 1, name: 'Rebalance Playground' })).toBeVisible();

  // Not a baseline: a picture for a human to look at.
  await page.screenshot({ path: resolve(testInfo.project.outputDir, 'smoke.png'), fullPage: true });

  expect(errors).toEqual([]);
});
