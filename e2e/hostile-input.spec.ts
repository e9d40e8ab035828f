/**
 * The nastiest links and files, opened in a real page: each is refused with a specific
 * message or accepted and replayed, the page keeps working, and the user's own scenario is
 * intact afterwards.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { laneMembers, openApp } from './pages';

const FORMAT = 'rebalance-playground/scenario';

/** A scenario file's text, written by hand so hostile keys stay ordinary JSON keys. */
function fileText(cluster: string, steps: unknown[], extra = ''): string {
  return `{"format":"${FORMAT}","version":1,"name":"hostile","userDataMode":"aiokafka","cluster":${cluster},"steps":${JSON.stringify(steps)}${extra}}`;
}

const link = (bytes: Uint8Array | string) =>
  `s=${Buffer.from(typeof bytes === 'string' ? deflateRawSync(Buffer.from(bytes)) : bytes).toString('base64url')}`;

const joins = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: 'join', member: `m${i}`, subscription: ['t'] }));

const valid = link(fileText('{"t": 3}', [{ changes: joins(2) }]));

/** Links the page must refuse, each with (part of) the message it must give. */
const BAD_LINKS: [what: string, fragment: string, message: RegExp][] = [
  ['cut short', valid.slice(0, valid.length - 9), /does not decompress|not valid JSON/],
  [
    'bit-flipped',
    `${valid.slice(0, 10)}${valid[10] === 'A' ? 'B' : 'A'}${valid.slice(11)}`,
    /damaged|invalid|JSON/,
  ],
  ['not base64url', 's=%%%not*base64', /not valid base64url/],
  [
    'a 200 MB deflate bomb',
    link(deflateRawSync(Buffer.alloc(200_000_000, 32))),
    /expands to more data than a scenario can hold/,
  ],
  [
    'not deflated',
    `s=${Buffer.from(fileText('{}', [])).toString('base64url')}`,
    /does not decompress/,
  ],
  ['deflated garbage', link('\u0000\u0001 not json at all'), /not valid JSON/],
  ['10^9 partitions', link(fileText('{"t": 1000000000}', [])), /at cluster\.t: /],
  [
    '20,000 joins in one step',
    link(fileText('{"t": 1}', [{ changes: joins(20_000) }])),
    /step 1 has 20000 changes; a step may have at most 10000/,
  ],
  [
    '500 legal steps of 100,000 partitions',
    link(
      fileText('{"t": 100000}', [
        { changes: joins(1) },
        ...Array.from({ length: 499 }, () => ({ changes: [] })),
      ]),
    ),
    /partitions × generations.*at most 2000000/,
  ],
  [
    'JSON nested 20,000 deep',
    link(`{"format":"${FORMAT}","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`),
    /invalid|not a scenario/,
  ],
  [
    'a lone surrogate as member id',
    link(
      fileText('{"t": 1}', [
        { changes: [{ type: 'join', member: '\uD800', subscription: ['t'] }] },
      ]),
    ),
    /lone UTF-16 surrogate/,
  ],
  [
    '"__proto__" with a string as its partition count',
    link(fileText('{"__proto__": "many"}', [])),
    /at cluster\.__proto__: /,
  ],
];

