import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * axe-core over the views a learner meets: the page as it opens, a lesson, the custom-assignor
 * editor and the partition inspector. Zero violations is the bar (WCAG 2.1 A/AA rules plus
 * axe's best practices).
 */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

test.describe('accessibility (axe-core)', () => {
  test('the main page has no violations', async ({ app, page }) => {
    await app.open();
    await expect(page.getByTestId('generation-label')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test('a lesson has no violations', async ({ app, page }) => {
    await app.open();
    await app.chooseLesson('A subscription change forces revocation');
    await expect(page.getByText('C1 stops reading payments.').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test('the custom-assignor editor has no violations', async ({ app, page }) => {
    await app.open();
    await page.getByRole('button', { name: 'Custom assignor', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Assignor source' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test('the partition inspector has no violations', async ({ app, page }) => {
    await app.open();
    const inspector = page.getByTestId('partition-inspector');
    const find = inspector.getByLabel('Find');
    const first = await page.locator('[data-key]').first().getAttribute('data-key');
    const [topic, partition] = first!.split('/');
    await find.fill(`${topic}-${partition}`);
    await find.press('Enter');
    await expect(inspector.getByRole('heading')).toHaveText(`Partition: ${topic}-${partition}`);
    expect(await violations(page)).toEqual([]);
  });

  test('a 10k-partition canvas has no violations', async ({ app, page }) => {
    test.setTimeout(90_000);
    await app.open();
    const topics = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`t${i}`, 1000]));
    await app.importFile(
      'big.json',
      JSON.stringify({
        format: 'rebalance-playground/scenario',
        version: 1,
        name: 'big',
        userDataMode: 'aiokafka',
        cluster: topics,
        steps: [
          {
            changes: Array.from({ length: 20 }, (_, i) => ({
              type: 'join',
              member: `m${i}`,
              subscription: Object.keys(topics),
            })),
          },
        ],
      }),
    );
    const group = app.panels().first().locator('[data-renderer]');
    await expect(group).toHaveAttribute('data-tokens', '10000', { timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
  });
});

test.describe('keyboard shortcuts through the page', () => {
  test('skip links take the keyboard straight to the lanes and the timeline', async ({
    app,
    page,
  }) => {
    await app.open();
    await page.keyboard.press('Tab');
    const toLanes = page.getByRole('link', { name: 'Skip to lanes' });
    await expect(toLanes).toBeFocused();
    await expect(toLanes).toBeInViewport();
    await page.keyboard.press('Enter');
    // Straight onto the first lane picture, where the arrow keys walk the lanes.
    await expect(app.panels().first().locator('.lanes-focus')).toBeFocused();

    await page.keyboard.press('Shift+Tab');
    await page.getByRole('link', { name: 'Skip to timeline' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#timeline-region')).toBeFocused();
  });

  test('a 100-member group: one Tab and Enter reach the lanes, arrows a member and a partition', async ({
    app,
    page,
  }) => {
    await app.open();
    const members = Array.from({ length: 100 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    await app.importFile(
      'hundred.json',
      JSON.stringify({
        format: 'rebalance-playground/scenario',
        version: 1,
        name: 'hundred',
        userDataMode: 'aiokafka',
        cluster: { orders: 200 },
        steps: [
          {
            changes: members.map((member) => ({
              type: 'join',
              member,
              subscription: ['orders'],
            })),
          },
        ],
      }),
    );
    await expect(app.panels().first().locator('[data-renderer]')).toHaveAttribute(
      'data-tokens',
      '200',
    );
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab'); // the skip link: the only Tab
    await page.keyboard.press('Enter'); // the first lane picture's own tab stop
    const ring = app.panels().first().locator('.lanes-focus');
    await expect(ring).toBeFocused();
    await expect(ring).toHaveAttribute('aria-label', /^Unassigned partitions: 0/);
    await page.keyboard.press('ArrowDown'); // the first member (it was 236 Tabs away)
    await expect(ring).toHaveAttribute('aria-label', /^Inspect member m00, 2 partitions/);
    await page.keyboard.press('ArrowRight'); // its first partition
    await expect(ring).toHaveAttribute('aria-label', /^Partition orders-\d+ → m00/);
  });

  test('the side bar collapses and opens again, and the lanes take its room', async ({
    app,
    page,
  }) => {
    await app.open();
    const toggle = page.getByRole('button', { name: 'Group editor' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const lanesBefore = (await app.panels().first().boundingBox())!;
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('heading', { name: 'Topics' })).toBeHidden();
    const lanesAfter = (await app.panels().first().boundingBox())!;
    expect(lanesAfter.x).toBeLessThan(lanesBefore.x - 150);
    await page.screenshot({ path: test.info().outputPath('side-collapsed.png') });
    // Remembered in the view state while the page lives: loading a lesson keeps it collapsed.
    await app.chooseLesson('A subscription change forces revocation');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(page.getByRole('heading', { name: 'Topics' })).toBeVisible();
  });
});
