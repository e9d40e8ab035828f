import type { Locator, Page } from '@playwright/test';
import { importScenario, openBigGroup } from './bigGroup';
import { expect, test } from './fixtures';
import { openApp, primaryPanel } from './pages';

/** Lanes and partitions are reachable with a few keys: one tab stop, then arrow keys. */

const focusRing = (page: Page) => primaryPanel(page).locator('.lanes-focus');

/** Elements inside the panel's picture that Tab stops at. */
async function tabStops(picture: Locator): Promise<number> {
  return picture.evaluate(
    (root) =>
      [...root.querySelectorAll<HTMLElement | SVGElement>('*')].filter(
        (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled,
      ).length,
  );
}

test('one tab stop for the lanes; arrows move, Enter selects (SVG)', async ({ page }) => {
  await openApp(page);
  await importScenario(page, {
    name: 'keys',
    userDataMode: 'aiokafka',
    cluster: { orders: 4, audit: 2 },
    steps: [
      {
        changes: ['A', 'B', 'C'].map((member) => ({
          type: 'join',
          member,
          subscription: ['orders', 'audit'],
        })),
      },
    ],
  });
  const picture = primaryPanel(page).locator('[data-renderer]');
  await expect(picture).toHaveAttribute('data-renderer', 'svg');
  expect(await tabStops(picture)).toBe(1);

  const ring = focusRing(page);
  await ring.focus();
  await expect(ring).toHaveAttribute('aria-label', /^Unassigned partitions: 0/);
  await page.keyboard.press('ArrowDown');
  await expect(ring).toHaveAttribute('aria-label', /^Inspect member A, 2 partitions$/);
  await page.keyboard.press('ArrowRight');
  await expect(ring).toHaveAttribute('data-focus-kind', 'partition');
  const first = (await ring.getAttribute('data-focus-key'))!;
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await expect(ring).toHaveAttribute('data-focus-key', first);
  // The ring is drawn around the focused token.
  const [topic, partition] = first.split('/');
  const token = primaryPanel(page).locator(
    `rect.token[data-topic="${topic}"][data-partition="${partition}"]`,
  );
  const tokenBox = (await token.boundingBox())!;
  const ringBox = (await ring.boundingBox())!;
  expect(Math.abs(ringBox.x + ringBox.width / 2 - (tokenBox.x + tokenBox.width / 2))).toBeLessThan(
    1,
  );
  expect(
    Math.abs(ringBox.y + ringBox.height / 2 - (tokenBox.y + tokenBox.height / 2)),
  ).toBeLessThan(1);
  expect(await ring.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('partition-inspector');
  await expect(inspector.getByRole('heading')).toHaveText(`Partition: ${topic}-${partition}`);
  await primaryPanel(page).screenshot({ path: '/tmp/a11y-render-focus.png' });

  // Down keeps the place in the list; Left from the first partition goes to the header.
  await page.keyboard.press('ArrowDown');
  await expect(ring).toHaveAttribute('data-focus-kind', 'partition');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  await expect(ring).toHaveAttribute('aria-label', /^Inspect member B/);
  // Tab leaves the picture in one press.
  await page.keyboard.press('Tab');
  expect(await picture.evaluate((root) => root.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(ring).toBeFocused();
});

test('a 100-member group is one tab stop, and the canvas has the same keys', async ({ page }) => {
  test.setTimeout(120_000);
  await openBigGroup(page, 100);
  const picture = primaryPanel(page).locator('[data-renderer]');
  expect(await tabStops(picture)).toBe(1);
  const ring = focusRing(page);
  await ring.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(ring).toHaveAttribute('aria-label', /^Inspect member m1,/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const key = (await ring.getAttribute('data-focus-key'))!;
  await page.keyboard.press('Enter');
  await expect(primaryPanel(page).locator('.selection-ring')).toHaveAttribute('data-key', key);
  await primaryPanel(page).screenshot({ path: '/tmp/a11y-render-focus-canvas.png' });
});