/** Files the page must refuse on Import. */
const BAD_FILES: [what: string, content: string | Buffer, message: RegExp][] = [
  [
    'nested 20,000 deep',
    `{"format":"${FORMAT}","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    /not imported/,
  ],
  [
    'larger than the input limit',
    `${fileText('{}', [])}${' '.repeat(10_000_001)}`,
    /at most 10 MB is accepted/,
  ],
  [
    'binary garbage',
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    /not valid JSON/,
  ],
  [
    'a results file',
    '{"format":"rebalance-playground/results","version":1}',
    /not a scenario file/,
  ],
  [
    'a subscription listing a topic twice',
    fileText('{"t": 2}', [{ changes: [{ type: 'join', member: 'a', subscription: ['t', 't'] }] }]),
    /lists topic t twice/,
  ],
];

async function makeOwnWork(page: Page): Promise<void> {
  await openApp(page);
  await page.getByLabel('New topic name').fill('mine');
  await page.getByRole('button', { name: 'Add topic' }).click();
  await expect(page.locator('[data-topic-row="mine"]')).toBeVisible();
}

/** `atEnd`: still viewing the end of the timeline (an Undo starts again at generation 1). */
async function expectOwnWorkIntact(page: Page, atEnd = true): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Rebalance Playground' })).toBeVisible();
  await expect(page.locator('.top-bar .scenario-name')).toHaveText('Orders and payments');
  await expect(page.locator('[data-topic-row="mine"]')).toBeVisible();
  await expect(page.getByTestId('generation-label')).toHaveText(
    atEnd ? 'Generation 5 of 5' : /of 5$/,
  );
}

test('hostile share links are refused with a specific message; the user’s work is intact', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await makeOwnWork(page);
  for (const [what, fragment, message] of BAD_LINKS) {
    await page.evaluate((hash) => (location.hash = hash), fragment);
    const alert = page.getByRole('alert');
    await expect(alert, what).toContainText('That link could not be opened');
    await expect(alert, what).toContainText(message);
    await expectOwnWorkIntact(page);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  // And after all that, a reload still brings back the user's scenario.
  await page.reload();
  await expectOwnWorkIntact(page);
});

test('hostile files are refused on Import with a specific message; the user’s work is intact', async ({
  page,
}) => {
  await makeOwnWork(page);
  for (const [what, content, message] of BAD_FILES) {
    await page.getByLabel('Import scenario file').setInputFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.isBuffer(content) ? content : Buffer.from(content),
    });
    const alert = page.getByRole('alert');
    await expect(alert, what).toContainText('hostile.json was not imported');
    await expect(alert, what).toContainText(message);
    await expectOwnWorkIntact(page);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
});

test('hostile results files are refused as a diff baseline with a message', async ({ page }) => {
  await makeOwnWork(page);
  const files: [string, RegExp][] = [
    [
      `{"format":"rebalance-playground/results","version":1,"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
      /nested more than 100 levels deep/,
    ],
    [
      `{"format":"rebalance-playground/results","version":1,"scenario":{"name":"x","fingerprint":"sha256:${'0'.repeat(64)}"},"assignor":"sticky","generations":[{"generation":1,"summary":"","assignment":{"__proto__":5},"metrics":{"moved":0,"kept":0,"unownedDuringRebalance":0,"unassigned":0,"assigned":0,"partitions":0,"spread":0,"balanceScore":0,"isSticky":true}}]}`,
      /assignment\.__proto__: expected an object/,
    ],
  ];
  for (const [content, message] of files) {
    await page.getByLabel('Load baseline results file').setInputFiles({
      name: 'baseline.json',
      mimeType: 'application/json',
      buffer: Buffer.from(content),
    });
    await expect(page.getByRole('alert')).toContainText(message);
    await expectOwnWorkIntact(page);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
});

test('names that are property names or markup replay in the page, and Undo gives back the user’s work', async ({
  page,
}) => {
  await makeOwnWork(page);
  const names = [
    '__proto__',
    'constructor',
    'toString',
    '<img src=x onerror=alert(1)>',
    '\u202Eevil',
  ];
  const text = fileText(`{"__proto__": 4, "constructor": 3, "toString": 2}`, [
    {
      changes: names.map((member) => ({
        type: 'join',
        member,
        subscription: ['__proto__', 'constructor', 'toString'],
      })),
    },
    {
      changes: [
        { type: 'add-partitions', topic: '__proto__', partitions: 6 },
        { type: 'leave', member: 'constructor' },
      ],
    },
  ]);
  page.on('dialog', () => {
    throw new Error('a name ran as markup');
  });
  await page.evaluate((hash) => (location.hash = hash), link(text));
  await expect(
    page.getByRole('status').filter({ hasText: 'Opened the shared scenario' }),
  ).toContainText('Opened the shared scenario “hostile”');
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 2');
  await expect.poll(() => laneMembers(page)).toEqual(names);
  await page
    .getByRole('button', { name: 'Next generation' })
    .click()
    .catch(async () => {
      await page.keyboard.press('ArrowRight');
    });
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 2');
  await expect.poll(() => laneMembers(page)).toEqual(names.filter((n) => n !== 'constructor'));
  // All 6 + 3 + 2 partitions are owned: every square sits in a member's lane.
  await expect(
    page.locator('article.group-panel').first().locator('[data-owner]:not([data-owner=""])'),
  ).toHaveCount(11);
  await page.screenshot({ path: '/tmp/reliability-hostile-names.png' });
  await page.getByRole('button', { name: /^Undo \(back to/ }).click();
  await expectOwnWorkIntact(page, false);
});
