import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeMemberMetadata } from '../src/core/protocol';
import { builtinRunFactory } from '../src/scenario/builtinRuns';
import { parseScenarioFile } from '../src/scenario/file';
import { javaRunFactory } from '../src/scenario/javaRuns';
import { DEFAULT_SCENARIO } from '../src/scenario/lessons';
import { protocolRunsOf } from '../src/scenario/protocolReplay';
import { replayAll, type GenerationResult } from '../src/scenario/replay';
import { expect, test } from './fixtures';
import { ProtocolPage } from './protocolPage';

/**
 * Kafka's Java assignors on the page, beside aiokafka's: what a group of Java consumers computes
 * on the same scenario. Expected owners come from the same replays run in Node; the ports
 * themselves are checked against Kafka's own Java output in the unit tests.
 */
const KIP54_FILE = readFileSync(
  resolve(import.meta.dirname, 'fixtures', 'kip54-example1.json'),
  'utf8',
);
const kip54 = parseScenarioFile(KIP54_FILE).scenario;
const aiokafka = replayAll(kip54, builtinRunFactory('sticky', kip54));
const javaSticky = replayAll(kip54, javaRunFactory('java-sticky'));
const cooperativeSticky = replayAll(DEFAULT_SCENARIO, javaRunFactory('cooperative-sticky'));

/** "topic-partition" → owner, as the lanes show them. */
function ownersOf(generation: GenerationResult | undefined): Record<string, string> {
  return Object.fromEntries(
    (generation?.members ?? []).flatMap((m) =>
      m.assignment.flatMap(([topic, partitions]) => partitions.map((p) => [`${topic}-${p}`, m.id])),
    ),
  );
}

test('Kafka’s Java sticky plays beside aiokafka’s sticky, generation by generation', async ({
  app,
  page,
}, testInfo) => {
  // KIP-54's first example: every member reads the same topics, which Kafka's Java sticky
  // assigns with its constrained algorithm, and aiokafka's (a port of Kafka's older one) does not.
  expect(ownersOf(javaSticky[1])).not.toEqual(ownersOf(aiokafka[1]));
  await app.open();
  await app.importFile('kip54-example1.json', KIP54_FILE);
  await app.showAssignor('java-sticky');
  const java = app.lanesOf('java-sticky');
  await expect(java.root.getByRole('heading', { name: 'sticky (Java)' })).toBeVisible();
  for (let g = 1; g <= kip54.steps.length; g++) {
    await app.timeline.goTo(g);
    await expect
      .poll(() => java.owners(), { message: `generation ${g}` })
      .toEqual(ownersOf(javaSticky[g - 1]));
    await expect.poll(() => app.lanes.owners()).toEqual(ownersOf(aiokafka[g - 1]));
  }
  const moved = (run: GenerationResult[]) => run.reduce((n, g) => n + g.metrics.moved, 0);
  await expect(page.getByTestId('compare-totals')).toContainText(
    `sticky ${moved(aiokafka)} vs sticky (Java) ${moved(javaSticky)}`,
  );
  await page.screenshot({ path: resolve(testInfo.outputDir, 'java-sticky.png'), fullPage: true });

  // A Java sticky member sends aiokafka's user data layout: the inspector reads it the same way.
  await page.getByRole('radio', { name: 'Make sticky (Java) primary' }).check();
  await java.inspect('C0');
  const dialog = page.getByRole('dialog', { name: 'Member C0' });
  await expect(dialog).toContainText('Sticky user data: previous assignment');
  await expect(dialog).toContainText('user_data.generation');
  await expect(dialog).toContainText('generation_id');
  await page.screenshot({
    path: resolve(testInfo.outputDir, 'java-sticky-inspector.png'),
    fullPage: true,
  });
});

test('cooperative-sticky is offered where a Java group runs it, with its follow-up rebalance', async ({
  app,
  page,
}, testInfo) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  const choice = (name: string) => page.getByRole('checkbox', { name: `Show ${name}` });
  // No protocol shown, or eager: Kafka's StickyAssignor fits, cooperative-sticky does not (an
  // eager Java consumer reports nothing owned to it).
  await expect(choice('java-sticky')).toBeVisible();
  await expect(choice('cooperative-sticky')).toHaveCount(0);
  await protocol.choose('eager (aiokafka)');
  await expect(choice('java-sticky')).toBeVisible();
  await expect(choice('cooperative-sticky')).toHaveCount(0);
  await protocol.choose('cooperative (KIP-429)');
  await expect(choice('java-sticky')).toHaveCount(0);
  await choice('cooperative-sticky').check();
  await page.getByRole('radio', { name: 'Make cooperative-sticky (Java) primary' }).check();
  const lanes = app.lanesOf('cooperative-sticky');

  // Generation 2: C3 joins. Partitions change owner, so the Java group rebalances again.
  await app.timeline.goTo(2);
  const joined = cooperativeSticky[1];
  expect(joined?.followUpRebalances).toBe(1);
  await expect.poll(() => lanes.owners()).toEqual(ownersOf(joined));
  await expect(lanes.root.getByTestId('follow-up-rebalances')).toHaveText(
    /the group rebalanced once more to hand them over/,
  );
  const run = protocolRunsOf('cooperative', cooperativeSticky)[1];
  await expect(protocol.rounds('cooperative (KIP-429)')).toHaveCount((run?.rounds.length ?? 0) + 1);
  await page.screenshot({
    path: resolve(testInfo.outputDir, 'cooperative-sticky.png'),
    fullPage: true,
  });

  // What a Java member sent: a v3 subscription with its owned partitions and generation.
  await lanes.inspect('C0');
  const dialog = page.getByRole('dialog', { name: 'Member C0' });
  // The JoinGroup of the follow-up: C0 owns what the first rebalance of generation 2 left it.
  const sent = decodeMemberMetadata(
    joined?.members.find((m) => m.id === 'C0')?.metadataBytes ?? new Uint8Array(),
  );
  expect(sent.generationId).toBe(2);
  await expect(dialog).toContainText('in the last of 2 rebalances');
  await expect(dialog).toContainText(
    `Java subscription v3: owns ${(sent.ownedPartitions ?? []).map(([t, ps]) => `${t} [${ps.join(', ')}]`).join(', ')}; generation 2;`,
  );
  await expect(dialog).toContainText('owned_partitions');
  await expect(dialog).toContainText('generation_id');
  await page.screenshot({
    path: resolve(testInfo.outputDir, 'java-inspector.png'),
    fullPage: true,
  });

  // Back to eager: cooperative-sticky no longer fits and is dropped from the comparison.
  await page.keyboard.press('Escape');
  await protocol.choose('eager (aiokafka)');
  await expect(lanes.root).toHaveCount(0);
});
