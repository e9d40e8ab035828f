import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { openApp } from './pages';
import { expect, test } from './fixtures';

/**
 * The custom assignor sandbox is a boundary the browser enforces: code in it cannot reach the
 * network by any of the ways tried here. A local HTTP server counts every request, tagged by
 * which run made it. The same attack code, run in a plain worker on a page without the
 * sandbox, does reach the server — so a zero for the sandbox means the sandbox stopped it.
 */

/** Names of the attacks, each sent as `?attack=NAME&from=TAG`. */
const ATTACKS = [
  'fetch',
  'import',
  'importScripts',
  'worker',
  'websocket',
  'eventsource',
  'fontface',
  'proto-fetch',
  'function-this',
  'sendbeacon',
] as const;

/**
 * A function body (JavaScript) that fires every attack at `base` and then spins for a moment,
 * so requests already on their way are not cut short by the worker being stopped.
 */
function attackBody(base: string, from: string): string {
  return `
  const url = (attack) => ${JSON.stringify(base)} + '/hit?attack=' + attack + '&from=' + ${JSON.stringify(from)};
  const tried = [];
  const attempt = (name, action) => {
    try {
      const result = action();
      if (result && typeof result.then === 'function') result.then(() => {}, () => {});
      tried.push(name + ': sent');
    } catch (error) {
      tried.push(name + ': ' + String(error && error.message));
    }
  };
  attempt('fetch', () => fetch(url('fetch')));
  attempt('import', () => import(url('import')));
  attempt('importScripts', () => importScripts(url('importScripts')));
  attempt('worker', () => new Worker(url('worker')));
  attempt('websocket', () => new WebSocket(url('websocket').replace(/^http/, 'ws')));
  attempt('eventsource', () => new EventSource(url('eventsource')));
  attempt('fontface', () => new FontFace('x', 'url(' + url('fontface') + ')').load());
  attempt('proto-fetch', () => {
    let holder = globalThis;
    while (holder && !Object.getOwnPropertyDescriptor(holder, 'fetch')) holder = Object.getPrototypeOf(holder);
    const found = holder && Object.getOwnPropertyDescriptor(holder, 'fetch');
    const real = found && (found.value || (found.get && found.get.call(globalThis)));
    return real.call(globalThis, url('proto-fetch'));
  });
  attempt('function-this', () => {
    const global = (() => {}).constructor('return this')();
    return global.fetch(url('function-this'));
  });
  attempt('sendbeacon', () => navigator.sendBeacon(url('sendbeacon'), 'x'));
  const until = Date.now() + 300;
  while (Date.now() < until) {}
  return tried;
`;
}

/** A valid assignor (everything to the first subscriber) that attacks in every call. */
function attackingAssignor(base: string): string {
  return `// Attacks the network from inside the sandbox, then assigns.
const attack = () => {${attackBody(base, 'sandbox')}};
attack();
export default {
  name: 'attacker',
  assign(cluster, members) {
    attack();
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
    const topics = [...new Set([...members.values()].flatMap((m) => m.subscription))].sort();
    for (const topic of topics) {
      const first = [...members].find(([, m]) => m.subscription.includes(topic));
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      if (first) result.get(first[0]).assignment.push([topic, partitions]);
    }
    return result;
  },
};
`;
}

interface Hit {
  attack: string;
  from: string;
}

