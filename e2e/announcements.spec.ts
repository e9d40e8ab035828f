import { expect, test } from './fixtures';

/**
 * A screen-reader user hears each step as it is shown: which generation, what changed and how
 * much moved — the same facts the generation chip shows sighted users.
 */
test('each generation shown is announced with its summary and moves', async ({ app, page }) => {
  await app.open();
  const announcement = page.getByTestId('step-announcement');
  await expect(announcement).toHaveAttribute('role', 'status');

  const total = await page.getByRole('list', { name: 'Generations' }).getByRole('listitem').count();
  expect(total).toBeGreaterThan(1);
  for (const generation of [1, 2]) {
    await app.timeline.goTo(generation);
    await app.timeline.expectAt(generation, total);
    const chip = app.timeline.chip(generation);
    const summary = (await chip.locator('.gen-summary').innerText()).trim();
    const moved = (await chip.locator('.badge').last().innerText()).trim();
    await expect(announcement).toHaveText(
      `Generation ${generation} of ${total}: ${summary}. ${moved}.`,
    );
  }
});

test('a lesson question is announced without its answer until it is answered', async ({
  app,
  page,
}) => {
  await app.open();
  await page.getByLabel('Lessons').selectOption({ label: 'Range skews across topics' });
  const announcement = page.getByTestId('step-announcement');
  // The question is about generation 1, so nothing of it is shown or read out yet.
  await expect(announcement).toHaveText('Generation 0 of 1.');
  await page.getByRole('radio', { name: '6' }).check();
  await expect(announcement).toHaveText('Generation 0 of 1.');
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await app.timeline.expectAt(1, 1);
  await expect(announcement).toHaveText(/^Generation 1 of 1: .+\. \d+ moved\.$/);
});
