import { test as base, expect, type Page } from '@playwright/test';
import { AppPage } from './pages';

/**
 * The one `test` every spec imports. It records every uncaught page error and every console
 * error of the page (and of its workers) and fails the test at the end if there was any, so no
 * spec can forget to check. A test that provokes an error on purpose says so with
 * `pageErrors.allow(/pattern/)`; anything else still fails it.
 */
export interface PageErrors {
  /** Everything seen so far, allowed or not. */
  readonly seen: readonly string[];
  /** Lets messages matching `pattern` through for this test (an error the test provokes). */
  allow(pattern: RegExp): void;
  /** Records the errors of another page too (one of a second browser context). */
  watch(page: Page): void;
}

export const test = base.extend<{ pageErrors: PageErrors; app: AppPage }>({
  /** The page objects of the app (e2e/pages.ts); `app.open()` loads it. */
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
  pageErrors: [
    async ({ page }, use, testInfo) => {
      const seen: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (watched: Page) => {
        watched.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
        watched.on('console', (message) => {
          if (message.type() === 'error') seen.push(`console.error: ${message.text()}`);
        });
      };
      watch(page);
      await use({
        seen,
        watch,
        allow: (pattern) => {
          allowed.push(pattern);
        },
      });
      const unexpected = seen.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      if (unexpected.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`The page reported errors:\n${unexpected.join('\n')}`);
      }
    },
    { auto: true },
  ],
});

export { expect };
