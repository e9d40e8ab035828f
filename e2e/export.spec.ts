import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, primaryPanel } from './pages';

/**
 * What Export SVG and Export PNG give the user: files that open. The SVG must be well-formed
 * XML (the browser's own XML parser reads it) with every partition drawn; the PNG must have
 * a PNG signature and decode to a picture of the SVG's size. Small groups are drawn as SVG on
 * the page, 10k and 100k partitions on a canvas; the exports are the same either way.
 */

interface ScenarioSpec {
  readonly name: string;
  readonly topics: Readonly<Record<string, number>>;
  readonly members: readonly string[];
}

function scenarioFile({ name, topics, members }: ScenarioSpec): string {
  const subscription = Object.keys(topics);
  return JSON.stringify({
    format: 'rebalance-playground/scenario',
    version: 1,
    name,
    userDataMode: 'aiokafka',
    cluster: topics,
    steps: [
      { changes: members.map((member) => ({ type: 'join', member, subscription })) },
      { changes: [{ type: 'leave', member: members[0] }] },
    ],
  });
}

async function importScenario(page: Page, spec: ScenarioSpec) {
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(scenarioFile(spec)),
  });
  await page.getByRole('button', { name: 'Last generation' }).click();
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 2');
}

async function download(page: Page, button: string): Promise<Buffer> {
  const event = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: button }).click();
  const file = await (await event).path();
  return readFile(file);
}

/** Parses `svg` with the browser's XML parser; the parser's error text, or what it found. */
async function parseInPage(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    if (error) return { error: error.textContent ?? 'parsererror' };
    const tokens = [...doc.querySelectorAll('rect.token')];
    return {
      error: undefined,
      root: doc.documentElement.localName,
      width: Number(doc.documentElement.getAttribute('width')),
      height: Number(doc.documentElement.getAttribute('height')),
      tokens: tokens.length,
      keys: tokens.slice(0, 50).map((t) => t.getAttribute('data-key') ?? ''),
      distinctKeys: new Set(tokens.map((t) => t.getAttribute('data-key'))).size,
      scripts: doc.querySelectorAll('script').length,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
    };
  }, svg);
}

/** Decodes PNG bytes in the page; the picture's size, or the decoder's complaint. */
async function decodePngInPage(page: Page, png: Buffer) {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      return { width: bitmap.width, height: bitmap.height, error: undefined };
    } catch (error) {
      return { width: 0, height: 0, error: String(error) };
    }
  }, png.toString('base64'));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function range(n: number, name: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => name(i));
}

const CASES: readonly (ScenarioSpec & { renderer: 'svg' | 'canvas'; partitions: number })[] = [
  {
    name: 'small <b>&"names"</b> ]]>',
    topics: { orders: 3, '<script>alert(1)</script>': 2, ']]>': 1, 'rtl \u202Emark': 2 },
    members: ['C0', 'C<1>', 'C"2"'],
    renderer: 'svg',
    partitions: 8,
  },
  {
    name: '10k partitions',
    topics: Object.fromEntries(range(10, (i) => `topic-${i}`).map((t) => [t, 1000])),
    members: range(50, (i) => `member-${i}`),
    renderer: 'canvas',
    partitions: 10_000,
  },
  {
    name: '100k partitions',
    topics: Object.fromEntries(range(20, (i) => `topic-${i}`).map((t) => [t, 5000])),
    members: range(200, (i) => `member-${i}`),
    renderer: 'canvas',
    partitions: 100_000,
  },
];

test.describe('export', () => {
  for (const spec of CASES) {
    test(`${spec.name}: the SVG parses as XML and the PNG downloads and decodes`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      await openApp(page);
      await importScenario(page, spec);
      const group = primaryPanel(page).locator('[data-renderer]');
      await expect(group).toHaveAttribute('data-renderer', spec.renderer, { timeout: 60_000 });
      await expect(group).toHaveAttribute('data-tokens', String(spec.partitions), {
        timeout: 60_000,
      });

      const svg = (await download(page, 'Export SVG')).toString('utf8');
      const parsed = await parseInPage(page, svg);
      expect(parsed.error).toBeUndefined();
      expect(parsed.root).toBe('svg');
      expect(parsed.tokens).toBe(spec.partitions);
      expect(parsed.distinctKeys).toBe(spec.partitions);
      expect(parsed.scripts).toBe(0);
      for (const key of parsed.keys ?? []) expect(key).toMatch(/^[A-Za-z0-9._~%-]+\/\d+$/);
      for (const topic of Object.keys(spec.topics).slice(0, 4)) {
        expect(parsed.texts).toContain(topic);
      }

      const png = await download(page, 'Export PNG');
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      const decoded = await decodePngInPage(page, png);
      expect(decoded.error).toBeUndefined();
      // Twice the SVG's size (sharp on dense screens), or less for a picture too big for that.
      expect(decoded.width / parsed.width!).toBeCloseTo(decoded.height / parsed.height!, 1);
      expect(decoded.width).toBeGreaterThanOrEqual(parsed.width!);
    });
  }
});
