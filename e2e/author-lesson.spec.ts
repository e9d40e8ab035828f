import { expect, test } from './fixtures';
import { AppPage } from './pages';
import { copiedLink, openLink } from './sharing';

/**
 * Author your own lesson: a question about a generation of the scenario on screen, answered by
 * the replay, saved in the scenario and shared with it.
 */
test('write a lesson, play it, and share it: the replay decides the answer', async ({
  app,
  page,
  browser,
  pageErrors,
}) => {
  await app.open();
  const form = page.getByRole('region', { name: 'Teaching' });
  await form.getByText('Write a lesson about this scenario').click();
  await form.getByLabel('Title').fill('Who takes C1’s partitions?');
  await form.getByLabel('About generation').fill('3');
  await form.getByLabel('Question').fill('C1 leaves. How many partitions does sticky move?');
  await form.getByLabel('Choice 1', { exact: true }).fill('None: only C1’s own are handed out');
  await form.getByLabel('Value of choice 1').fill('0');
  await form.getByLabel('Choice 2', { exact: true }).fill('Two');
  await form.getByLabel('Value of choice 2').fill('2');
  await form.getByLabel('Choice 3', { exact: true }).fill('All of them');
  await form.getByLabel('Value of choice 3').fill('12');
  await form
    .getByLabel('Shown after the answer')
    .fill('Sticky keeps every partition that still has its owner.');
  // The form reads the answer off the replay before it saves.
  await expect(form.getByTestId('lesson-author-check')).toHaveText(
    'The replay gives 0: choice 1 is the answer.',
  );
  await form.getByRole('button', { name: 'Save the lesson' }).click();
  await expect
    .poll(async () => JSON.parse((await app.savedScenario()) ?? '{}') as object)
    .toMatchObject({ version: 5, lesson: { title: 'Who takes C1’s partitions?' } });

  // Played from the lesson menu, on the scenario as it is.
  await page
    .getByLabel('Lessons')
    .selectOption({ label: 'This scenario’s lesson: Who takes C1’s partitions?' });
  await expect(page.getByRole('heading', { name: 'Who takes C1’s partitions?' })).toBeVisible();
  await app.timeline.expectAt(2, 4);
  await page.getByRole('radio', { name: 'Two' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(
    page.getByText('Not quite — the answer is “None: only C1’s own are handed out”.'),
  ).toBeVisible();
  await expect(
    page
      .locator('.lesson-reveal')
      .filter({ hasText: 'Sticky keeps every partition that still has its owner.' }),
  ).toBeVisible();

  // The link carries the scenario, its lesson and that it was running.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const url = await copiedLink(page);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  pageErrors.watch(other);
  const receiver = new AppPage(other);
  await openLink(receiver, url);
  await expect(other.getByRole('heading', { name: 'Who takes C1’s partitions?' })).toBeVisible();
  await receiver.timeline.expectAt(2, 4); // the question still waits for the receiver's answer
  await fresh.close();
});

test('a draft the replay cannot answer is not saved, and says why', async ({ app, page }) => {
  await app.open();
  const form = page.getByRole('region', { name: 'Teaching' });
  await form.getByText('Write a lesson about this scenario').click();
  await form.getByLabel('Title').fill('Two right answers');
  await form.getByLabel('About generation').fill('2');
  await form.getByLabel('Question').fill('How many move?');
  for (const [i, value] of ['2', '2', '5'].entries()) {
    await form.getByLabel(`Choice ${i + 1}`, { exact: true }).fill(`choice ${i + 1}`);
    await form.getByLabel(`Value of choice ${i + 1}`).fill(value);
  }
  await form.getByLabel('Shown after the answer').fill('…');
  await expect(form.getByTestId('lesson-author-check')).toHaveText(
    'Not saved yet: the replay gives 2: exactly one choice must have that value.',
  );
  await expect(form.getByRole('button', { name: 'Save the lesson' })).toBeDisabled();
});
