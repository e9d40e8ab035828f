import { readFileSync } from 'node:fs';
import { LESSONS } from '../src/scenario/lessons';
import { expect, test } from './fixtures';
import { copiedLink, openLink, senderAndReceiver } from './sharing';
import { ProtocolPage } from './protocolPage';

/**
 * Share exactly what you see: a link or an exported file opens on the sender's generation,
 * assignors, compared protocol, lesson and presentation mode, not just on their scenario.
 */
test('a share link opens on the sender’s generation, assignors and protocols', async ({
  browser,
  pageErrors,
}) => {
  const { from, to, sender, receiver, close } = await senderAndReceiver(browser, pageErrors);
  await sender.open();
  await new ProtocolPage(from).choose('eager (aiokafka)');
  await new ProtocolPage(from).compareWith('cooperative (KIP-429)');
  await sender.showAssignor('range');
  await sender.timeline.goTo(3);
  const url = await copiedLink(from);
  expect(url).toMatch(/#s=/);

  await openLink(receiver, url);
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
  const { from, to, sender, receiver, close } = await senderAndReceiver(browser, pageErrors);
  await sender.open('/?animations=off&present=1');
  await expect(from.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  await expect(from.getByRole('complementary', { name: 'Edit the group' })).toBeHidden();
  await sender.timeline.goTo(2);
  const url = await copiedLink(from, 'Copy link');

  await openLink(receiver, url);
  await expect(to.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  await receiver.timeline.expectAt(2, 4);
  await close();
});

test('a lesson link carries the lesson and where its sender was', async ({
  browser,
  pageErrors,
}) => {
  const { from, to, sender, receiver, close } = await senderAndReceiver(browser, pageErrors);
  const lesson = LESSONS.find((l) => l.id === 'one-member-leaves')!;
  await sender.open(`/?animations=off#lesson=${lesson.id}`);
  await from.getByRole('radio', { name: lesson.question.choices[lesson.question.answer]! }).check();
  await from.getByRole('button', { name: 'Check my answer' }).click();
  await sender.timeline.expectAt(lesson.question.generation, lesson.scenario.steps.length);
  const url = await copiedLink(from);
  expect(url).toMatch(new RegExp(`#lesson=${lesson.id}&g=${lesson.question.generation}`));

  await openLink(receiver, url);
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
