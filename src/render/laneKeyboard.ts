/**
 * Keyboard access to the lanes, the same for the SVG and the canvas renderer: the whole picture
 * is one tab stop, a focusable element laid over the lane header or partition that has the
 * keyboard focus (roving focus). It carries that item's accessible name and draws the focus
 * ring, so the canvas, which has no elements per token, works the same way.
 *
 * Keys: ↑/↓ the previous/next lane (its header, or the partition at the same place in the
 * list); ←/→ the previous/next partition in the lane (← from the first goes to the header);
 * Home/End the lane's first/last partition; Enter or Space inspects the member (on a header)
 * or selects the partition (the renderers' onPartitionClick).
 */
import { laneKey, tokenLabel, type GroupLayout, type TokenLayout } from './layoutTypes';
import { tokenMarkupKey } from './markup';
import { laneAccessibleName } from './style';
import { COLORS, STROKES } from './tokens';
import type { LanesRendererOptions } from './types';

export interface LaneKeyboard {
  /** Follows a new layout, keeping the focused lane and partition where they still exist. */
  update(layout: GroupLayout): void;
  destroy(): void;
}

/** Where the keyboard focus is: a lane, and a partition of it (-1: the lane's header). */
interface Position {
  readonly lane: number;
  readonly token: number;
}

/** Gap between the focused item and its ring. */
const RING_PAD = 3;

/** The roving focus over `host` (positioned; layout coordinates from its top-left corner). */
export function createLaneKeyboard(
  host: HTMLElement,
  options: Pick<LanesRendererOptions, 'onMemberClick' | 'onPartitionClick'>,
): LaneKeyboard {
  const proxy = document.createElement('button');
  proxy.type = 'button';
  proxy.className = 'lanes-focus';
  proxy.tabIndex = 0;
  const baseStyle =
    'position:absolute;margin:0;padding:0;border:0;background:transparent;color:transparent;' +
    'font-size:0;pointer-events:none;box-sizing:border-box;border-radius:4px;outline:none;';
  host.append(proxy);

  let layout: GroupLayout | undefined;
  /** Each lane's tokens in reading order (rows, then left to right). */
  let byLane: TokenLayout[][] = [];
  let at: Position = { lane: 0, token: -1 };

  const focused = () => document.activeElement === proxy;

  function show() {
    if (!layout) return;
    const lane = layout.lanes[at.lane];
    if (!lane) return;
    const token = at.token >= 0 ? byLane[at.lane]?.[at.token] : undefined;
    let box: { x: number; y: number; width: number; height: number };
    if (token) {
      proxy.setAttribute('aria-label', `Partition ${tokenLabel(token)}`);
      proxy.dataset.focusKind = 'partition';
      proxy.dataset.focusKey = tokenMarkupKey(token);
      box = {
        x: token.x - RING_PAD,
        y: token.y - RING_PAD,
        width: token.size + 2 * RING_PAD,
        height: token.size + 2 * RING_PAD,
      };
    } else {
      proxy.setAttribute('aria-label', laneAccessibleName(lane));
      proxy.dataset.focusKind = 'lane';
      proxy.dataset.focusKey = lane.id;
      box = { x: lane.x, y: lane.y, width: lane.width, height: layout.headerHeight - 4 };
    }
    const ring = focused() ? `box-shadow:0 0 0 ${STROKES.focus + 1}px ${COLORS.focus};` : '';
    proxy.style.cssText =
      `${baseStyle}${ring}left:${box.x}px;top:${box.y}px;` +
      `width:${box.width}px;height:${box.height}px;`;
  }

  function move(next: Position) {
    at = next;
    show();
    proxy.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }

  function onKey(event: KeyboardEvent) {
    if (!layout) return;
    const lanes = layout.lanes.length;
    const count = byLane[at.lane]?.length ?? 0;
    let next: Position | undefined;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const lane = Math.min(
          lanes - 1,
          Math.max(0, at.lane + (event.key === 'ArrowDown' ? 1 : -1)),
        );
        const there = byLane[lane]?.length ?? 0;
        next = { lane, token: at.token < 0 || there === 0 ? -1 : Math.min(at.token, there - 1) };
        break;
      }
      case 'ArrowRight':
        next = { lane: at.lane, token: Math.min(count - 1, at.token + 1) };
        break;
      case 'ArrowLeft':
        next = { lane: at.lane, token: Math.max(-1, at.token - 1) };
        break;
      case 'Home':
        next = { lane: at.lane, token: count > 0 ? 0 : -1 };
        break;
      case 'End':
        next = { lane: at.lane, token: count - 1 };
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        event.stopPropagation();
        const token = at.token >= 0 ? byLane[at.lane]?.[at.token] : undefined;
        const lane = layout.lanes[at.lane];
        if (token) options.onPartitionClick?.(token);
        else if (lane?.kind === 'member') options.onMemberClick?.(lane.id);
        return;
      }
      default:
        return;
    }
    // Not the page's playback keys (← → step the timeline) while moving in the picture.
    event.preventDefault();
    event.stopPropagation();
    move(next);
  }
  proxy.addEventListener('keydown', onKey);
  proxy.addEventListener('focus', show);
  proxy.addEventListener('blur', show);
  // A click on the button itself (a screen reader's activation) does what Enter does.
  proxy.addEventListener('click', (event) => {
    if (event.detail === 0) return; // keyboard activation already handled by keydown
    onKey(new KeyboardEvent('keydown', { key: 'Enter' }));
  });

  function update(next: GroupLayout) {
    const wasLane = layout?.lanes[at.lane];
    const wasToken = at.token >= 0 ? byLane[at.lane]?.[at.token] : undefined;
    layout = next;
    byLane = next.lanes.map(() => []);
    for (const token of next.tokens) byLane[token.lane]?.push(token);
    for (const tokens of byLane) tokens.sort((a, b) => a.y - b.y || a.x - b.x);
    // Same lane (by key) and partition (by key) when they are still there.
    let lane = wasLane ? next.lanes.findIndex((l) => laneKey(l) === laneKey(wasLane)) : 0;
    let token = -1;
    if (wasToken) {
      const found = next.tokens.find((t) => t.partitionKey === wasToken.partitionKey);
      if (found) {
        lane = found.lane;
        token = byLane[lane]?.indexOf(found) ?? -1;
      }
    }
    if (lane < 0) lane = Math.min(at.lane, next.lanes.length - 1);
    at = { lane: Math.max(0, lane), token };
    show();
  }

  function destroy() {
    proxy.remove();
    layout = undefined;
  }

  return { update, destroy };
}
