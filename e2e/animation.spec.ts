import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp } from './pages';

/**
 * The choreography of one animated step, sampled every animation frame: lanes enter before
 * tokens fly to them, counts change when the tokens have arrived, and partitions a member
 * keeps move only with their lane (never on their own while it stands still).
 */
test.use({ reducedMotion: 'no-preference' });

interface Frame {
  now: number;
  tokens: Record<string, { x: number; y: number; owner: string }>;
  lanes: Record<string, { x: number; opacity: number; caption: string }>;
}

/** Clicks "Next generation" and samples the primary panel every frame until it settles. */
async function recordStep(page: Page): Promise<Frame[]> {
  return page.evaluate(
    () =>
      new Promise<Frame[]>((resolve) => {
        const frames: Frame[] = [];
        let still = 0;
        let start = performance.now();
        const sample = (): Frame => {
          const panel = document.querySelector('article.group-panel')!;
          const tokens: Frame['tokens'] = {};
          panel.querySelectorAll<SVGRectElement>('rect.token').forEach((r) => {
            const b = r.getBoundingClientRect();
            tokens[r.dataset.key!] = { x: b.x, y: b.y, owner: r.dataset.owner ?? '' };
          });
          const lanes: Frame['lanes'] = {};
          panel.querySelectorAll<SVGGElement>('g.lane:not(.exiting)').forEach((g) => {
            const b = g.querySelector('.lane-body')!.getBoundingClientRect();
            lanes[g.dataset.member!] = {
              x: b.x,
              opacity: Number(g.getAttribute('opacity') ?? '1'),
              caption: g.querySelector('.lane-caption')?.textContent ?? '',
            };
          });
          return { now: performance.now() - start, tokens, lanes };
        };
        const same = (a: Frame, b: Frame) =>
          JSON.stringify([a.tokens, a.lanes]) === JSON.stringify([b.tokens, b.lanes]);
        // First the picture must be still (the previous step's animation over), then the
        // step is played and recorded until it is still again.
        let clicked = false;
        const tick = () => {
          const frame = sample();
          const last = frames[frames.length - 1];
          frames.push(frame);
          still = last && same(last, frame) ? still + 1 : 0;
          if (!clicked) {
            // Tokens still to appear wait unchanged at scale(0.01) for a while: not still yet.
            const appearing = [...document.querySelectorAll('article.group-panel rect.token')].some(
              (r) =>
                Number(/scale\(([^),]+)/.exec(r.getAttribute('transform') ?? '')?.[1] ?? 1) < 0.999,
            );
            if (still >= 10 && !appearing) {
              clicked = true;
              frames.length = 0;
              start = performance.now();
              frames.push({ ...frame, now: 0 });
              still = 0;
              document
                .querySelector<HTMLButtonElement>('button[aria-label="Next generation"]')!
                .click();
            }
          } else if ((still >= 20 && frames.length > 30) || frame.now > 8000) {
            resolve(frames);
            return;
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** The time span in which `value` changes from frame to frame; undefined when it never does. */
function changing(frames: Frame[], value: (f: Frame) => number | undefined) {
  let first: number | undefined;
  let last: number | undefined;
  for (let i = 1; i < frames.length; i++) {
    const a = value(frames[i - 1]!);
    const b = value(frames[i]!);
    if (a !== undefined && b !== undefined && Math.abs(a - b) > 0.05) {
      first ??= frames[i - 1]!.now;
      last = frames[i]!.now;
    }
  }
  return first === undefined ? undefined : { first, last: last! };
}

async function openScenario(page: Page) {
  await openApp(page, '/');
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'animation.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'rebalance-playground/scenario',
        version: 1,
        name: 'choreography',
        userDataMode: 'aiokafka',
        cluster: { t: 9 },
        steps: [
          {
            changes: ['C0', 'C1', 'C2'].map((member) => ({
              type: 'join',
              member,
              subscription: ['t'],
            })),
          },
          { changes: [{ type: 'join', member: 'C3', subscription: ['t'] }] },
          { changes: [{ type: 'leave', member: 'C1' }] },
        ],
      }),
    ),
  });
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByTestId('generation-label')).toHaveText('Generation 1 of 3');
  await expect(page.locator('article.group-panel rect.token')).toHaveCount(9);
}

test.describe('animation', () => {
  test('a joined lane is there before tokens fly to it; counts change when they arrive', async ({
    page,
  }) => {
    await openScenario(page);
    const frames = await recordStep(page);
    const end = frames[frames.length - 1]!;
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 3');
    const toC3 = Object.keys(end.tokens).filter((k) => end.tokens[k]!.owner === 'C3');
    expect(toC3.length).toBeGreaterThan(0);

    // The first frame any of them leaves its place is after C3's lane has fully appeared.
    const flights = toC3.map((k) => changing(frames, (f) => f.tokens[k]?.x)!);
    const takeOff = Math.min(...flights.map((f) => f.first));
    const landed = Math.max(...flights.map((f) => f.last));
    const laneShown = frames.find((f) => (f.lanes.C3?.opacity ?? 0) >= 1)!.now;
    expect(laneShown).toBeLessThanOrEqual(takeOff);

    // C3's count says 3 only once its tokens are there; before, it had none.
    const counted = frames.find((f) => f.lanes.C3?.caption === `${toC3.length} partitions`)!.now;
    expect(counted).toBeGreaterThanOrEqual(landed);
    for (const f of frames.filter((f) => f.lanes.C3 && f.now < takeOff))
      expect(f.lanes.C3!.caption).toBe('0 partitions');
  });

  test('when a member leaves, kept partitions move only with their lane', async ({ page }) => {
    await openScenario(page);
    await recordStep(page); // C3 joins
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 2 of 3');
    const frames = await recordStep(page); // C1 leaves
    await expect(page.getByTestId('generation-label')).toHaveText('Generation 3 of 3');
    const start = frames[0]!;
    const end = frames[frames.length - 1]!;
    // Partitions C2 and C3 keep, in lanes that slide left into C1's place.
    for (const member of ['C2', 'C3']) {
      const kept = Object.keys(end.tokens).filter(
        (k) => end.tokens[k]!.owner === member && start.tokens[k]?.owner === member,
      );
      expect(kept.length).toBeGreaterThan(0);
      const lane = changing(frames, (f) => f.lanes[member]?.x);
      expect(lane).toBeDefined();
      for (const key of kept) {
        const token = changing(frames, (f) => f.tokens[key]?.x);
        // They move exactly while their lane does (a frame or two of slack on a busy machine).
        expect(token).toBeDefined();
        expect(Math.abs(token!.first - lane!.first)).toBeLessThanOrEqual(100);
        expect(Math.abs(token!.last - lane!.last)).toBeLessThanOrEqual(100);
      }
    }
  });
});
