import { expect, type Page } from '@playwright/test';

/** Opens the app with animations off (the app switch), failing the test on any page error. */
export async function openApp(page: Page, path = '/?animations=off'): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Rebalance Playground' })).toBeVisible();
  return errors;
}

/** The primary (first) assignor panel. */
export function primaryPanel(page: Page) {
  return page.locator('article.group-panel').first();
}

/** Member ids of the lanes shown in a panel, in order. */
export async function laneMembers(page: Page, panel = primaryPanel(page)): Promise<string[]> {
  return panel
    .locator('[data-member]:not([data-lane="unassigned"])')
    .evaluateAll((lanes) => lanes.map((lane) => lane.getAttribute('data-member') ?? ''));
}
