import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { openBigGroup } from './bigGroup';

/** The canvas picture (many partitions) is as usable without sight or a mouse as the SVG one. */

test('axe-core finds nothing wrong with the lanes of a 10k-partition canvas', async ({ page }) => {
  test.setTimeout(120_000);
  await openBigGroup(page, 80);
  // The same rules as e2e/a11y.spec.ts, experimental ones (label-content-name-mismatch) too.
  const results = await new AxeBuilder({ page })
    .include('[data-renderer]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.html.slice(0, 160)}`,
  );
  expect(summary).toEqual([]);
});
