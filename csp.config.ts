/**
 * The Content-Security-Policies the app is served with (vite.config.ts puts them in the
 * built index.html and in `vite preview`'s headers). No third-party origin anywhere.
 *
 * The app itself loads only its own files. The custom assignor sandbox (public/sandbox.html,
 * loaded in an opaque-origin iframe) gets a policy that fetches nothing at all; its Blob
 * worker inherits it. That page carries the same policy in a meta tag, so it holds wherever
 * the files are served from; the header is the same policy, taken from that tag.
 */
import { readFileSync } from 'node:fs';

export const SANDBOX_FRAME_FILE = 'public/sandbox.html';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Workers: the replay worker and the sandbox worker's code, fetched as text for the frame.
  "worker-src 'self'",
  "connect-src 'self'",
  // CodeMirror writes its theme into <style> elements at run time (style-mod); a nonce would
  // need a server that makes one per response. Styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  // Vite inlines the smallest font files as data: URLs.
  "font-src 'self' data:",
  // PNG export and downloads go through blob: and data: URLs.
  "img-src 'self' data: blob:",
  // The custom assignor sandbox frame.
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The policy in public/sandbox.html's meta tag, word for word. */
export function sandboxFrameCsp(html = readFileSync(SANDBOX_FRAME_FILE, 'utf8')): string {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error(`${SANDBOX_FRAME_FILE} has no CSP meta tag`);
  return match[1];
}
