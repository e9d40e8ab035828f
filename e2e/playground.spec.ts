import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { laneMembers, openApp, primaryPanel } from './helpers';

test.describe('the playground', () => {
  test('first load shows the default scenario with its lanes and tokens', async ({
    page,
  }, testInfo) => {
    const errors = await openApp(page);
    await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 4');
    const panel = primaryPanel(page);
    await expect(panel.locator('[data-topic]')).toHaveCount(10);
    expect(await laneMembers(page)).toEqual(['C0', 'C1', 'C2']);
    // Every partition has an owner after the first rebalance, and only subscribers own payments.
    await expect(panel.locator('[data-topic][data-owner=""]')).toHaveCount(0);
    await expect(panel.locator('[data-topic="payments"][data-owner="C2"]')).toHaveCount(0);
    await page.screenshot({ path: resolve(testInfo.outputDir, 'first-load.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('adding and removing a member each make a new generation', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('New member id').fill('C9');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
    await expect.poll(() => laneMembers(page)).toEqual(['C0', 'C2', 'C3', 'C9']);
    await expect(primaryPanel(page).locator('[data-topic][data-owner="C9"]').first()).toBeVisible();

    await page.getByRole('button', { name: 'Remove C0' }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 6 of 6');
    await expect.poll(() => laneMembers(page)).toEqual(['C2', 'C3', 'C9']);
    await expect(primaryPanel(page).locator('[data-topic][data-owner="C0"]')).toHaveCount(0);
  });

  test('unsubscribing a member from a topic takes its partitions of that topic away', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Last generation' }).click();
    const panel = primaryPanel(page);
    await expect(panel.locator('[data-topic="payments"][data-owner="C0"]').first()).toBeVisible();
    await page.getByLabel('C0 subscribes to payments').uncheck();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
    await expect(panel.locator('[data-topic="payments"][data-owner="C0"]')).toHaveCount(0);
    await expect(panel.locator('[data-topic="payments"]')).toHaveCount(4);
    await expect(page.getByLabel('C0 subscribes to payments')).not.toBeChecked();
  });

  test('the timeline steps with buttons, keys and the generation list', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Next generation' }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 4');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 3 of 4');
    // Generation 3 is "C1 leaves": C1's lane is gone.
    await expect.poll(() => laneMembers(page)).toEqual(['C0', 'C2', 'C3']);
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 4');
    await page.getByRole('button', { name: /^4 orders grows/ }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 4 of 4');
    await expect(primaryPanel(page).locator('[data-topic="orders"]')).toHaveCount(8);
    await page.getByRole('button', { name: 'First generation' }).click();
    await page.getByRole('button', { name: 'Play' }).click();
    // Playback moves on by itself (one generation every 1.6 s at 1×).
    await expect(page.getByTestId('generation-label')).toHaveText(/Generation [234] of 4/, {
      timeout: 5000,
    });
    await page.getByRole('button', { name: 'Pause' }).click();
  });

  test('compare shows assignors side by side with their totals', async ({ page }, testInfo) => {
    await openApp(page);
    await page.getByLabel('Show roundrobin').check();
    await expect(page.locator('article.group-panel')).toHaveCount(2);
    await expect(
      page.locator('article.group-panel[data-assignor="roundrobin"] [data-topic]'),
    ).toHaveCount(10);
    const totals = page.getByTestId('compare-totals');
    await expect(totals).toHaveText(/sticky \d+ vs roundrobin \d+/);
    const [sticky, roundrobin] = ((await totals.textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(sticky).toBeLessThan(roundrobin!);
    // Both panels follow the same clock.
    await page.getByRole('button', { name: 'Last generation' }).click();
    await expect(
      page.locator('article.group-panel[data-assignor="roundrobin"] [data-topic="orders"]'),
    ).toHaveCount(8);
    await page.screenshot({ path: resolve(testInfo.outputDir, 'compare.png'), fullPage: true });
  });

  test('a lesson asks first, then plays the step and reveals the answer', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('Lessons').selectOption({ label: 'One member leaves' });
    await expect(
      page.getByText('C1 leaves. How many partitions will sticky take away from C0 and C2?'),
    ).toBeVisible();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 2');
    await page.getByRole('radio', { name: 'None' }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await expect(page.getByText('Right!')).toBeVisible();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 2');
    await expect.poll(() => laneMembers(page)).toEqual(['C0', 'C2']);
    await page.getByRole('button', { name: 'Exit lesson (back to my scenario)' }).click();
    await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
  });

  test('importing a bad file explains the problem and keeps the current work', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('New member id').fill('mine');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
    const broken = {
      format: 'rebalance-playground/scenario',
      version: 1,
      name: 'broken',
      userDataMode: 'aiokafka',
      cluster: { t: 2 },
      steps: [{ changes: [{ type: 'leave', member: 'ghost' }] }],
    };
    await page.getByLabel('Import scenario file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect(page.getByRole('alert')).toContainText(
      'broken.json was not imported: step 1, change 1: ghost is not in the group. Your scenario is unchanged.',
    );
    await page.getByLabel('Import scenario file').setInputFiles({
      name: 'notjson.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": '),
    });
    await expect(page.getByRole('alert')).toContainText(
      'notjson.json was not imported: not valid JSON',
    );
    await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
    expect(await laneMembers(page)).toContain('mine');
  });

  test('a share link opens the same scenario elsewhere; a damaged one is explained', async ({
    browser,
  }) => {
    const context = await browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await openApp(page);
    await page.getByLabel('New member id').fill('shared');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await openApp(other, url.replace(/^[^#]*/, '/?animations=off'));
    // A shared scenario opens at its start, ready to play.
    await expect(other.getByTestId('generation-label')).toHaveText('Generation 1 of 5');
    await other.getByRole('button', { name: 'Last generation' }).click();
    await expect.poll(() => laneMembers(other)).toEqual(['C0', 'C2', 'C3', 'shared']);
    // The link is consumed, so later edits are not confused with it.
    await expect(other).toHaveURL(/\?animations=off$/);

    await other.goto(`/?animations=off#s=${'A'.repeat(30)}`);
    await expect(other.getByRole('alert')).toContainText('That link could not be opened');
    await expect(other.getByRole('alert')).toContainText('Your own scenario is unchanged');
    // The autosaved work from the shared scenario is still there.
    expect(await laneMembers(other)).toEqual(['C0', 'C2', 'C3', 'shared']);
    await context.close();
    await fresh.close();
  });

  test('inspecting a member shows its subscription, assignment and wire bytes', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Next generation' }).click();
    await primaryPanel(page).getByRole('button', { name: 'Inspect member C0' }).click();
    const dialog = page.getByRole('dialog', { name: 'Member C0' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Sticky user data: previous assignment');
    await expect(dialog).toContainText('user_data.generation');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('edits survive a reload (autosave)', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('New topic name').fill('audit');
    await page.getByRole('button', { name: 'Add topic' }).click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
    await page.waitForTimeout(500);
    await page.reload();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
    await expect(page.locator('[data-topic-row="audit"]')).toBeVisible();
  });
});
