import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

test.describe('diffing an assignor against a baseline', () => {
  test('against another assignor: differing partitions are highlighted and counted per generation', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.chooseLesson('One member leaves');
    await page.getByRole('radio', { name: 'None' }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByLabel('Diff against').selectOption('assignor:roundrobin');
    // KIP-54 example 1: identical at generation 1; at generation 2 t1-0 and t1-1 differ.
    const summary = page.getByTestId('diff-summary');
    await expect(summary).toContainText('2 partitions differ here');
    await expect(summary).toContainText('1 of 2 generations differ');
    await expect(app.lanes.tokens({ highlighted: true })).toHaveCount(2);
    await expect(app.lanes.tokens({ topic: 't1', highlighted: true })).toHaveCount(2);
    await expect(app.timeline.chip(2, 'C1 leaves')).toContainText('Δ 2');
    await app.timeline.previous();
    await expect(summary).toContainText('0 partitions differ here');
  });

  test('against a baseline results file, and a file of another scenario is refused', async ({
    app,
    page,
  }) => {
    await app.open();
    const fixture = readFileSync(
      resolve(import.meta.dirname, 'fixtures', 'kip54-example1.json'),
      'utf8',
    );
    await app.importFile('kip54-example1.json', fixture);
    await app.timeline.last();
    // Save sticky's own results and diff against them: identical.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save sticky results' }).click();
    const saved = await (await download).path();
    await page.getByLabel('Load baseline results file').setInputFiles(saved);
    await expect(page.getByTestId('diff-summary')).toHaveText('identical in every generation');

    // A results file of a different scenario cannot be compared.
    const other = JSON.parse(readFileSync(saved, 'utf8'));
    other.scenario.fingerprint = `sha256:${'0'.repeat(64)}`;
    other.scenario.name = 'something else';
    await page.getByLabel('Load baseline results file').setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(other)),
    });
    await expect(page.locator('.diff-bar [role="alert"]')).toContainText('cannot be compared');
  });
});
