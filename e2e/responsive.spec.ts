import { LESSONS } from '../src/scenario/lessons';
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

test('a lesson comparing two assignors shows both at 1280×800, side by side', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const lesson of LESSONS.filter((l) => l.assignors.length === 2)) {
    await app.open(`/?animations=off#lesson=${lesson.id}`);
    await page
      .getByRole('radio', { name: lesson.question.choices[lesson.question.answer]! })
      .check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    const [first, second] = [
      (await app.panels().nth(0).boundingBox())!,
      (await app.panels().nth(1).boundingBox())!,
    ];
    // Level with the first, and above the fold: its lane headers are on screen.
    expect(second.y, lesson.id).toBe(first.y);
    const header = (await app.panels().nth(1).locator('.lane-header').first().boundingBox())!;
    expect(header.y + header.height, lesson.id).toBeLessThanOrEqual(800);
  }
});

test('a member row keeps its actions inside the side bar with three long topic names', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open('/?animations=off#lesson=range-skew');
  const side = (await page.getByRole('complementary', { name: 'Edit the group' }).boundingBox())!;
  const remove = (await page.getByRole('button', { name: 'Remove C0' }).boundingBox())!;
  expect(remove.x + remove.width).toBeLessThanOrEqual(side.x + side.width);
});
