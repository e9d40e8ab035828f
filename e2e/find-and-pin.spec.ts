import { expect, test } from './fixtures';

/**
 * Find and follow: a member is found by its id like a partition by its name, and its lane can
 * be pinned first, where it stays across generations and in every assignor's panel.
 */
test('find a member, pin its lane first, and it stays first across generations', async ({
  app,
  page,
}) => {
  await app.open();
  await app.showAssignor('range');
  await app.timeline.goTo(2);
  expect(await app.lanes.members()).toEqual(['C0', 'C1', 'C2', 'C3']);

  const inspector = page.getByTestId('partition-inspector');
  await inspector.getByLabel('Find').fill('C2');
  await inspector.getByLabel('Find').press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Member C2' });
  await expect(drawer).toBeVisible();
  const pin = drawer.getByRole('button', { name: 'Pin lane' });
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');

  // First in every panel, with "pinned" in its caption.
  expect(await app.lanes.members()).toEqual(['C2', 'C0', 'C1', 'C3']);
  expect(await app.lanesOf('range').members()).toEqual(['C2', 'C0', 'C1', 'C3']);
  await expect(app.lanes.root.locator('[data-member="C2"]')).toHaveAttribute(
    'data-status',
    'pinned',
  );
  // And in the next generation (C1 leaves): still first.
  await drawer.getByRole('button', { name: 'Close inspector' }).click();
  await app.timeline.goTo(3);
  await expect.poll(() => app.lanes.members()).toEqual(['C2', 'C0', 'C3']);

  // A name that is neither is said so.
  await inspector.getByLabel('Find').fill('C9');
  await inspector.getByLabel('Find').press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText(
    'No member “C9” in this scenario, and it is not a partition name (topic-number, e.g. orders-3).',
  );
});
