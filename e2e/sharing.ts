import type { Browser, Page } from '@playwright/test';
import { expect, type PageErrors } from './fixtures';
import { AppPage } from './pages';

/**
 * Two browsers for a share link's trip: the sender's (clipboard allowed) and a fresh one with
 * nothing saved, both watched by the pageErrors fixture. `close` ends both.
 */
export async function senderAndReceiver(browser: Browser, pageErrors: PageErrors) {
  const sending = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const receiving = await browser.newContext();
  const from = await sending.newPage();
  const to = await receiving.newPage();
  pageErrors.watch(from);
  pageErrors.watch(to);
  return {
    from,
    to,
    sender: new AppPage(from),
    receiver: new AppPage(to),
    close: async () => {
      await sending.close();
      await receiving.close();
    },
  };
}

/** Presses Share link (or `button`) and returns the link it copied. */
export async function copiedLink(page: Page, button = 'Share link'): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Opens `link` as the receiver would, with animations off. */
export async function openLink(app: AppPage, link: string): Promise<void> {
  await app.open(link.replace(/^[^#]*/, '/?animations=off'));
}
