import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { LESSONS } from '../src/scenario/lessons';
import { expect, test, type PageErrors } from './fixtures';
import { AppPage } from './pages';
import { ProtocolPage } from './protocolPage';

/**
 * Share exactly what you see: a link or an exported file opens on the sender's generation,
 * assignors, compared protocol, lesson and presentation mode, not just on their scenario.
 */
async function twoPages(browser: Browser, pageErrors: PageErrors) {
  const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const receiver = await browser.newContext();
  const from = await sender.newPage();
  const to = await receiver.newPage();
  pageErrors.watch(from);
  pageErrors.watch(to);
  return {
    from,
    to,
    close: async () => {
      await sender.close();
      await receiver.close();
    },
  };
}

async function copiedLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a share link opens on the sender’s generation, assignors and protocols', async ({
  browser,
  pageErrors,
}) => {
  const { from, to, close } = await twoPages(browser, pageErrors);
  const sender = new AppPage(from);
  await sender.open();
  await new ProtocolPage(from).choose('eager (aiokafka)');
  await new ProtocolPage(from).compareWith('cooperative (KIP-429)');
  await sender.showAssignor('range');
  await sender.timeline.goTo(3);
  const url = await copiedLink(from);
  expect(url).toMatch(/#s=/);

  const receiver = new AppPage(to);
  await receiver.open(url.replace(/^[^#]*/, '/?animations=off'));
  await receiver.timeline.expectAt(3, 4);
  await expect(to.getByLabel('Rebalance protocol')).toHaveValue('eager');
  await expect(to.getByLabel('Compare with protocol')).toHaveValue('cooperative');
  await expect(to.getByLabel('Show sticky')).toBeChecked();
  await expect(to.getByLabel('Show range')).toBeChecked();
  await close();
});

test('?present opens in presentation mode, and a presenter’s link opens in it too', async ({
  browser,
  pageErrors,
}) => {
  const { from, to, close } = await twoPages(browser, pageErrors);
  const sender = new AppPage(from);
  await sender.open('/?animations=off&present=1');
  await expect(from.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  await expect(from.getByRole('complementary', { name: 'Edit the group' })).toBeHidden();
  await sender.timeline.goTo(2);
  await from.getByRole('button', { name: 'Copy link' }).click();
  await expect(from.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
  const url = await from.evaluate(() => navigator.clipboard.readText());

  const receiver = new AppPage(to);
  await receiver.open(url.replace(/^[^#]*/, '/?animations=off'));
  await expect(to.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  await receiver.timeline.expectAt(2, 4);
  await close();
});

test('a lesson link carries the lesson and where its sender was', async ({
  browser,
  pageErrors,
}) => {
  const { from, to, close } = await twoPages(browser, pageErrors);
  const lesson = LESSONS.find((l) => l.id === 'one-member-leaves')!;
  const sender = new AppPage(from);
  await sender.open(`/?animations=off#lesson=${lesson.id}`);
  await from.getByRole('radio', { name: lesson.question.choices[lesson.question.answer]! }).check();
  await from.getByRole('button', { name: 'Check my answer' }).click();
  await sender.timeline.expectAt(lesson.question.generation, lesson.scenario.steps.length);
  const url = await copiedLink(from);
  expect(url).toMatch(new RegExp(`#lesson=${lesson.id}&g=${lesson.question.generation}`));

  const receiver = new AppPage(to);
  await receiver.open(url.replace(/^[^#]*/, '/?animations=off'));
  await expect(to.getByRole('heading', { name: lesson.title })).toBeVisible();
  // The receiver has not answered: the asked generation stays hidden until they do.
  await receiver.timeline.expectAt(lesson.question.generation - 1, lesson.scenario.steps.length);
  await close();
});

test('an exported file opens on what its author was looking at', async ({ app, page }) => {
  await app.open();
  await app.showAssignor('roundrobin');
  await app.timeline.goTo(2);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({
    view: { generation: 2, assignors: ['sticky', 'roundrobin'] },
  });
  // Later the view has moved on; opening the file brings back what it was saved with.
  await page.getByLabel('Show roundrobin').uncheck();
  await app.timeline.goTo(4);
  await app.importFile('mine.json', text);
  await app.timeline.expectAt(2, 4);
  await expect(page.getByLabel('Show roundrobin')).toBeChecked();
});
