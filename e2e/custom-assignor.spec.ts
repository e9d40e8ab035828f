import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Custom assignors in the page: written in the editor, run in the sandbox worker, shown as
 * "custom" next to the built-ins, with a verdict for each generation that goes wrong.
 * The default scenario ("Orders and payments") has 4 generations; C2 reads only orders.
 */

const LEAST_LOADED = `// Pasted: each partition to the subscriber with the fewest partitions so far.
type Members = ReadonlyMap<string, { subscription: readonly string[] }>;
type Cluster = { partitionsForTopic(topic: string): ReadonlySet<number> | undefined };

export default {
  name: 'pasted-least-loaded',
  assign(cluster: Cluster, members: Members) {
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] as [string, number[]][] }]));
    const load = new Map([...members.keys()].map((id) => [id, 0]));
    const topics = [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
    for (const topic of topics) {
      const subscribers = [...members.keys()].filter((id) => members.get(id)!.subscription.includes(topic));
      for (const partition of [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b)) {
        let best = subscribers[0]!;
        for (const id of subscribers) if (load.get(id)! < load.get(best)!) best = id;
        load.set(best, load.get(best)! + 1);
        const entries = result.get(best)!.assignment;
        const entry = entries.find(([t]) => t === topic);
        if (entry) entry[1].push(partition);
        else entries.push([topic, [partition]]);
      }
    }
    return result;
  },
};
`;

function panel(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Custom assignor' });
}

function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Assignor source' });
}

async function openPanel(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Custom assignor', exact: true }).click();
  await expect(editor(page)).toBeVisible();
  return panel(page);
}

async function closePanel(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: 'Close custom assignor' }).click();
  await expect(panel(page)).toBeHidden();
}

/** Replaces the editor's text the way a paste does (typing would trigger auto-close). */
async function paste(page: Page, text: string): Promise<void> {
  const content = editor(page);
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await content.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  await expect(content).toContainText(text.split('\n')[0] ?? '');
}

async function loadExample(page: Page, title: string): Promise<void> {
  await panel(page).getByLabel('Examples').selectOption({ label: title });
}

async function run(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
}

