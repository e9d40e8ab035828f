/** The selection on the canvas picture: HTML rings over the canvas around a partition's tokens. */
import type { GroupLayout } from './layoutTypes';
import { tokenMarkupKey } from './markup';
import { tokenLook } from './style';
import { COLORS, STROKES } from './tokens';

/** A ring in `rings` per copy of the selected partition at its place in `next`. */
export function placeRings(
  rings: HTMLElement,
  next: GroupLayout,
  selected: string | undefined,
): void {
  const ringed =
    selected === undefined ? [] : next.tokens.filter((t) => t.partitionKey === selected);
  while (rings.children.length > ringed.length) rings.lastElementChild?.remove();
  while (rings.children.length < ringed.length) rings.append(document.createElement('div'));
  ringed.forEach((token, i) => {
    const ring = rings.children[i] as HTMLElement;
    ring.className = 'selection-ring';
    ring.dataset.key = tokenMarkupKey(token);
    const pad = STROKES.selectionRingPad;
    ring.style.cssText =
      `position:absolute;left:${token.x - pad}px;top:${token.y - pad}px;` +
      `width:${token.size + 2 * pad}px;height:${token.size + 2 * pad}px;box-sizing:border-box;` +
      `border:${STROKES.selectionRing}px solid ${COLORS.focus};border-radius:${tokenLook(token.state, token.size).radius + pad}px;`;
  });
}
