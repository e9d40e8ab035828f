/**
 * How every browser run here launches Chromium: Debian's package by path (never a browser
 * download), with the flags that keep it quiet on a closed network and working as root.
 * Shared by playwright.config.ts, bench/browser.ts and scripts/readme-images.ts, so it lives
 * beside the other configs rather than inside any one of their folders.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
