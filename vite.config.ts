import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { APP_CSP, sandboxFrameCsp } from './csp.config';

/**
 * Serves the app under its CSP (csp.config.ts): a meta tag in the built index.html, and the
 * header from `vite preview`, with the sandbox frame's own stricter policy for its page.
 * Not in `vite dev`, whose hot reload needs inline scripts and a WebSocket.
 */
function contentSecurityPolicy(): Plugin {
  const sandboxCsp = sandboxFrameCsp();
  // Not `apply: 'build'`: that would also drop the plugin from `vite preview`, whose command
  // is 'serve', and with it the header below. The meta tag is for built pages only.
  let building = false;
  return {
    name: 'content-security-policy',
    configResolved(config) {
      building = config.command === 'build';
    },
    transformIndexHtml: () =>
      building
        ? [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: APP_CSP },
              injectTo: 'head-prepend',
            },
          ]
        : [],
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        response.setHeader(
          'Content-Security-Policy',
          path.endsWith('/sandbox.html') ? sandboxCsp : `${APP_CSP}; frame-ancestors 'none'`,
        );
        next();
      });
    },
  };
}

const port = Number(process.env.PORT ?? 5173);
// 127.0.0.1 explicitly: browsers and curl fall back to it for `localhost`, and it avoids binding
// only to ::1 on machines where `localhost` resolves to IPv6 first.
const host = '127.0.0.1';

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { host, port, strictPort: true },
  preview: { host, port, strictPort: true },
  worker: { format: 'es' },
  build: { sourcemap: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
