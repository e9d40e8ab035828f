/**
 * Autosave in a real browser: a reload during a lesson, batched edits, and two tabs of the
 * same playground. Saves are awaited by polling storage, never by sleeping.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { laneMembers, openApp } from './pages';

const AUTOSAVE_KEY = 'rebalance-playground/autosave';

/** The scenario the autosave holds (envelope or bare file), as the page would read it. */
async function savedScenario(page: Page): Promise<{ name: string; steps: unknown[] } | null> {
  return page.evaluate((key) => {
    const text = localStorage.getItem(key);
    if (text === null) return null;
    const json = JSON.parse(text) as { scenario?: unknown };
    return (json.scenario ?? json) as { name: string; steps: unknown[] };
  }, AUTOSAVE_KEY);
}

async function savedTopics(page: Page): Promise<string[]> {
  return page.evaluate((key) => {
    const text = localStorage.getItem(key);
    if (text === null) return [];
    const json = JSON.parse(text) as { scenario?: { steps: { changes: { topic?: string }[] }[] } };
    const file = (json.scenario ?? json) as { steps: { changes: { topic?: string }[] }[] };
    return file.steps.flatMap((s) => s.changes.flatMap((c) => (c.topic ? [c.topic] : [])));
  }, AUTOSAVE_KEY);
}

async function addTopic(page: Page, name: string): Promise<void> {
  await page.getByLabel('New topic name').fill(name);
  await page.getByRole('button', { name: 'Add topic' }).click();
}

test('a reload during a lesson returns to the lesson, and the user’s own scenario is still behind it', async ({
  page,
}) => {
  await openApp(page);
  await addTopic(page, 'mine');
  await expect.poll(() => savedTopics(page)).toContain('mine');
  await page.getByLabel('Lessons').selectOption({ label: 'One member leaves' });
  await expect(page.getByText('How many partitions will sticky take away')).toBeVisible();
  // What is saved is the user's scenario, with the lesson noted on top of it.
  await expect
    .poll(() =>
      page.evaluate(
        (key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { lessonId?: string }).lessonId,
        AUTOSAVE_KEY,
      ),
    )
    .toBe('one-member-leaves');
  expect((await savedScenario(page))?.name).toBe('Orders and payments');
  await page.reload();
  // Still in the lesson after the reload ...
  await expect(page.getByText('How many partitions will sticky take away')).toBeVisible();
  await expect(page.locator('.top-bar .scenario-name')).toHaveText('Lesson: one member leaves');
  // ... and leaving it brings back the user's own scenario, edit included.
  await page.getByRole('button', { name: 'Exit lesson (back to my scenario)' }).click();
  await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
  await expect(page.locator('[data-topic-row="mine"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
  await expect(page.locator('[data-topic-row="mine"]')).toBeVisible();
});

test('batched (not yet rebalanced) edits survive a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('checkbox', { name: 'Rebalance after each change' }).uncheck();
  await addTopic(page, 'audit');
  await page.getByRole('button', { name: 'Remove C0' }).click();
  const rebalance = page.getByRole('button', { name: 'Rebalance (2 changes)' });
  await expect(rebalance).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate((key) => {
        const text = localStorage.getItem(key);
        return text === null
          ? 0
          : ((JSON.parse(text) as { pendingChanges?: unknown[] }).pendingChanges?.length ?? 0);
      }, AUTOSAVE_KEY),
    )
    .toBe(2);
  await page.reload();
  await expect(rebalance).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: 'Rebalance after each change' }),
  ).not.toBeChecked();
  await rebalance.click();
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 5 of 5');
  await expect.poll(() => laneMembers(page)).not.toContain('C0');
  await expect(page.locator('[data-topic-row="audit"]')).toBeVisible();
});

test('two tabs: one never overwrites the other’s newer work, and each keeps its own across a reload', async ({
  page,
  context,
  pageErrors,
}) => {
  await openApp(page);
  const other = await context.newPage();
  pageErrors.watch(other);
  await openApp(other);
  await addTopic(other, 'from-b');
  await expect.poll(() => savedTopics(page)).toContain('from-b');

  await addTopic(page, 'from-a');
  await expect(page.getByText('Another tab saved its own changes')).toBeVisible();
  // Tab B's save is untouched.
  expect(await savedTopics(page)).toContain('from-b');
  expect(await savedTopics(page)).not.toContain('from-a');

  await page.reload();
  await expect(page.locator('[data-topic-row="from-a"]')).toBeVisible();
  await other.reload();
  await expect(other.locator('[data-topic-row="from-b"]')).toBeVisible();
  await expect(other.locator('[data-topic-row="from-a"]')).toHaveCount(0);

  // Asked, tab A saves over tab B.
  await addTopic(page, 'from-a-2');
  await page.getByRole('button', { name: 'Save this tab’s work over it' }).click();
  await expect.poll(() => savedTopics(page)).toContain('from-a-2');
  await other.close();
});
