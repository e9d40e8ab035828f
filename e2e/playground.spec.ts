import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { copiedLink, openLink, senderAndReceiver } from './sharing';

test.describe('the playground', () => {
  test('first load shows the default scenario with its lanes and tokens', async ({
    app,
    page,
  }, testInfo) => {
    await app.open();
    await expect(app.scenarioName).toHaveText('Orders and payments');
    await app.timeline.expectAt(1, 4);
    await expect(app.lanes.tokens()).toHaveCount(10);
    expect(await app.lanes.members()).toEqual(['C0', 'C1', 'C2']);
    // Every partition has an owner after the first rebalance, and only subscribers own payments.
    await expect(app.lanes.tokens({ owner: '' })).toHaveCount(0);
    await expect(app.lanes.tokens({ topic: 'payments', owner: 'C2' })).toHaveCount(0);
    await page.screenshot({ path: resolve(testInfo.outputDir, 'first-load.png'), fullPage: true });
  });

  test('adding and removing a member each make a new generation', async ({ app }) => {
    await app.open();
    await app.editor.addMember('C9');
    await app.timeline.expectAt(5, 5);
    await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C2', 'C3', 'C9']);
    await expect(app.lanes.tokens({ owner: 'C9' }).first()).toBeVisible();

    await app.editor.removeMember('C0');
    await app.timeline.expectAt(6, 6);
    await expect.poll(() => app.lanes.members()).toEqual(['C2', 'C3', 'C9']);
    await expect(app.lanes.tokens({ owner: 'C0' })).toHaveCount(0);
  });

  test('unsubscribing a member from a topic takes its partitions of that topic away', async ({
    app,
  }) => {
    await app.open();
    await app.timeline.last();
    await expect(app.lanes.tokens({ topic: 'payments', owner: 'C0' }).first()).toBeVisible();
    await app.editor.subscription('C0', 'payments').uncheck();
    await app.timeline.expectAt(5, 5);
    await expect(app.lanes.tokens({ topic: 'payments', owner: 'C0' })).toHaveCount(0);
    await expect(app.lanes.tokens({ topic: 'payments' })).toHaveCount(4);
    await expect(app.editor.subscription('C0', 'payments')).not.toBeChecked();
  });

  test('the timeline steps with buttons, keys and the generation list', async ({ app, page }) => {
    await app.open();
    await app.timeline.next();
    await app.timeline.expectAt(2, 4);
    await page.keyboard.press('ArrowRight');
    await app.timeline.expectAt(3, 4);
    // Generation 3 is "C1 leaves": C1's lane is gone.
    await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C2', 'C3']);
    await page.keyboard.press('ArrowLeft');
    await app.timeline.expectAt(2, 4);
    await app.timeline.chip(4, 'orders grows').click();
    await app.timeline.expectAt(4, 4);
    await expect(app.lanes.tokens({ topic: 'orders' })).toHaveCount(8);
    await app.timeline.first();
    await app.timeline.play();
    // Playback moves on by itself (one generation every 1.6 s at 1×).
    await expect(app.timeline.label).toHaveText(/Generation [234] of 4/, { timeout: 5000 });
    await app.timeline.pause();
  });

  test('compare shows assignors side by side with their totals', async ({
    app,
    page,
  }, testInfo) => {
    await app.open();
    await app.showAssignor('roundrobin');
    await expect(app.panels()).toHaveCount(2);
    const roundrobin = app.lanesOf('roundrobin');
    await expect(roundrobin.tokens()).toHaveCount(10);
    const totals = page.getByTestId('compare-totals');
    await expect(totals).toHaveText(/sticky \d+ vs roundrobin \d+/);
    const [sticky, roundrobinMoved] = ((await totals.textContent()) ?? '')
      .match(/\d+/g)!
      .map(Number);
    expect(sticky).toBeLessThan(roundrobinMoved!);
    // Both panels follow the same clock.
    await app.timeline.last();
    await expect(roundrobin.tokens({ topic: 'orders' })).toHaveCount(8);
    await page.screenshot({ path: resolve(testInfo.outputDir, 'compare.png'), fullPage: true });
  });

  test('a lesson asks first, then plays the step and reveals the answer', async ({ app, page }) => {
    await app.open();
    await app.chooseLesson('One member leaves');
    await expect(
      page.getByText('C1 leaves. How many partitions will sticky take away from C0 and C2?'),
    ).toBeVisible();
    await app.timeline.expectAt(1, 2);
    await page.getByRole('radio', { name: 'None' }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await expect(page.getByText('Right!')).toBeVisible();
    await app.timeline.expectAt(2, 2);
    await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C2']);
    await page.getByRole('button', { name: 'Exit lesson (back to my scenario)' }).click();
    await expect(app.scenarioName).toHaveText('Orders and payments');
  });

  test('importing a bad file explains the problem and keeps the current work', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.editor.addMember('mine');
    await app.timeline.expectAt(5, 5);
    const broken = {
      format: 'rebalance-playground/scenario',
      version: 1,
      name: 'broken',
      userDataMode: 'aiokafka',
      cluster: { t: 2 },
      steps: [{ changes: [{ type: 'leave', member: 'ghost' }] }],
    };
    await app.importFile('broken.json', JSON.stringify(broken));
    await expect(page.getByRole('alert')).toContainText(
      'broken.json was not imported: step 1, change 1: ghost is not in the group. Your scenario is unchanged.',
    );
    await app.importFile('notjson.json', '{"format": ');
    await expect(page.getByRole('alert')).toContainText(
      'notjson.json was not imported: not valid JSON',
    );
    await expect(app.scenarioName).toHaveText('Orders and payments');
    await app.timeline.expectAt(5, 5);
    expect(await app.lanes.members()).toContain('mine');
  });

  test('a share link opens the same scenario elsewhere; a damaged one is explained', async ({
    browser,
    pageErrors,
  }) => {
    const {
      from: page,
      to: otherPage,
      sender: app,
      receiver: other,
      close,
    } = await senderAndReceiver(browser, pageErrors);
    await app.open();
    await app.editor.addMember('shared');
    const url = await copiedLink(page);
    expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);

    await openLink(other, url);
    // A shared scenario opens where its sender was: the generation the edit made.
    await other.timeline.expectAt(5, 5);
    await expect.poll(() => other.lanes.members()).toEqual(['C0', 'C2', 'C3', 'shared']);
    // The link is consumed, so later edits are not confused with it.
    await expect(otherPage).toHaveURL(/\?animations=off$/);

    await otherPage.goto(`/?animations=off#s=${'A'.repeat(30)}`);
    await expect(otherPage.getByRole('alert')).toContainText('That link could not be opened');
    await expect(otherPage.getByRole('alert')).toContainText('Your own scenario is unchanged');
    // The autosaved work from the shared scenario is still there.
    expect(await other.lanes.members()).toEqual(['C0', 'C2', 'C3', 'shared']);
    await close();
  });

  test('inspecting a member shows its subscription, assignment and wire bytes', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.timeline.next();
    await app.lanes.inspect('C0');
    const dialog = page.getByRole('dialog', { name: 'Member C0' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Sticky user data: previous assignment');
    await expect(dialog).toContainText('user_data.generation');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('edits survive a reload (autosave)', async ({ app, page }) => {
    await app.open();
    await app.editor.addTopic('audit');
    await app.timeline.expectAt(5, 5);
    // Wait for the save itself rather than for a guessed time.
    await expect.poll(async () => (await app.savedScenario())?.includes('"audit"')).toBe(true);
    await page.reload();
    await app.ready();
    await app.timeline.expectAt(5, 5);
    await expect(app.editor.topicRow('audit')).toBeVisible();
  });
});
