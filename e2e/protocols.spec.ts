import AxeBuilder from '@axe-core/playwright';
import { builtinRunFactory } from '../src/scenario/builtinRuns';
import { DEFAULT_SCENARIO, LESSONS, protocolRunAt } from '../src/scenario/lessons';
import { protocolRunsOf } from '../src/scenario/protocolReplay';
import { replayAll } from '../src/scenario/replay';
import { serverRunFactory } from '../src/scenario/serverRuns';
import { expect, test } from './fixtures';
import { ProtocolPage } from './protocolPage';

/**
 * Rebalance protocols on the page: the switch, the rounds inside a generation, what each
 * member does in them, the unconsumed partitions and the per-generation figures, compared
 * side by side. Expected figures come from the same model run in Node on the default scenario.
 */
const sticky = replayAll(DEFAULT_SCENARIO, builtinRunFactory('sticky', DEFAULT_SCENARIO));
const eager = protocolRunsOf('eager', sticky);
const cooperative = protocolRunsOf('cooperative', sticky);
const uniform = replayAll(DEFAULT_SCENARIO, serverRunFactory('server-uniform'));
const consumer = protocolRunsOf('consumer', uniform);
const steps = DEFAULT_SCENARIO.steps.length;

const EAGER = 'eager (aiokafka)';
const COOPERATIVE = 'cooperative (KIP-429)';
const CONSUMER = 'consumer (KIP-848)';

test('the protocol switch shows a generation’s rounds, member states and figures', async ({
  app,
  page,
}) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await expect(protocol.view).toHaveCount(0);
  await protocol.choose(COOPERATIVE);
  await app.timeline.goTo(2); // C3 joins
  const run = cooperative[1]!;
  expect(run.rounds).toHaveLength(2);
  await expect(protocol.rounds(COOPERATIVE)).toHaveText([
    /^Round 1: join\/sync/,
    /^Round 2: join\/sync/,
    'Settled',
  ]);
  await expect(protocol.metric('protocol-rounds')).toHaveText('2');
  await expect(protocol.metric('protocol-unconsumedPartitions')).toHaveText(
    String(run.metrics.unconsumedPartitions),
  );
  await expect(protocol.metric('protocol-unconsumedPartitionMs')).toHaveText(
    String(run.metrics.unconsumedPartitionMs),
  );
  await expect(protocol.metric('protocol-pause-C3')).toHaveText(
    String(run.metrics.members['C3']!.pauseMs),
  );

  // Round 2: C3 waits for the partitions the others gave up; they are drawn unconsumed with
  // how long nobody consumed them.
  await protocol.rounds(COOPERATIVE).nth(1).click();
  await protocol.expectRound(COOPERATIVE, /^Round 2/);
  const c3 = protocol.member(COOPERATIVE, 'C3');
  await expect(c3).toHaveAttribute('data-activity', 'paused');
  const inFlight = c3.locator('.protocol-token.unconsumed');
  await expect(inFlight).toHaveCount(run.metrics.unconsumedPartitions);
  for (const p of run.metrics.partitions) {
    await expect(
      c3.locator(`.protocol-token.unconsumed[data-unconsumed-ms="${p.unconsumedMs}"]`).first(),
    ).toBeVisible();
  }
  // The members that keep their partitions go on consuming in cooperative.
  await expect(protocol.member(COOPERATIVE, 'C0')).not.toHaveAttribute('data-activity', 'paused');
});

test('eager and cooperative side by side: what stops, in step', async ({ app, page }) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose(EAGER);
  await protocol.compareWith(COOPERATIVE);
  await protocol.stepRounds();
  await app.timeline.goTo(1);
  await app.timeline.expectAt(1, steps);
  // → moves by round: into generation 2's first round, then its settled state.
  await page.keyboard.press('ArrowRight');
  await app.timeline.expectAt(2, steps);
  await protocol.expectRound(EAGER, /^Round 1/);
  await protocol.expectRound(COOPERATIVE, /^Round 1/);
  // Eager: everyone has revoked everything and waits for the SyncGroup.
  for (const member of ['C0', 'C1', 'C2', 'C3'])
    await expect(protocol.member(EAGER, member)).toHaveAttribute('data-activity', 'paused');
  // The lanes of the primary protocol say so too, in each member's caption.
  const lane = (member: string) =>
    app.panels().first().locator(`[data-lane="member"][data-member="${member}"]`);
  await expect(lane('C0')).toHaveAttribute('data-status', 'paused');
  await expect(lane('C0')).toContainText('paused');
  await expect(protocol.metric('protocol-unconsumedPartitions', 0)).toHaveText(
    String(eager[1]!.metrics.unconsumedPartitions),
  );
  await expect(protocol.metric('protocol-unconsumedPartitions', 1)).toHaveText(
    String(cooperative[1]!.metrics.unconsumedPartitions),
  );
  expect(eager[1]!.metrics.unconsumedPartitions).toBeGreaterThan(
    cooperative[1]!.metrics.unconsumedPartitions,
  );
  await page.keyboard.press('ArrowRight');
  await app.timeline.expectAt(2, steps);
  await protocol.expectRound(EAGER, /^Settled/);
  await expect(lane('C0')).not.toHaveAttribute('data-status');
  await page.getByRole('button', { name: 'Next generation' }).click();
  await app.timeline.expectAt(3, steps);
  await protocol.expectRound(EAGER, /^Round 1/);
  await page.keyboard.press('ArrowLeft');
  await app.timeline.expectAt(2, steps);
  await protocol.expectRound(EAGER, /^Settled/);
});

