import { expect, test } from './fixtures';

/** Presentation mode: a teacher at a projector shows the timeline and lanes, big. */
test.describe('presentation mode', () => {
  test('p toggles it: side bar and controls hidden, big type, a visible way out', async ({
    app,
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.open();
    const side = page.getByRole('complementary', { name: 'Edit the group' });
    await expect(side).toBeVisible();

    // Typing a "p" into a text field is typing, not a shortcut.
    const find = page.getByTestId('partition-inspector').getByLabel('Find');
    await find.fill('');
    await find.press('p');
    await expect(find).toHaveValue('p');
    await expect(side).toBeVisible();
    await find.blur();

    await page.keyboard.press('p');
    const exit = page.getByRole('button', { name: 'Exit presentation' });
    await expect(exit).toBeVisible();
    await expect(side).toBeHidden();
    await expect(page.getByRole('button', { name: 'Custom assignor', exact: true })).toBeHidden();
    await expect(page.locator('.metrics')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export SVG' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    // Labels readable from the back of the room: nothing shown in the timeline below 12 px.
    const smallest = await page.evaluate(() => {
      const sizes = [...document.querySelectorAll('.main *')]
        .filter((el) => el.checkVisibility() && el.childNodes.length > 0)
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .filter((el) => !el.closest('[data-renderer]'))
        .map((el) => parseFloat(getComputedStyle(el).fontSize));
      return Math.min(...sizes);
    });
    expect(smallest).toBeGreaterThanOrEqual(16);
    // The lanes too: tokens of 16 px and more, their labels 12 px and more.
    const lanes = await page.evaluate(() => {
      const tokens = [...document.querySelectorAll('[data-renderer] rect.token')].map((r) =>
        Number(r.getAttribute('width')),
      );
      const labels = [...document.querySelectorAll('[data-renderer] .token-labels text')].map((t) =>
        parseFloat(getComputedStyle(t).fontSize),
      );
      const headers = [
        ...document.querySelectorAll('[data-renderer] .lane-title, [data-renderer] .lane-caption'),
      ].map((t) => parseFloat(getComputedStyle(t).fontSize));
      return { tokens, labels, headers };
    });
    expect(Math.min(...lanes.headers)).toBeGreaterThanOrEqual(12);
    expect(lanes.tokens.length).toBeGreaterThan(0);
    expect(Math.min(...lanes.tokens)).toBeGreaterThanOrEqual(16);
    expect(lanes.labels.length).toBe(lanes.tokens.length);
    expect(Math.min(...lanes.labels)).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: testInfo.outputPath('presentation-1920.png') });

    await exit.click();
    await expect(side).toBeVisible();
    await page.keyboard.press('p');
    await expect(exit).toBeVisible();
    await page.keyboard.press('p');
    await expect(exit).toBeHidden();
  });
});