let server: Server;
let base: string;
const hits: Hit[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/hit') {
      hits.push({
        attack: url.searchParams.get('attack') ?? '?',
        from: url.searchParams.get('from') ?? '?',
      });
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end('');
      return;
    }
    // A plain page without any CSP, for the control run.
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>control</title>');
  });
  server.on('upgrade', (request, socket) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    hits.push({
      attack: url.searchParams.get('attack') ?? '?',
      from: url.searchParams.get('from') ?? '?',
    });
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const hitsFrom = (from: string) => hits.filter((hit) => hit.from === from);

/** Runs the attack in a plain Blob worker of `page`'s current document; returns what it tried. */
async function attackFromWorker(target: Pick<Page, 'evaluate'>, from: string): Promise<string[]> {
  return target.evaluate(
    (body) => {
      const code = `const run = () => {${body}}; postMessage(run());`;
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      return new Promise<string[]>((resolve) => {
        worker.onmessage = (event: MessageEvent<string[]>) => {
          worker.terminate();
          resolve(event.data);
        };
      });
    },
    attackBody(base, from),
  );
}

test.describe('the custom assignor sandbox', () => {
  test('no attack reaches the network from the sandbox; the same code outside it does', async ({
    page,
    pageErrors,
  }) => {
    // The browser logs every request the CSP refuses.
    pageErrors.allow(/Content Security Policy|Refused to|ERR_BLOCKED|Failed to load resource/);

    // 1. The real path: the user's Run, with a deadline the spinning attack fits into.
    await openApp(page);
    await page.getByRole('button', { name: 'Custom assignor', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Custom assignor' });
    const editor = page.getByRole('textbox', { name: 'Assignor source' });
    await panel.getByLabel('Language').selectOption('javascript');
    await panel.getByLabel('Deadline (ms)').fill('5000');
    const source = attackingAssignor(base);
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await editor.evaluate((element, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, source);
    // The long source pushes the Run button under the editor's gutter: its shortcut instead.
    await editor.press('ControlOrMeta+Enter');
    // It ran to the end (top level and 4 generations, each attacking), and its result is judged.
    await expect(panel.getByRole('status', { name: 'Verdicts' })).toBeVisible({ timeout: 20_000 });

    // 2. The frame itself, without the hardening of the sandbox worker: a raw Blob worker in
    //    the sandbox document, holding nothing but the browser's policy.
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.src = '/sandbox.html';
      frame.id = 'probe';
      document.body.append(frame);
    });
    await expect
      .poll(() => page.frames().some((f) => f.url().endsWith('/sandbox.html')))
      .toBe(true);
    const frame = page.frames().find((f) => f.url().endsWith('/sandbox.html'));
    if (frame === undefined) throw new Error('no sandbox frame');
    await frame.waitForLoadState();
    const triedInFrame = await attackFromWorker(frame, 'frame');
    expect(triedInFrame).toHaveLength(ATTACKS.length);
    // The frame's own document cannot fetch either.
    const frameFetch = await frame.evaluate(
      (url) =>
        fetch(url).then(
          () => 'sent',
          (error: Error) => `refused: ${error.message}`,
        ),
      `${base}/hit?attack=fetch&from=frame-document`,
    );
    expect(frameFetch).toMatch(/^refused/);

    // 3. The control: the same code in a plain worker of a page without the sandbox.
    const control = await page.context().newPage();
    await control.goto(`${base}/control`);
    await attackFromWorker(control, 'control');
    const reachable = ['fetch', 'import', 'importScripts', 'worker', 'eventsource', 'fontface'];
    await expect
      .poll(() => reachable.filter((a) => !hitsFrom('control').some((hit) => hit.attack === a)))
      .toEqual([]);
    await control.close();

    // By now anything the sandbox sent would long have arrived.
    expect(hitsFrom('sandbox')).toEqual([]);
    expect(hitsFrom('frame')).toEqual([]);
    expect(hitsFrom('frame-document')).toEqual([]);
    await page.screenshot({ path: '/tmp/sandbox-boundary.png' });
  });
});

const VALID = `// Everything of each topic to its first subscriber.
export default {
  name: 'first-subscriber',
  assign(cluster, members) {
    const result = new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
    for (const topic of [...new Set([...members.values()].flatMap((m) => m.subscription))].sort()) {
      const first = [...members].find(([, m]) => m.subscription.includes(topic));
      const partitions = [...(cluster.partitionsForTopic(topic) ?? [])].sort((a, b) => a - b);
      if (first) result.get(first[0]).assignment.push([topic, partitions]);
    }
    return result;
  },
};
`;

const REVIEW = 'This scenario includes custom assignor code. Review it, then Run.';

async function pasteAndRun(page: Page, source: string): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'Custom assignor' });
  const editor = page.getByRole('textbox', { name: 'Assignor source' });
  await panel.getByLabel('Language').selectOption('javascript');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await editor.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, source);
  await editor.press('ControlOrMeta+Enter');
}

test.describe('custom code that arrives with the scenario', () => {
  test('runs only after the user presses Run: share link, reload and import', async ({
    page,
    browser,
  }, testInfo) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Custom assignor', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Custom assignor' });
    await pasteAndRun(page, VALID);
    const verdicts = panel.getByRole('status', { name: 'Verdicts' });
    await expect(verdicts).toContainText('gave a valid assignment');
    await panel.getByRole('button', { name: 'Close custom assignor' }).click();

    // A file of this scenario, with the code, and the same scenario without it.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exported = testInfo.outputPath('with-code.json');
    await (await downloading).saveAs(exported);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = JSON.parse(readFileSync(exported, 'utf8')) as Record<string, unknown>;
    expect(file.customAssignor).toBeDefined();
    delete file.customAssignor;
    const plain = testInfo.outputPath('without-code.json');
    writeFileSync(plain, JSON.stringify(file));

    // The share link, opened in a fresh browser (no autosave, nothing approved).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share link', exact: true }).click();
    const link = await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/#/)
      .then(() => page.evaluate(() => navigator.clipboard.readText()));
    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL ?? '' });
    const opened = await other.newPage();
    await opened.goto(link);
    await expect(opened.getByRole('status').filter({ hasText: REVIEW })).toBeVisible();
    await opened.screenshot({ path: '/tmp/sandbox-review-notice.png' });
    await opened.getByRole('button', { name: 'Review the code' }).click();
    const openedPanel = opened.getByRole('dialog', { name: 'Custom assignor' });
    await expect(opened.getByRole('textbox', { name: 'Assignor source' })).toContainText(
      "name: 'first-subscriber'",
    );
    await expect(openedPanel).toContainText('It has not run yet.');
    await expect(openedPanel.getByRole('status', { name: 'Verdicts' })).toHaveCount(0);
    await opened.screenshot({ path: '/tmp/sandbox-review-panel.png' });
    // The user's Run is the consent.
    await openedPanel.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(openedPanel.getByRole('status', { name: 'Verdicts' })).toContainText(
      'gave a valid assignment',
    );
    await other.close();

    // A reload restores the code from the autosave, but does not run it.
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: REVIEW })).toBeVisible();
    await page.getByRole('button', { name: 'Review the code' }).click();
    await expect(panel).toContainText('It has not run yet.');
    await expect(verdicts).toHaveCount(0);
    await panel.getByRole('button', { name: 'Close custom assignor' }).click();

    // Importing a file without custom code leaves no custom assignor behind.
    await page.getByLabel('Import scenario file').setInputFiles(plain);
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: REVIEW })).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'custom' }).check();
    await expect(page.locator('article.group-panel[data-assignor="custom"]')).toContainText(
      'No custom assignor yet',
    );

    // Importing the file with the code brings it back, waiting for Run. The file also brings
    // the view it was exported with (sticky alone), so custom is ticked again to look at it.
    await page.getByLabel('Import scenario file').setInputFiles(exported);
    await expect(page.getByRole('status').filter({ hasText: REVIEW })).toBeVisible();
    await page.getByRole('checkbox', { name: 'custom' }).check();
    await expect(page.locator('article.group-panel[data-assignor="custom"]')).toContainText(
      'has not run',
    );
  });
});
