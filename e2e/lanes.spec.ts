import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importScenario, openBigGroup } from './bigGroup';
import { openApp, primaryPanel } from './pages';

/** What the lanes show: colours that stay put, partitions one can name and follow. */

function token(page: Page, topic: string, partition: number) {
  return primaryPanel(page).locator(
    `rect.token[data-topic="${topic}"][data-partition="${partition}"]`,
  );
}

const GROWS = {
  name: 'a topic grows',
  userDataMode: 'aiokafka',
  cluster: { orders: 2 },
  steps: [
    { changes: [{ type: 'join', member: 'C1', subscription: ['orders', 'audit'] }] },
    { changes: [{ type: 'add-partitions', topic: 'orders', partitions: 4 }] },
  ],
};

test.describe('lanes', () => {
  test('a topic keeps its colour when a topic whose name sorts first is added', async ({
    page,
  }) => {
    await openApp(page);
    await importScenario(page, GROWS);
    await page.getByRole('button', { name: 'Last generation' }).click();
    const before = await token(page, 'orders', 0).getAttribute('fill');
    await page.getByLabel('New topic name').fill('audit');
    await page.getByLabel('New topic partitions').fill('2');
    await page.getByRole('button', { name: 'Add topic' }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 3 of 3');
    await expect(token(page, 'audit', 0)).toBeVisible();
    expect(await token(page, 'orders', 0).getAttribute('fill')).toBe(before);
    expect(await token(page, 'audit', 0).getAttribute('fill')).not.toBe(before);
    // And in the legend.
    const legendOrders = page
      .locator('.group-legend span', { hasText: /^orders$/ })
      .locator('rect');
    await expect(legendOrders).toHaveAttribute('fill', before!);
  });

  test('"new" and "kept" partitions look different, on the lanes and in the legend', async ({
    page,
  }) => {
    await openApp(page);
    await importScenario(page, GROWS);
    await page.getByRole('button', { name: 'Last generation' }).click();
    await expect(token(page, 'orders', 0)).toHaveAttribute('data-state', 'kept');
    await expect(token(page, 'orders', 3)).toHaveAttribute('data-state', 'new');
    const look = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => {
        const style = getComputedStyle(el);
        return [style.fillOpacity, style.stroke, style.strokeWidth, style.strokeDasharray].join(
          ' ',
        );
      });
    expect(await look(token(page, 'orders', 3))).not.toBe(await look(token(page, 'orders', 0)));
    const swatch = (state: string) => page.locator(`[data-legend-state="${state}"] rect`);
    expect(await look(swatch('new'))).not.toBe(await look(swatch('kept')));
  });

  test('a lesson labels the partitions it asks about', async ({ page }) => {
    await openApp(page, '/?animations=off#lesson=stale-rejoin');
    const labels = primaryPanel(page).locator('text.token-label');
    await expect(labels.filter({ hasText: /^a-1$/ })).toHaveCount(1);
    await expect(labels.filter({ hasText: /^a-3$/ })).toHaveCount(1);
    // Each label sits on its own token.
    const label = await labels.filter({ hasText: /^a-1$/ }).boundingBox();
    const box = await token(page, 'a', 1).boundingBox();
    expect(label!.x).toBeGreaterThanOrEqual(box!.x - 1);
    expect(label!.x + label!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    await page.screenshot({ path: '/tmp/render-lesson.png' });
  });

  test('clicking a partition shows its owner now and across generations, and it stays selected', async ({
    page,
  }) => {
    await openApp(page);
    await importScenario(page, {
      name: 'follow one',
      userDataMode: 'aiokafka',
      cluster: { a: 4 },
      steps: [
        { changes: [{ type: 'join', member: 'C1', subscription: ['a'] }] },
        { changes: [{ type: 'join', member: 'C2', subscription: ['a'] }] },
        { changes: [{ type: 'leave', member: 'C1' }] },
      ],
    });
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 3');
    await token(page, 'a', 1).click();
    const inspector = page.getByTestId('partition-inspector');
    await expect(inspector.getByRole('heading')).toHaveText('Partition: a-1');
    await expect(inspector.getByTestId('partition-owner-now')).toHaveText(
      'Owner at generation 1 (sticky): C1',
    );
    const rows = inspector.locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(2)).toHaveAttribute('data-change', 'orphaned');
    await expect(rows.nth(2).locator('td').nth(1)).toHaveText('C2');
    await expect(rows.nth(0)).toHaveAttribute('aria-current', 'step');
    const ring = primaryPanel(page).locator('.selection-ring');
    await expect(ring).toHaveAttribute('data-key', 'a/1');

    // Stays selected, and ringed where it is now, in the following generations.
    await page.getByRole('button', { name: 'Last generation' }).click();
    await expect(inspector.getByTestId('partition-owner-now')).toHaveText(
      'Owner at generation 3 (sticky): C2',
    );
    await expect(rows.nth(2)).toHaveAttribute('aria-current', 'step');
    await expect(token(page, 'a', 1)).toHaveAttribute('data-selected', 'true');
    const ringBox = await ring.boundingBox();
    const tokenBox = await token(page, 'a', 1).boundingBox();
    expect(
      Math.abs(ringBox!.x + ringBox!.width / 2 - (tokenBox!.x + tokenBox!.width / 2)),
    ).toBeLessThan(1);
    expect(
      Math.abs(ringBox!.y + ringBox!.height / 2 - (tokenBox!.y + tokenBox!.height / 2)),
    ).toBeLessThan(1);
    await page.screenshot({ path: '/tmp/render-selected.png', fullPage: true });

    // By keyboard: type its name.
    await inspector.getByLabel('Find').fill('a-3');
    await inspector.getByLabel('Find').press('Enter');
    await expect(inspector.getByRole('heading')).toHaveText('Partition: a-3');
    await expect(ring).toHaveAttribute('data-key', 'a/3');
    await inspector.getByLabel('Find').fill('a-9');
    await inspector.getByLabel('Find').press('Enter');
    await expect(inspector.getByRole('alert')).toHaveText(
      'No partition or member a-9 in this scenario.',
    );
    await expect(inspector.getByRole('heading')).toHaveText('Partition: a-3');
  });

  test('selecting works on the canvas too (10k partitions)', async ({ page }) => {
    test.setTimeout(90_000);
    await openBigGroup(page, 20);
    const inspector = page.getByTestId('partition-inspector');
    await inspector.getByLabel('Find').fill('t3-17');
    await inspector.getByLabel('Find').press('Enter');
    const ring = primaryPanel(page).locator('.selection-ring');
    await expect(ring).toHaveAttribute('data-key', 't3/17');
    const picture = primaryPanel(page).locator('.lanes-canvas');
    const box = (await ring.boundingBox())!;
    const before = (await picture.boundingBox())!;
    await inspector.getByRole('button', { name: 'Clear selection' }).click();
    await expect(ring).toHaveCount(0);
    // A click on the token that was ringed (the page may have scrolled) selects it again.
    await picture.scrollIntoViewIfNeeded();
    const after = (await picture.boundingBox())!;
    await page.mouse.click(
      box.x + box.width / 2 + after.x - before.x,
      box.y + box.height / 2 + after.y - before.y,
    );
    await expect(inspector.getByRole('heading')).toHaveText('Partition: t3-17');
    await expect(ring).toHaveAttribute('data-key', 't3/17');
  });
});
