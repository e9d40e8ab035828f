import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { openBigGroup } from './bigGroup';

/** The canvas picture (many partitions) is as usable without sight or a mouse as the SVG one. */

test('axe-core finds nothing wrong with the lanes of a 10k-partition canvas', async ({ page }) => {
  test.setTimeout(120_000);
  await openBigGroup(page, 80);
  // label-content-name-mismatch is one of axe's experimental rules: run it too.
  const results = await new AxeBuilder({ page })
    .include('[data-renderer]')
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.html.slice(0, 160)}`,
  );
  expect(summary).toEqual([]);
});
