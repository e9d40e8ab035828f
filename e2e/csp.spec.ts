import { expect, test } from './fixtures';

/**
 * The app and the sandbox frame are served with their CSP as an HTTP header too (by `vite
 * preview`, as `make run` serves them), not only in a meta tag: a header also covers what a
 * meta tag cannot (`frame-ancestors`), and holds from the first byte.
 */
test('the page and the sandbox frame are served with their Content-Security-Policy headers', async ({
  page,
}) => {
  const app = await page.goto('/');
  const appPolicy = app?.headers()['content-security-policy'] ?? '';
  expect(appPolicy).toContain("default-src 'self'");
  expect(appPolicy).toContain("frame-ancestors 'none'");
  expect(appPolicy).not.toMatch(/https?:/);

  const frame = await page.request.get('/sandbox.html');
  const framePolicy = frame.headers()['content-security-policy'] ?? '';
  expect(framePolicy).toContain("default-src 'none'");
  expect(framePolicy).not.toContain("'self'");
});
