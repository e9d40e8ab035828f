import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LESSONS } from '../src/scenario/lessons';
import { expect, test } from './fixtures';
import type { AppPage } from './pages';

/**
 * Screenshot regression suite: the built-in lessons and the scenario files in e2e/fixtures,
 * with animations off, a fixed viewport and the bundled Inter font. `make e2e-update`
 * re-records the baselines on purpose; a changed pixel fails with the diff image saved.
 */

async function settle(app: AppPage): Promise<void> {
  // Wait for the replay to land and fonts to load, so nothing is caught half drawn.
  await expect(app.lanes.tokens().first()).toBeVisible();
  await app.page.evaluate(() => document.fonts.ready);
}

const fixtures = readdirSync(resolve(import.meta.dirname, 'fixtures')).filter(
  (name) => name.endsWith('.json') && !name.startsWith('bad-'),
);

test.describe('screenshots', () => {
  for (const lesson of LESSONS) {
    test(`lesson ${lesson.id}`, async ({ app, page }) => {
      await app.open(`/?animations=off#lesson=${lesson.id}`);
      const question = lesson.question;
      await page.getByRole('radio', { name: question.choices[question.answer]! }).check();
      await page.getByRole('button', { name: 'Check my answer' }).click();
      await app.timeline.expectAt(question.generation, lesson.scenario.steps.length);
      await settle(app);
      await expect(page).toHaveScreenshot(`lesson-${lesson.id}.png`, { fullPage: true });
    });
  }

  for (const fixture of fixtures) {
    test(`scenario ${fixture}`, async ({ app, page }) => {
      await app.open();
      const text = readFileSync(resolve(import.meta.dirname, 'fixtures', fixture), 'utf8');
      await app.importFile(fixture, text);
      const steps = (JSON.parse(text) as { steps: unknown[] }).steps.length;
      await app.timeline.last();
      await app.timeline.expectAt(steps, steps);
      await app.dismissNotice();
      await settle(app);
      await expect(page).toHaveScreenshot(`scenario-${fixture.replace(/\.json$/, '')}.png`, {
        fullPage: true,
      });
    });
  }
});