test.describe('custom assignors', () => {
  test('a pasted assignor runs and compares with sticky', async ({ app, page }, testInfo) => {
    await app.open();
    const dialog = await openPanel(page);
    await paste(page, LEAST_LOADED);
    await run(page);
    await expect(dialog.getByText('All 4 generations gave a valid assignment.')).toBeVisible({
      timeout: 15_000,
    });
    await page.screenshot({ path: resolve(testInfo.outputDir, 'custom-assignor-panel.png') });
    await closePanel(page);

    await page.getByRole('checkbox', { name: 'Show sticky' }).check();
    await page.getByRole('checkbox', { name: 'Show custom' }).check();
    const custom = app.lanesOf('custom');
    const sticky = app.lanesOf('sticky');
    await expect(custom.root).toBeVisible();
    await expect(sticky.root).toBeVisible();
    await expect(page.getByTestId('compare-totals')).toContainText('custom');

    // Generation 1, least loaded: orders dealt C0, C1, C2 in turn, payments to C0 and C1.
    await expect(custom.tokens()).toHaveCount(10);
    await expect
      .poll(() => custom.owners())
      .toEqual({
        'orders-0': 'C0',
        'orders-1': 'C1',
        'orders-2': 'C2',
        'orders-3': 'C0',
        'orders-4': 'C1',
        'orders-5': 'C2',
        'payments-0': 'C0',
        'payments-1': 'C1',
        'payments-2': 'C0',
        'payments-3': 'C1',
      });
    await expect(custom.tokensInState('duplicate')).toHaveCount(0);
    await expect(custom.tokensInState('misassigned')).toHaveCount(0);
    // Both panels show the same partitions, each with an owner.
    expect(Object.keys(await sticky.owners()).sort()).toEqual(
      Object.keys(await custom.owners()).sort(),
    );
    await expect(sticky.tokens({ owner: '' })).toHaveCount(0);
    await page.screenshot({
      path: resolve(testInfo.outputDir, 'custom-vs-sticky.png'),
      fullPage: true,
    });

    // Saved with the scenario: the autosave brings it back after a reload.
    await page.reload();
    await app.ready();
    await openPanel(page);
    await expect(editor(page)).toContainText("name: 'pasted-least-loaded'");
  });

  test('a syntax error is shown with its line and marked in the editor', async ({ app, page }) => {
    await app.open();
    const dialog = await openPanel(page);
    await paste(
      page,
      "export default {\n  name: 'typo',\n  assign() { return new Map() }\n  oops\n};\n",
    );
    await run(page);
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Not loaded.');
    await expect(alert).toContainText(/Line 4, column \d+: Unexpected token/);
    await expect(dialog.locator('.cm-lint-marker-error')).toHaveCount(1);
    await expect(dialog.locator('.cm-lintRange-error')).toBeVisible();

    // "Go to line" puts the cursor on it.
    await alert.getByRole('button', { name: 'Go to line 4' }).click();
    await expect(editor(page)).toBeFocused();
    await expect(dialog.locator('.cm-activeLine')).toContainText('oops');
  });

  test('a throwing assignor gets a verdict for each generation', async ({ app, page }) => {
    await app.open();
    const dialog = await openPanel(page);
    await loadExample(page, 'Broken: throws');
    await run(page);
    const verdicts = dialog.locator('.custom-verdicts > li');
    await expect(verdicts).toHaveCount(4, { timeout: 15_000 });
    await expect(verdicts.first()).toContainText(
      /generation 1: assign\(\) threw SyntaxError: .*JSON.* \(line \d+\)/,
    );
    // The rebalance failed: the custom panel says so, and the app goes on.
    await closePanel(page);
    await page.getByRole('checkbox', { name: 'Show custom' }).check();
    await expect(app.lanesOf('custom').root.getByRole('alert')).toContainText('threw SyntaxError');
    await app.timeline.next();
    await app.timeline.expectAt(2, 4);
  });

  test('an infinite loop is stopped at the deadline while the page keeps responding', async ({
    app,
    page,
  }) => {
    await app.open();
    const dialog = await openPanel(page);
    await dialog.getByLabel('Deadline (ms)').fill('1000');
    await loadExample(page, 'Broken: never returns');
    const started = Date.now();
    await run(page);
    await expect(dialog.getByText(/Running in the sandbox/)).toBeVisible();

    // Meanwhile the page works: close the panel, step the timeline…
    await closePanel(page);
    await app.timeline.next();
    await app.timeline.expectAt(2, 4);
    // …and all that happened during the run, which is still going.
    await openPanel(page);
    await expect(panel(page).getByText(/Running in the sandbox/)).toBeVisible();

    const verdicts = panel(page).locator('.custom-verdicts > li');
    await expect(verdicts).toHaveCount(4, { timeout: 20_000 });
    const elapsed = Date.now() - started;
    for (let generation = 1; generation <= 4; generation++) {
      await expect(verdicts.nth(generation - 1)).toContainText(
        `generation ${generation}: timed out after 1000 ms: the assignor did not return (an infinite loop?)`,
      );
    }
    // Every generation hangs: four deadlines, each followed by a fresh worker.
    expect(elapsed).toBeGreaterThanOrEqual(4 * 1000);
    expect(elapsed).toBeLessThan(4 * 1000 + 8000);
  });

  test('an invalid result has its violations listed and marked on the canvas', async ({
    app,
    page,
  }) => {
    await app.open();
    const dialog = await openPanel(page);
    await loadExample(page, 'Broken: gives one partition to two members');
    await run(page);
    const first = dialog.locator('.custom-verdicts > li').first();
    await expect(first).toContainText(/generation 1: \d+ rule violations?/, { timeout: 15_000 });
    await expect(first).toContainText('is given to 2 members');
    await closePanel(page);

    await page.getByRole('checkbox', { name: 'Show custom' }).check();
    const custom = app.lanesOf('custom');
    await expect(custom.tokensInState('duplicate').first()).toBeVisible();

    // An unsubscribed topic: tokens given to a member that does not read it.
    await openPanel(page);
    await loadExample(page, 'Broken: assigns an unsubscribed topic');
    await run(page);
    await expect(panel(page).locator('.custom-verdicts > li').first()).toContainText(
      'but does not subscribe to',
      { timeout: 15_000 },
    );
    await closePanel(page);
    await expect(custom.tokensInState('misassigned').first()).toBeVisible();
  });

  test('the panel works from the keyboard', async ({ app, page }) => {
    await app.open();
    const opener = page.getByRole('button', { name: 'Custom assignor', exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    await expect(editor(page)).toBeFocused();
    // Tab leaves the editor (it does not trap focus) and reaches Run.
    const runButton = panel(page).getByRole('button', { name: 'Run', exact: true });
    for (
      let i = 0;
      i < 10 && !(await runButton.evaluate((b) => b === document.activeElement));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    await expect(runButton).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel(page)).toBeHidden();
    await expect(opener).toBeFocused();
  });
});
