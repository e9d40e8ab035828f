/**
 * The canvas picture's accessibility overlay: a transparent HTML element over each lane header
 * carrying its accessible name and the test hooks (data-member, data-lane), since a canvas has
 * none; member lanes are buttons that report a click.
 */
import { laneKey, type GroupLayout } from './layoutTypes';
import { laneAccessibleName, laneCaption } from './style';

/** The style each lane button was last given. */
const buttonStyles = new WeakMap<HTMLElement, string>();

/** Makes `container`'s children the lanes of `next`, reusing the nodes of lanes that stay. */
export function renderLaneButtons(
  container: HTMLElement,
  next: GroupLayout,
  onMemberClick: ((member: string) => void) | undefined,
): void {
  const existing = new Map<string, HTMLElement>();
  for (const child of [...container.children] as HTMLElement[])
    existing.set(child.dataset.key ?? '', child);
  const keep = new Set<string>();
  for (const lane of next.lanes) {
    const key = laneKey(lane);
    keep.add(key);
    let node = existing.get(key);
    if (!node) {
      node = document.createElement(lane.kind === 'member' ? 'button' : 'div');
      node.dataset.key = key;
      if (lane.kind === 'member') {
        const id = lane.id;
        node.setAttribute('type', 'button');
        // Not a tab stop: the picture's one tab stop is the roving focus (laneKeyboard.ts).
        node.tabIndex = -1;
        node.addEventListener('click', () => onMemberClick?.(id));
      } else {
        // A plain div may not carry aria-label (axe: aria-prohibited-attr); as an image of the
        // lane header it may, and a screen reader reads its count.
        node.setAttribute('role', 'img');
      }
      container.append(node);
    }
    // Written only when they change: most lanes stay put from one generation to the next.
    const set = (name: string, value: string) => {
      if (node.getAttribute(name) !== value) node.setAttribute(name, value);
    };
    set('data-member', lane.id);
    set('data-lane', lane.kind);
    set('data-idle', String(lane.idle));
    if (lane.status === undefined) node.removeAttribute('data-status');
    else set('data-status', lane.status);
    set('aria-label', laneAccessibleName(lane));
    set('title', lane.kind === 'member' ? `${lane.id}: ${laneCaption(lane)}` : 'unassigned');
    const style =
      'position:absolute;margin:0;padding:0;border:0;background:transparent;' +
      'color:transparent;font-size:0;cursor:pointer;' +
      `left:${lane.x}px;top:${lane.y}px;width:${lane.width}px;height:${next.headerHeight - 4}px;`;
    if (buttonStyles.get(node) !== style) {
      buttonStyles.set(node, style);
      node.style.cssText = style;
    }
  }
  for (const [key, node] of existing) if (!keep.has(key)) node.remove();
}
