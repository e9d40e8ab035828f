import { readFileSync } from 'node:fs';
import { builtinRunFactory } from '../src/scenario/builtinRuns';
import { DEFAULT_SCENARIO } from '../src/scenario/lessons';
import { protocolRunsOf } from '../src/scenario/protocolReplay';
import { replayAll } from '../src/scenario/replay';
import { expect, test } from './fixtures';
import { copiedLink, openLink, senderAndReceiver } from './sharing';
import { ProtocolPage } from './protocolPage';

/**
 * The protocol the user chose, and its timings, are part of their work: they survive a reload,
 * go into the exported file and the share link, and "Save results" writes the rounds played
 * under them. (Before, the protocol lived only in the page and every one of these dropped it.)
 */
const COOPERATIVE = 'cooperative (KIP-429)';
const sticky = replayAll(DEFAULT_SCENARIO, builtinRunFactory('sticky', DEFAULT_SCENARIO));
const slowHeartbeat = protocolRunsOf('cooperative', sticky, { heartbeatIntervalMs: 1000 });

interface SavedProtocol {
  version: number;
  protocol?: { name: string; timings?: Record<string, number> };
}

test('the chosen protocol and its timings survive a reload and go into the exported file', async ({
  app,
  page,
}) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose(COOPERATIVE);
  await protocol.setTiming('Heartbeat', '1000');
  await expect(protocol.timing('Heartbeat')).toHaveValue('1000');
  // Undo takes the timing back, then the protocol; redo brings both again.
  await app.undoButton().click();
  await expect(protocol.timing('Heartbeat')).toHaveValue('3000');
  await app.undoButton().click();
  await expect(page.getByLabel('Rebalance protocol')).toHaveValue('');
  await app.redoButton().click();
  await app.redoButton().click();
  await expect(page.getByLabel('Rebalance protocol')).toHaveValue('cooperative');
  await protocol.openTimings();
  await expect(protocol.timing('Heartbeat')).toHaveValue('1000');

  await page.reload();
  await app.ready();
  await expect(page.getByLabel('Rebalance protocol')).toHaveValue('cooperative');
  await protocol.openTimings();
  await expect(protocol.timing('Heartbeat')).toHaveValue('1000');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as SavedProtocol;
  expect(file.version).toBe(3);
  expect(file.protocol).toEqual({ name: 'cooperative', timings: { heartbeatIntervalMs: 1000 } });
});

test('a share link opens under the protocol it was made with', async ({ browser, pageErrors }) => {
  const { from, to, sender, receiver, close } = await senderAndReceiver(browser, pageErrors);
  await sender.open();
  await new ProtocolPage(from).choose('consumer (KIP-848)');
  await from.getByLabel('Show server-range').check();
  await from.getByLabel('Show server-uniform').uncheck();
  await openLink(receiver, await copiedLink(from));
  await expect(to.getByLabel('Rebalance protocol')).toHaveValue('consumer');
  await expect(to.getByLabel('Show server-range')).toBeChecked();
  await expect(to.getByLabel('Show server-uniform')).not.toBeChecked();
  await close();
});

test('Save results writes the rounds and figures of the protocol shown', async ({ app, page }) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose(COOPERATIVE);
  await protocol.setTiming('Heartbeat', '1000');
  await app.timeline.last();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save sticky results' }).click();
  const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
    version: number;
    protocol?: { name: string; timings: Record<string, number> };
    generations: { protocol?: { rounds: unknown[]; metrics: { unconsumedPartitionMs: number } } }[];
  };
  expect(saved.version).toBe(2);
  expect(saved.protocol?.name).toBe('cooperative');
  expect(saved.protocol?.timings.heartbeatIntervalMs).toBe(1000);
  expect(saved.generations.map((g) => g.protocol?.rounds.length)).toEqual(
    slowHeartbeat.map((run) => run?.rounds.length),
  );
  expect(saved.generations.map((g) => g.protocol?.metrics.unconsumedPartitionMs)).toEqual(
    slowHeartbeat.map((run) => run?.metrics.unconsumedPartitionMs),
  );
});

test('a timing that is not one is refused with its reason, and the scenario keeps its own', async ({
  app,
  page,
}) => {
  await app.open();
  const protocol = new ProtocolPage(page);
  await protocol.choose(COOPERATIVE);
  await protocol.setTiming('Heartbeat', '0');
  await expect(page.getByRole('alert').filter({ hasText: 'Heartbeat' })).toHaveText(
    'Heartbeat: must be more than 0 ms; kept 3000 ms',
  );
  await protocol.setTiming('Revoke', '99999999');
  await expect(page.getByRole('alert').filter({ hasText: 'Revoke' })).toContainText(
    'must be at most an hour',
  );
  await expect
    .poll(async () => (JSON.parse((await app.savedScenario()) ?? '{}') as SavedProtocol).protocol)
    .toEqual({ name: 'cooperative' });
});
