import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp } from './pages';

const FINDINGS = 'test/conformance/findings';
const NON_TERMINATION =
  "aiokafka's sticky assignor does not terminate on this input — a known defect of the original";

async function importFinding(page: Page, name: string) {
  await page.getByLabel('Import scenario file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: readFileSync(`${FINDINGS}/${name}`),
  });
}

const stickyPanel = (page: Page) => page.locator('article.group-panel[data-assignor="sticky"]');

test("aiokafka's endless loop gets a verdict for its generation; the page and later generations still work", async ({
  page,
}) => {
  await openApp(page);
  await importFinding(page, 'sticky-endless-loop.scenario.json');
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 6');
  // The last generation replayed: the loop in generation 3 did not stop the rest.
  await page.getByRole('button', { name: 'Last generation' }).click();
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 6 of 6');
  await expect(stickyPanel(page).locator('[data-owner="C0"]').first()).toBeVisible();

  await page.getByRole('list', { name: 'Generations' }).getByRole('button').nth(2).click();
  const verdict = stickyPanel(page).getByTestId('aiokafka-verdict');
  await expect(verdict).toContainText(NON_TERMINATION);
  await expect(verdict).toHaveAttribute('data-kind', 'non-termination');
  await page.screenshot({ path: '/tmp/defects-loop.png' });

  // Still responsive: step on; generation 4 returned (it has its own verdict: the stale
  // hand-back defect), so the endless-loop verdict goes away.
  await page.getByRole('button', { name: 'Next generation' }).click();
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 4 of 6');
  await expect(stickyPanel(page).locator('[data-kind="non-termination"]')).toHaveCount(0);
  await expect(stickyPanel(page).locator('[data-owner="C0"]').first()).toBeVisible();

  // Fixed mode ends the loop: generation 3 gets an assignment and no verdict.
  await page.getByLabel('aiokafka defects').selectOption('fixed');
  await page.getByRole('list', { name: 'Generations' }).getByRole('button').nth(2).click();
  await expect(stickyPanel(page).locator('[data-partition]').first()).toBeVisible();
  await expect(stickyPanel(page).getByTestId('aiokafka-verdict')).toHaveCount(0);
});

test('an invalid aiokafka result is shown as invalid, and faithful and fixed compare side by side', async ({
  page,
}) => {
  await openApp(page);
  await importFinding(page, 'sticky-invalid-hand-back.scenario.json');
  await page.getByRole('list', { name: 'Generations' }).getByRole('button').nth(2).click();
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 3 of 6');

  const verdict = stickyPanel(page).getByTestId('aiokafka-verdict');
  await expect(verdict).toContainText(
    'aiokafka 0.14 gives C7, C8, C17 and C27 partitions of topics they no longer subscribe to',
  );
  // The violations are on the lanes: C7 holds partitions of t5 it does not subscribe to.
  const c7Misassigned = stickyPanel(page).locator(
    '[data-owner="C7"][data-topic="t5"][data-state="misassigned"]',
  );
  await expect(c7Misassigned).toHaveCount(3);

  await page.getByLabel('Compare sticky in fixed mode').check();
  const fixedPanel = page.locator('article.group-panel[data-assignor="sticky-fixed"]');
  await expect(fixedPanel.locator('[data-partition]').first()).toBeVisible();
  await expect(fixedPanel.getByTestId('aiokafka-verdict')).toHaveCount(0);
  await expect(fixedPanel.locator('[data-state="misassigned"]')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/defects-invalid.png', fullPage: true });
});
