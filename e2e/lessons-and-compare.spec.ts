import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { primaryPanel } from './pages';

/**
 * What a learner sees: a lesson question that does not give its answer away, lessons whose
 * figures are explained, a timeline that keeps the current generation in view, and compare
 * rules (the limit, the primary) that are on screen rather than hidden.
 */

async function open(page: Page, path = '/?animations=off'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Rebalance Playground' })).toBeVisible();
}

/** Every piece of text on the page, including SVG titles and descriptions. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.body.innerText];
    for (const el of document.querySelectorAll('svg title, svg desc, [title], [aria-label]'))
      parts.push(
        el.textContent ?? '',
        el.getAttribute('title') ?? '',
        el.getAttribute('aria-label') ?? '',
      );
    return parts.join('\n');
  });
}

function chip(page: Page, generation: number) {
  return page
    .getByRole('list', { name: 'Generations' })
    .getByRole('listitem')
    .nth(generation - 1);
}

test.describe('lessons', () => {
  test('before answering, nothing on the page shows the asked generation’s outcome', async ({
    page,
  }) => {
    await open(page);
    // Revocation: sticky moves 4 and roundrobin 2 at generation 2, the one asked about.
    await page
      .getByLabel('Lessons')
      .selectOption({ label: 'A subscription change forces revocation' });
    await expect(page.getByText('C1 stops reading payments.').first()).toBeVisible();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 2');
    // Results are in (generation 1's figures are shown) before we look for leaks.
    await expect(chip(page, 1)).toContainText('0 moved');
    await expect(page.locator('tr[data-metric="moved"] td.num').first()).toHaveText('0');

    const before = await pageText(page);
    expect(before).not.toMatch(/4 moved|2 moved|moved 4|moved 2/);
    await expect(chip(page, 2)).not.toContainText('moved');
    await expect(page.getByTestId('compare-totals')).toContainText('hidden until you answer');
    await expect(page.locator('tr[data-metric="total-moved"]')).toContainText(
      'hidden until you answer',
    );
    // The chart has no bar for the asked generation.
    await expect(page.locator('.metrics-chart .bars rect[data-generation="2"]')).toHaveCount(0);
    await expect(page.locator('.metrics-chart .bars rect[data-generation="1"]')).toHaveCount(2);
    // Stepping forward cannot reach it either: not by the arrow key, nor by its chip.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 2');
    await expect(chip(page, 2).getByRole('button')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Next generation' })).toBeDisabled();
    // Nor does the diff tell whether the asked generation differs.
    await page.getByLabel('Diff against').selectOption({ label: 'roundrobin' });
    await expect(page.getByTestId('diff-summary')).toContainText('0 partitions differ here');
    await expect(page.getByTestId('diff-summary')).not.toContainText('generations differ');
    await expect(page.getByTestId('diff-summary')).not.toContainText('identical');
    await page.screenshot({ path: '/tmp/learner-lesson-before.png' });

    await page.getByRole('radio', { name: /No, its payments partitions must move/ }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await expect(page.getByText('Right!')).toBeVisible();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 2');
    await expect(chip(page, 2)).toContainText('4 moved');
    await expect(page.getByTestId('compare-totals')).toContainText('sticky 4 vs roundrobin 2');
    await expect(page.locator('.metrics-chart .bars rect[data-generation="2"]')).toHaveCount(2);
    await expect(page.getByTestId('diff-summary')).toContainText('1 of 2 generations differ');
    // The figures the learner now sees are explained.
    await expect(page.locator('.lesson-reveal')).toContainText(
      'That is why sticky counts 4 moved and roundrobin only 2',
    );
    await page.screenshot({ path: '/tmp/learner-lesson-after.png' });
  });

  test('the question is about the assignor shown first, whose figures the metrics show', async ({
    page,
  }) => {
    await open(page);
    await page.getByLabel('Lessons').selectOption({ label: 'A topic grows' });
    await expect(page.getByText('How many existing partitions will range move?')).toBeVisible();
    await expect(primaryPanel(page)).toHaveAttribute('data-assignor', 'range');
    await expect(page.locator('.metrics thead th').nth(1)).toHaveText('range');
  });

  test('leaving a lesson returns to the generation the user was viewing', async ({ page }) => {
    await open(page);
    await chip(page, 2).getByRole('button').click();
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 4');
    await page.getByLabel('Lessons').selectOption({ label: 'One member leaves' });
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 2');
    await page.getByRole('button', { name: 'Exit lesson (back to my scenario)' }).click();
    await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 4');
    await expect(chip(page, 2)).toHaveClass(/current/);
  });
});

test.describe('timeline', () => {
  test('the current generation’s chip stays in view on a long timeline', async ({ page }) => {
    await open(page);
    // Ten more rebalances: fourteen generations, far wider than the strip.
    for (let i = 0; i < 10; i++) {
      await page.getByLabel('New member id').fill(`extra-${i}`);
      await page.getByRole('button', { name: 'Add member' }).click();
    }
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 14 of 14');
    const strip = page.getByRole('list', { name: 'Generations' });
    const inView = async (generation: number) => {
      const s = await strip.boundingBox();
      const c = await chip(page, generation).boundingBox();
      return s !== null && c !== null && c.x >= s.x - 2 && c.x + c.width <= s.x + s.width + 2;
    };
    expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect.poll(() => inView(14)).toBe(true);
    await page.getByRole('button', { name: 'First generation' }).click();
    await expect.poll(() => inView(1)).toBe(true);
    await page.getByRole('button', { name: 'Last generation' }).click();
    await expect.poll(() => inView(14)).toBe(true);
    await page.screenshot({ path: '/tmp/learner-timeline.png' });
  });
});

test.describe('compare', () => {
  test('the limit is visible and a fourth assignor never silently drops one', async ({ page }) => {
    await open(page);
    await page.getByRole('checkbox', { name: 'Show range' }).check();
    await page.getByRole('checkbox', { name: 'Show roundrobin' }).check();
    await expect(page.locator('article.group-panel')).toHaveCount(3);
    await expect(page.getByTestId('assignor-limit')).toContainText('At most 3 at once');
    const custom = page.getByRole('checkbox', { name: 'Show custom' });
    await expect(custom).toBeDisabled();
    await custom.check({ force: true }).catch(() => undefined);
    await expect(page.locator('article.group-panel')).toHaveCount(3);
    for (const name of ['sticky', 'range', 'roundrobin'])
      await expect(page.getByRole('checkbox', { name: `Show ${name}` })).toBeChecked();
  });

  test('the primary is an explicit choice that metrics, diff and the inspector follow', async ({
    page,
  }) => {
    await open(page);
    await page.getByRole('checkbox', { name: 'Show range' }).check();
    await page.getByRole('checkbox', { name: 'Show roundrobin' }).check();
    // Ticked first is not primary by accident: the user picks it.
    await expect(page.getByRole('radio', { name: 'Make sticky primary' })).toBeChecked();
    await page.getByRole('radio', { name: 'Make roundrobin primary' }).check();
    await expect(page.getByTestId('assignor-limit')).toContainText('(roundrobin)');
    await expect(primaryPanel(page)).toHaveAttribute('data-assignor', 'roundrobin');
    await expect(page.locator('.metrics thead th').nth(1)).toHaveText('roundrobin');
    await expect(page.getByText('Diff roundrobin against')).toBeVisible();
    await primaryPanel(page).locator('[data-member="C0"]').first().click();
    await expect(page.getByRole('dialog')).toContainText('roundrobin');
    await page.screenshot({ path: '/tmp/learner-compare.png' });
  });
});

test.describe('custom assignor results and the inspector', () => {
  async function runExample(page: Page, title: string) {
    await page.getByRole('button', { name: 'Custom assignor', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Custom assignor' });
    await dialog.getByLabel('Examples').selectOption({ label: title });
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    return dialog;
  }

  /** Whether two boxes share any pixel. */
  function overlap(
    a: { x: number; y: number; width: number; height: number } | null,
    b: { x: number; y: number; width: number; height: number } | null,
  ): boolean {
    if (a === null || b === null) return false;
    return (
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    );
  }

  test('a run’s verdicts and lanes appear beside the editor, which covers no lanes', async ({
    page,
  }) => {
    await open(page);
    const dialog = await runExample(page, 'Least loaded (works)');
    // Without closing the editor or ticking anything: the lanes of this run, right here.
    const preview = dialog.getByRole('region', { name: 'Custom assignor at this generation' });
    await expect(preview.locator('[data-topic][data-partition]')).toHaveCount(10, {
      timeout: 15_000,
    });
    await expect(dialog.getByRole('status').filter({ hasText: 'valid assignment' })).toBeVisible();
    await expect(preview).toContainText('custom at generation 1');
    // The built-in lanes stay visible next to it, not under it.
    const lanes = primaryPanel(page).locator('[data-member]').first();
    await expect(lanes).toBeVisible();
    expect(overlap(await primaryPanel(page).boundingBox(), await dialog.boundingBox())).toBe(false);
    await page.getByRole('button', { name: 'Next generation' }).click();
    await expect(preview).toContainText('custom at generation 2');
    await preview.getByRole('button', { name: 'Compare with the others' }).click();
    await expect(page.locator('article.group-panel[data-assignor="custom"]')).toBeVisible();
    await page.screenshot({ path: '/tmp/learner-custom.png' });
  });

  test('the inspector opens beside the lanes instead of over them', async ({ page }) => {
    await open(page);
    await primaryPanel(page).locator('[data-member="C0"]').first().click();
    const inspector = page.getByRole('dialog', { name: 'Member C0' });
    await expect(inspector).toBeVisible();
    const panel = primaryPanel(page);
    await expect(panel.locator('[data-member="C2"]').first()).toBeVisible();
    expect(overlap(await panel.boundingBox(), await inspector.boundingBox())).toBe(false);
    await page.screenshot({ path: '/tmp/learner-inspector.png' });
  });

  test('metrics flag a result that gives a partition to two members as invalid', async ({
    page,
  }) => {
    await open(page);
    const dialog = await runExample(page, 'Broken: gives one partition to two members');
    await expect(dialog.locator('.custom-verdicts > li').first()).toContainText(
      'is given to 2 members',
      { timeout: 15_000 },
    );
    await dialog.getByRole('button', { name: 'Close custom assignor' }).click();
    await page.getByRole('checkbox', { name: 'Show custom' }).check();
    const column = await page
      .locator('.metrics thead th')
      .evaluateAll((ths) => ths.map((th) => th.textContent).indexOf('custom'));
    expect(column).toBeGreaterThan(0);
    const cell = (metric: string) =>
      page.locator(`.metrics tr[data-metric="${metric}"] td`).nth(column);
    // Today's complaint first: the stickiness check must not vouch for a broken result.
    await expect(cell('isSticky')).toHaveText('invalid');
    await expect(cell('validity')).toContainText('invalid');
    await expect(cell('total-moved')).toContainText('invalid generation');
    await expect(page.getByTestId('compare-totals')).toContainText('invalid');
    await expect(
      page
        .locator('.metrics-chart .bars rect[data-assignor="custom"][data-invalid="true"]')
        .first(),
    ).toBeAttached();
    // The built-in beside it is still valid.
    await expect(page.locator('.metrics tr[data-metric="validity"] td').nth(1)).toHaveText('valid');
    await page.locator('.metrics').screenshot({ path: '/tmp/learner-metrics-invalid.png' });
  });
});
