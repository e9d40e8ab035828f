import type { RendererKind } from './types';

/**
 * Above this many tokens the group is drawn on a canvas instead of SVG. A first guess; the
 * lead measures and tunes it (SVG stays smooth with a few thousand animated rects).
 */
export const SVG_TOKEN_LIMIT = 2000;

export type RendererPreference = 'auto' | RendererKind;

/** SVG for small groups (DOM hooks, crisp text), canvas past `limit` tokens. */
export function chooseRenderer(
  tokenCount: number,
  preference: RendererPreference = 'auto',
  limit: number = SVG_TOKEN_LIMIT,
): RendererKind {
  if (preference !== 'auto') return preference;
  return tokenCount > limit ? 'canvas' : 'svg';
}