test('the consumer protocol runs a server-side assignor and shows member epochs', async ({
  app,
  page,
}) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose(CONSUMER);
  await expect(page.getByLabel('Show server-uniform')).toBeChecked();
  await expect(page.getByText('uniform (server, KIP-848)').first()).toBeVisible();
  await app.timeline.goTo(2);
  const run = consumer[1]!;
  await expect(protocol.metric('protocol-rounds')).toHaveText(String(run.metrics.rounds));
  await protocol.rounds(CONSUMER).first().click();
  // Round 1: C2 must give up a partition; it keeps its old epoch until it acks the revocation.
  const c2 = protocol.member(CONSUMER, 'C2');
  await expect(c2).toHaveAttribute('data-consumer-state', 'unrevoked-partitions');
  await expect(c2.getByTestId('member-state')).toContainText(`epoch ${run.groupEpoch - 1}`);
  await protocol.rounds(CONSUMER).nth(1).click();
  await expect(protocol.member(CONSUMER, 'C3').locator('.protocol-token.unconsumed')).toHaveCount(
    2,
  );
  // Back to eager: the client assignor comes back.
  await protocol.choose(EAGER);
  await expect(page.getByLabel('Show sticky')).toBeChecked();
});

test.describe('protocol lessons', () => {
  for (const id of ['eager-vs-cooperative', 'kip848-reconciliation', 'static-membership']) {
    test(`${id}: predict, then the protocol view plays the asked generation`, async ({
      app,
      page,
    }) => {
      const lesson = LESSONS.find((l) => l.id === id)!;
      await app.open(`/?animations=off#lesson=${id}`);
      const protocol = new ProtocolPage(page);
      // Before the answer, only the generation before the question is shown.
      await app.timeline.expectAt(lesson.question.generation - 1, lesson.scenario.steps.length);
      await expect(protocol.view).toContainText(
        `Generation ${lesson.question.generation - 1} under`,
      );
      await page
        .getByRole('radio', { name: lesson.question.choices[lesson.question.answer]! })
        .check();
      await page.getByRole('button', { name: 'Check my answer' }).click();
      await app.timeline.expectAt(lesson.question.generation, lesson.scenario.steps.length);
      await expect(page.getByText(lesson.question.reveal)).toBeVisible();
      const results = Object.fromEntries(
        lesson.assignors.map((name) => [
          name,
          replayAll(
            lesson.scenario,
            name.startsWith('server-')
              ? serverRunFactory(name as 'server-uniform')
              : builtinRunFactory(name as 'sticky', lesson.scenario),
          ),
        ]),
      );
      const shown = [
        lesson.protocol!,
        ...(lesson.comparedProtocol ? [lesson.comparedProtocol] : []),
      ];
      for (const [column, p] of shown.entries()) {
        const run = protocolRunAt(results, lesson.assignors[0]!, lesson.question.generation, p);
        await expect(protocol.metric('protocol-unconsumedPartitions', column)).toHaveText(
          String(run.metrics.unconsumedPartitions),
        );
        await expect(protocol.metric('protocol-rounds', column)).toHaveText(
          String(run.metrics.rounds),
        );
      }
    });
  }
});

test('the protocol views have no accessibility violations (axe-core)', async ({ app, page }) => {
  const violations = async () =>
    (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'])
        .analyze()
    ).violations.map(
      (v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    );
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose(EAGER);
  await protocol.compareWith(COOPERATIVE);
  await app.timeline.goTo(2);
  await protocol.rounds(EAGER).first().click();
  await expect(protocol.member(EAGER, 'C0')).toHaveAttribute('data-activity', 'paused');
  expect(await violations()).toEqual([]);
  await protocol.choose(CONSUMER);
  await expect(protocol.rounds(CONSUMER).first()).toBeVisible();
  expect(await violations()).toEqual([]);
});
