import { expect, test } from './fixtures';

/** The page must not scroll sideways on a narrow window or at 200 % zoom (WCAG 1.4.10 reflow). */
async function expectNoSidewaysScroll(page: import('@playwright/test').Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

test.describe('responsive layout', () => {
  test('no sideways scroll at 900 px wide', async ({ app, page }, testInfo) => {
    await page.setViewportSize({ width: 900, height: 800 });
    await app.open();
    await expectNoSidewaysScroll(page);
    await app.chooseLesson('A subscription change forces revocation');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath('narrow-900.png'), fullPage: true });
  });

  test('no sideways scroll at 200 % zoom (1280×800 shown as 640×400 CSS px)', async ({
    app,
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 640, height: 400 });
    await app.open();
    await expectNoSidewaysScroll(page);
    // The side bar stacks above the lanes instead of taking half of a narrow window.
    const panel = (await app.panels().first().boundingBox())!;
    expect(panel.width).toBeGreaterThan(560);
    await app.chooseLesson('A subscription change forces revocation');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath('zoom-200.png') });
  });
});
