import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const port = Number(process.env.PORT ?? 5173);
// 127.0.0.1 explicitly: browsers and curl fall back to it for `localhost`, and it avoids binding
// only to ::1 on machines where `localhost` resolves to IPv6 first.
const host = '127.0.0.1';

export default defineConfig({
  plugins: [react()],
  server: { host, port, strictPort: true },
  preview: { host, port, strictPort: true },
  worker: { format: 'es' },
  build: { sourcemap: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
