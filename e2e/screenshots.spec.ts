import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/scenario/lessons';
import { openApp } from './helpers';

/**
 * Screenshot regression suite: the built-in lessons and the scenario files in e2e/fixtures,
 * with animations off, a fixed viewport and the bundled Inter font. `make e2e-update`
 * re-records the baselines on purpose; a changed pixel fails with the diff image saved.
 */

async function settle(page: Page): Promise<void> {
  // Wait for the replay to land and fonts to load, so nothing is caught half drawn.
  await expect(page.locator('article.group-panel [data-topic]').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
}

const fixtures = readdirSync(resolve(import.meta.dirname, 'fixtures')).filter(
  (name) => name.endsWith('.json') && !name.startsWith('bad-'),
);

test.describe('screenshots', () => {
  for (const lesson of LESSONS) {
    test(`lesson ${lesson.id}`, async ({ page }) => {
      await openApp(page, `/?animations=off#lesson=${lesson.id}`);
      const question = lesson.question;
      await page.getByRole('radio', { name: question.choices[question.answer]! }).check();
      await page.getByRole('button', { name: 'Check my answer' }).click();
      await expect(page.getByTestId('generation-label')).toHaveText(
        `Generation ${question.generation} of ${lesson.scenario.steps.length}`,
      );
      await settle(page);
      await expect(page).toHaveScreenshot(`lesson-${lesson.id}.png`, { fullPage: true });
    });
  }

  for (const fixture of fixtures) {
    test(`scenario ${fixture}`, async ({ page }) => {
      await openApp(page);
      const text = readFileSync(resolve(import.meta.dirname, 'fixtures', fixture), 'utf8');
      await page.getByLabel('Import scenario file').setInputFiles({
        name: fixture,
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      const steps = (JSON.parse(text) as { steps: unknown[] }).steps.length;
      await page.getByRole('button', { name: 'Last generation' }).click();
      await expect(page.getByTestId('generation-label')).toHaveText(
        `Generation ${steps} of ${steps}`,
      );
      await page.getByRole('button', { name: 'Dismiss message' }).click();
      await settle(page);
      await expect(page).toHaveScreenshot(`scenario-${fixture.replace(/\.json$/, '')}.png`, {
        fullPage: true,
      });
    });
  }
});
