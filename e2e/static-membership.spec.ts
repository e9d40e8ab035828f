import { expect, test } from './fixtures';
import { ProtocolPage } from './protocolPage';

/**
 * Static membership on the page: a static member restarting within its session timeout is a
 * generation with no rebalance; the lanes keep every partition where it was, the rounds say
 * there were none, and a session timeout the restart outlasts is refused.
 */
test('a static restart moves nothing and triggers no rebalance; past the timeout it is an expulsion', async ({
  app,
  page,
}) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose('eager (aiokafka)');
  await app.timeline.last();
  const before = await app.lanes.owners();
  await app.editor.staticRestart('C2');
  await app.timeline.expectAt(5, 5);
  await expect(
    app.timeline.chip(5, 'C2 restarts as a static member, back after 10 s: no rebalance'),
  ).toContainText('0 moved');
  await expect.poll(() => app.lanes.owners()).toEqual(before);
  // Under the chip: no rounds; in the rounds panel, only C2 was paused, for 10 s and a round trip.
  const rounds = page.getByRole('group', { name: /^Generation 5: 0 rounds/ });
  await expect(rounds).toContainText('no rebalance');
  await expect(protocol.metric('protocol-rounds')).toHaveText('0');
  await expect(protocol.metric('protocol-pause-C2')).toHaveText('10200');
  await expect(protocol.metric('protocol-pause-C0')).toHaveText('0');

  // A session timeout shorter than the downtime: the coordinator expels C2 instead.
  await protocol.setTiming('Session timeout', '5000');
  await expect(
    app.timeline.chip(5, 'C2 restarts as a static member but is down 10 s, past its session'),
  ).toHaveAttribute(
    'title',
    'C2 restarts as a static member but is down 10 s, past its session timeout (5 s): the coordinator expels it',
  );
  await expect.poll(() => app.lanes.members()).toEqual(['C0', 'C3']);
  await expect(protocol.metric('protocol-rounds')).toHaveText('1');
  // The autosave holds the static restart (file version 4) under eager with that timeout.
  await expect
    .poll(async () => JSON.parse((await app.savedScenario()) ?? '{}') as object)
    .toMatchObject({
      version: 4,
      protocol: { name: 'eager', timings: { sessionTimeoutMs: 5000 } },
    });
});

test('a round shown on the lanes draws the partitions in flight as unconsumed', async ({
  app,
  page,
}) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose('cooperative (KIP-429)');
  await app.timeline.goTo(2); // C3 joins
  await page.getByRole('button', { name: /^R2: generation 2, round 2/ }).click();
  await protocol.expectRound('cooperative (KIP-429)', /^Round 2/);
  // The rounds panel's in-flight partitions are the lanes' striped ones.
  const waiting = await protocol
    .member('cooperative (KIP-429)', 'C3')
    .locator('.protocol-token.unconsumed')
    .count();
  expect(waiting).toBeGreaterThan(0);
  const striped = app.lanes.root.locator('[data-in-flight="true"]');
  await expect(striped).toHaveCount(waiting);
  await expect(striped.first()).toHaveAttribute('data-owner', 'C3');
  // Each says how long it stays unconsumed, as the rounds panel does.
  const panelMs = await protocol
    .member('cooperative (KIP-429)', 'C3')
    .locator('.protocol-token.unconsumed')
    .evaluateAll((tokens) => tokens.map((t) => t.getAttribute('data-unconsumed-ms')).sort());
  const laneMs = await striped.evaluateAll((tokens) =>
    tokens.map((t) => /unconsumed for (\d+) ms/.exec(t.textContent ?? '')?.[1] ?? '').sort(),
  );
  expect(laneMs).toEqual(panelMs);
  await expect(app.lanes.root.locator('[data-legend-state="in-flight"]')).toHaveText(
    `in flight ${waiting}`,
  );
  await expect(striped.first()).toHaveAttribute('fill', /^url\(#lanes-pattern-\d+-in-flight\)$/);
  // Settled: nothing in flight.
  await protocol.rounds('cooperative (KIP-429)').filter({ hasText: 'Settled' }).click();
  await expect(striped).toHaveCount(0);
});
