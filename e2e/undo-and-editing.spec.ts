import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

/**
 * Undo/redo and which state the side bar edits, done as a user does it. The default scenario
 * ("Orders and payments") has 4 generations: 1 C0–C2 join, 2 C3 joins, 3 C1 leaves, 4 orders
 * grows to 8 partitions.
 */

test.describe('undo and editing', () => {
  test('dropped steps come back with Undo, and stay after a reload', async ({ app, page }) => {
    await app.open();
    await app.timeline.goTo(2);
    await app.timeline.dropButton().click();
    await app.timeline.expectAt(2, 2);
    const notice = app.notice();
    await expect(notice).toContainText('Dropped 2 steps after generation 2 (generations 3–4).');

    await notice.getByRole('button', { name: 'Undo' }).click();
    await app.timeline.expectAt(2, 4);
    await expect(app.timeline.chip(4, 'orders grows')).toBeVisible();
    // The autosave holds the whole timeline again, so a reload keeps it.
    await expect
      .poll(async () => JSON.parse((await app.savedScenario()) ?? '{}').steps?.length)
      .toBe(4);
    await page.reload();
    await app.ready();
    await app.timeline.expectAt(4, 4);
    await expect(app.timeline.chip(3, 'C1 leaves')).toBeVisible();

    // Redo is there too, from the top bar.
    await app.timeline.goTo(2);
    await app.timeline.dropButton().click();
    await app.timeline.expectAt(2, 2);
    await app.undoButton().click();
    await app.timeline.expectAt(2, 4);
    await app.redoButton().click();
    await app.timeline.expectAt(2, 2);
  });

  test('Ctrl+Z undoes an edit and Ctrl+Shift+Z / Ctrl+Y redo it, but not while typing', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.timeline.last();
    await app.editor.addMember('C9');
    await app.timeline.expectAt(5, 5);
    await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C2', 'C3', 'C9']);

    await page.keyboard.press('Control+z');
    await app.timeline.expectAt(4, 4);
    await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C2', 'C3']);
    await expect(app.editor.memberRow('C9')).toHaveCount(0);
    await page.keyboard.press('Control+Shift+z');
    await app.timeline.expectAt(5, 5);
    await expect(app.editor.memberRow('C9')).toBeVisible();
    await page.keyboard.press('Control+z');
    await app.timeline.expectAt(4, 4);
    await page.keyboard.press('Control+y');
    await app.timeline.expectAt(5, 5);

    // A checkbox keeps the focus after an edit; Ctrl+Z there still undoes the edit.
    const box = app.editor.subscription('C0', 'payments');
    await box.uncheck();
    await app.timeline.expectAt(6, 6);
    await expect(box).toBeFocused();
    await page.keyboard.press('Control+z');
    await app.timeline.expectAt(5, 5);
    await expect(box).toBeChecked();

    // In a text field Ctrl+Z belongs to the text: the scenario stays as it is.
    const field = app.editor.root.getByLabel('New topic name');
    await field.fill('audit');
    await field.press('Control+z');
    await app.timeline.expectAt(5, 5);
    await expect(app.editor.memberRow('C9')).toBeVisible();
  });

  test('viewing an earlier generation, the side bar says where an edit goes, and can branch', async ({
    app,
  }) => {
    await app.open();
    await app.timeline.goTo(2);
    const note = app.editor.editingPoint();
    await expect(note).toContainText(
      'You are viewing generation 2 of 4. These controls edit the group after generation 4',
    );

    // An edit made here goes to the end, and says so.
    await app.editor.addMember('late');
    await app.timeline.expectAt(5, 5);
    await expect(app.notice()).toContainText(
      'It became generation 5, at the end of the timeline (you were viewing generation 2).',
    );
    await expect(note).toBeHidden();
    await app.notice().getByRole('button', { name: 'Undo' }).click();
    await app.timeline.expectAt(2, 4);

    // Or branch from the generation shown: the later steps go (undoably), edits follow it.
    await note.getByRole('button', { name: 'Branch from generation 2' }).click();
    await app.timeline.expectAt(2, 2);
    await expect(app.notice()).toContainText(
      'Dropped 2 steps after generation 2 (generations 3–4).',
    );
    await expect(note).toBeHidden();
    // After generation 2 C1 is still in the group (it left only in the dropped generation 3).
    await expect(app.editor.memberRow('C1')).toBeVisible();
    await app.editor.addMember('branch');
    await app.timeline.expectAt(3, 3);
    await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C1', 'C2', 'C3', 'branch']);
  });

  test('editing during Play stops playback and says so', async ({ app }) => {
    await app.open();
    await app.timeline.expectAt(1, 4);
    await app.timeline.play();
    await expect(app.page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await app.editor.removeMember('C0');
    await expect(app.notice()).toContainText('Playback stopped for your edit.');
    await expect(app.page.getByRole('button', { name: 'Play' })).toBeVisible();
    await app.timeline.expectAt(5, 5);
  });

  test('a bad import after a good one keeps the Undo of the good one', async ({ app }) => {
    await app.open();
    const churn = readFileSync(resolve(import.meta.dirname, 'fixtures', 'churn.json'), 'utf8');
    const churnName = (JSON.parse(churn) as { name: string }).name;
    await app.importFile('churn.json', churn);
    await expect(app.scenarioName).toHaveText(churnName);
    await app.importFile('notjson.json', '{"format": ');
    const alert = app.notice('error');
    await expect(alert).toContainText('notjson.json was not imported: not valid JSON');
    await alert.getByRole('button', { name: 'Undo (back to “Orders and payments”)' }).click();
    await expect(app.scenarioName).toHaveText('Orders and payments');
  });
});
