/**
 * The group on a `<canvas>`, for groups with more tokens than SVG handles smoothly (10k+).
 * Same layout, same choreography (see timeline.ts) as lanesSvg, driven by a d3-timer and
 * interpolating each token by key.
 *
 * Lanes wrap into rows (see layout.ts), so the layout fits the width it was computed for; the
 * canvas is as wide as the visible area and as tall as the layout. Should the layout still be
 * wider (a container narrower than one lane), the canvas sticks to the visible area while its
 * container scrolls horizontally.
 * Lane headers are drawn on the canvas; transparent HTML buttons over them carry the
 * accessible names and the test hooks (data-member, data-lane). Clicks on lane bodies map to
 * lanes by x and y.
 */
import { timer, type Timer } from 'd3-timer';
import {
  groupTokensByLane,
  laneAt,
  tokenAt,
  type GroupLayout,
  type LaneLayout,
  type TokenLayout,
} from './layout';
import { COLORS, laneAriaLabel, laneCaption, laneText, tokenLook, type TokenLook } from './style';
import {
  easeInOut,
  flightPoint,
  planAnimation,
  stageProgress,
  type AnimationPlan,
  type Point,
} from './timeline';
import type { LanesRenderer, LanesRendererOptions, LanesUpdateOptions } from './types';

const DIMMED_OPACITY = 0.18;
const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
/** While animating, what is this far (px) above or below the screen is drawn too. */
const CULL_MARGIN = 200;
/** Browsers refuse canvases much taller than this (in device pixels). */
const MAX_CANVAS_SIDE = 16_000;

interface TokenSprite {
  readonly token: TokenLayout;
  readonly kind: 'enter' | 'update' | 'exit';
  /** Top-left and size where the animation starts (update and exit). */
  readonly from: { x: number; y: number; size: number };
  /** Lane change or orphan: fly in an arc. */
  readonly arc: boolean;
  readonly look: TokenLook;
  readonly dimmed: boolean;
  /** Tokens with the same batch key are drawn with one path (same colour and look). */
  readonly batch: string;
  /** Drawn this frame: top-left, size, opacity, scale (1 = full). */
  x: number;
  y: number;
  size: number;
  alpha: number;
  scale: number;
}

interface LaneSprite {
  readonly lane: LaneLayout;
  /** The layout the lane is drawn from (header height, compactness): the old one for 'exit'. */
  readonly layout: GroupLayout;
  readonly kind: 'enter' | 'update' | 'exit';
  /** Where the animation starts: top-left, width, height. */
  readonly from: { x: number; y: number; width: number; height: number };
  /** Changes row: fades out where it was, then in where it goes (rather than sweep across). */
  readonly hop: boolean;
  /** Drawn this frame. */
  x: number;
  y: number;
  width: number;
  height: number;
  alpha: number;
}

function laneKey(lane: LaneLayout) {
  return lane.kind === 'unassigned' ? '\u0000unassigned' : `m\u0000${lane.id}`;
}

export function createLanesCanvas(
  el: HTMLElement,
  options: LanesRendererOptions = {},
): LanesRenderer {
  const wrapper = document.createElement('div');
  wrapper.className = 'lanes-canvas';
  wrapper.style.cssText = 'position:relative;overflow-x:auto;overflow-y:hidden;width:100%;';
  const spacer = document.createElement('div');
  spacer.style.cssText = 'position:relative;';
  const canvas = document.createElement('canvas');
  canvas.style.cssText = 'position:sticky;left:0;top:0;display:block;';
  canvas.setAttribute('role', 'img');
  const buttons = document.createElement('div');
  buttons.style.cssText = 'position:absolute;left:0;top:0;';
  spacer.append(canvas, buttons);
  wrapper.append(spacer);
  el.append(wrapper);
  const ctx = canvas.getContext('2d');

  let layout: GroupLayout | undefined;
  let tokensByLane: TokenLayout[][] = [];
  let sprites = new Map<string, TokenSprite>();
  let laneSprites = new Map<string, LaneSprite>();
  let plan: AnimationPlan | undefined;
  let running: Timer | undefined;
  /** ms into the running animation; Infinity when settled. */
  let elapsedNow = Infinity;
  let viewWidth = 0;
  /** The layout's height, or while animating the taller of the old and the new one. */
  let viewHeight = 0;
  let dpr = 1;

  // ---- sizing ----------------------------------------------------------------------------
  function resize() {
    if (!layout) return;
    // As wide as the visible box (not the layout): lanes leaving the picture stay visible
    // while they fade, even when the new layout is narrower.
    viewWidth = Math.max(1, wrapper.clientWidth || layout.width);
    const height = Math.max(1, viewHeight || layout.height);
    const want = window.devicePixelRatio || 1;
    dpr = Math.min(want, MAX_CANVAS_SIDE / Math.max(viewWidth, height));
    canvas.width = Math.round(viewWidth * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${viewWidth}px`;
    canvas.style.height = `${height}px`;
    spacer.style.width = `${layout.width}px`;
    spacer.style.height = `${height}px`;
    draw();
  }
  const observer = new ResizeObserver(() => resize());
  observer.observe(wrapper);
  const onScroll = () => draw();
  wrapper.addEventListener('scroll', onScroll, { passive: true });

  // ---- interaction -----------------------------------------------------------------------
  function pointer(event: MouseEvent): Point {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left + wrapper.scrollLeft, y: event.clientY - box.top };
  }
  const onClick = (event: MouseEvent) => {
    if (!layout) return;
    const { x, y } = pointer(event);
    const lane = laneAt(layout, x, y);
    if (lane?.kind === 'member') options.onMemberClick?.(lane.id);
  };
  const onMove = (event: MouseEvent) => {
    if (!layout) return;
    const { x, y } = pointer(event);
    const token = tokenAt(layout, x, y, tokensByLane);
    const lane = laneAt(layout, x, y);
    canvas.title = token?.label ?? (lane ? `${lane.title}: ${laneCaption(lane)}` : '');
    canvas.style.cursor = lane?.kind === 'member' ? 'pointer' : 'default';
  };
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('mousemove', onMove);

  function renderButtons(next: GroupLayout) {
    const existing = new Map<string, HTMLElement>();
    for (const child of [...buttons.children] as HTMLElement[])
      existing.set(child.dataset.key ?? '', child);
    const keep = new Set<string>();
    for (const lane of next.lanes) {
      const key = laneKey(lane);
      keep.add(key);
      let node = existing.get(key);
      if (!node) {
        node = document.createElement(lane.kind === 'member' ? 'button' : 'div');
        node.dataset.key = key;
        node.style.cssText =
          'position:absolute;margin:0;padding:0;border:0;background:transparent;' +
          'color:transparent;font-size:0;cursor:pointer;';
        if (lane.kind === 'member') {
          const id = lane.id;
          node.setAttribute('type', 'button');
          node.addEventListener('click', () => options.onMemberClick?.(id));
        }
        buttons.append(node);
      }
      node.dataset.member = lane.id;
      node.dataset.lane = lane.kind;
      node.dataset.idle = String(lane.idle);
      node.setAttribute('aria-label', laneAriaLabel(lane));
      node.title = lane.kind === 'member' ? `${lane.id}: ${laneCaption(lane)}` : 'unassigned';
      node.style.left = `${lane.x}px`;
      node.style.top = `${lane.y}px`;
      node.style.width = `${lane.width}px`;
      node.style.height = `${next.headerHeight - 4}px`;
    }
    for (const [key, node] of existing) if (!keep.has(key)) node.remove();
  }

  // ---- animation -------------------------------------------------------------------------
  function frame(elapsed: number) {
    elapsedNow = elapsed;
    const p = plan;
    if (!p) return;
    const gather = easeInOut(stageProgress(p.gather, elapsed));
    const move = easeInOut(stageProgress(p.move, elapsed));
    const settle = easeInOut(stageProgress(p.settle, elapsed));
    const appear = easeInOut(stageProgress(p.appear, elapsed));
    const fade = stageProgress(
      { start: 0, duration: Math.max(p.gather.duration, p.total * 0.3) },
      elapsed,
    );

    for (const s of sprites.values()) {
      const target = s.token;
      const alpha = s.dimmed ? DIMMED_OPACITY : 1;
      if (s.kind === 'enter') {
        s.x = target.x;
        s.y = target.y;
        s.size = target.size;
        s.scale = appear;
        s.alpha = alpha * appear;
      } else if (s.kind === 'exit') {
        s.alpha = alpha * (1 - fade);
      } else {
        const via = target.state === 'orphaned' ? target.via : undefined;
        const from = { x: s.from.x + s.from.size / 2, y: s.from.y + s.from.size / 2 };
        let c: Point;
        let size = s.from.size;
        if (via && p.gather.duration > 0 && move === 0) {
          c = flightPoint(from, { x: via.x + size / 2, y: via.y + size / 2 }, gather, true);
        } else {
          const start = via ? { x: via.x + s.from.size / 2, y: via.y + s.from.size / 2 } : from;
          // Tokens that keep their owner shift within the lane first, making room.
          const t = s.arc ? move : settle;
          size = s.from.size + (target.size - s.from.size) * t;
          const end = { x: target.x + target.size / 2, y: target.y + target.size / 2 };
          c = flightPoint(start, end, t, s.arc);
        }
        s.x = c.x - size / 2;
        s.y = c.y - size / 2;
        s.size = size;
        s.alpha = alpha;
        s.scale = 1;
      }
    }
    for (const l of laneSprites.values()) {
      const { lane, from } = l;
      if (l.kind === 'exit') {
        l.alpha = 1 - fade;
      } else if (l.kind === 'enter') {
        // New lanes fade in once the others have mostly made room.
        l.alpha = Math.max(0, 2 * move - 1);
      } else if (l.hop) {
        const there = move >= 0.5;
        l.x = there ? lane.x : from.x;
        l.y = there ? lane.y : from.y;
        l.width = there ? lane.width : from.width;
        l.height = there ? lane.height : from.height;
        l.alpha = Math.abs(1 - 2 * move);
      } else {
        l.x = from.x + (lane.x - from.x) * move;
        l.y = from.y + (lane.y - from.y) * move;
        l.width = from.width + (lane.width - from.width) * move;
        l.height = from.height + (lane.height - from.height) * move;
        l.alpha = 1;
      }
    }
    draw();
    if (elapsed >= p.total) stop(true);
  }

  /** Stops the animation; `settle` drops what faded out and pins everything to its target. */
  function stop(settle: boolean) {
    running?.stop();
    running = undefined;
    elapsedNow = Infinity;
    if (!settle) return;
    for (const [key, s] of sprites) if (s.kind === 'exit') sprites.delete(key);
    for (const [key, l] of laneSprites) if (l.kind === 'exit') laneSprites.delete(key);
    for (const s of sprites.values()) {
      s.x = s.token.x;
      s.y = s.token.y;
      s.size = s.token.size;
      s.scale = 1;
      s.alpha = s.dimmed ? DIMMED_OPACITY : 1;
    }
    for (const l of laneSprites.values()) {
      l.x = l.lane.x;
      l.y = l.lane.y;
      l.width = l.lane.width;
      l.height = l.lane.height;
      l.alpha = 1;
    }
    if (layout && viewHeight !== layout.height) {
      viewHeight = layout.height;
      resize();
      return;
    }
    draw();
  }

  // ---- drawing ---------------------------------------------------------------------------
  function path(c: CanvasRenderingContext2D, x: number, y: number, size: number, r: number) {
    if (r > 0 && size >= 6 && typeof c.roundRect === 'function') c.roundRect(x, y, size, size, r);
    else c.rect(x, y, size, size);
  }

  function drawLane(c: CanvasRenderingContext2D, l: LaneSprite) {
    const { lane, layout: L } = l;
    const text = laneText(L.compact);
    const bodyY = l.y + L.headerHeight;
    const bodyHeight = l.height - L.headerHeight;
    c.globalAlpha = l.alpha;
    // Body.
    c.beginPath();
    if (typeof c.roundRect === 'function')
      c.roundRect(l.x + 0.5, bodyY + 0.5, l.width - 1, bodyHeight - 1, 6);
    else c.rect(l.x + 0.5, bodyY + 0.5, l.width - 1, bodyHeight - 1);
    c.fillStyle =
      lane.kind === 'unassigned'
        ? COLORS.unassignedFill
        : lane.idle
          ? COLORS.idleFill
          : COLORS.laneFill;
    c.fill();
    c.setLineDash(lane.kind === 'unassigned' || lane.idle ? [4, 3] : []);
    c.strokeStyle = COLORS.laneStroke;
    c.lineWidth = 1;
    c.stroke();
    c.setLineDash([]);
    // Header.
    c.beginPath();
    if (typeof c.roundRect === 'function') c.roundRect(l.x, l.y, l.width, L.headerHeight - 4, 6);
    else c.rect(l.x, l.y, l.width, L.headerHeight - 4);
    c.fillStyle = '#eef0f3';
    c.fill();
    c.textBaseline = 'alphabetic';
    c.textAlign = 'left';
    c.fillStyle = COLORS.ink;
    c.font = `${lane.kind === 'unassigned' ? 'italic ' : ''}600 ${text.titleFontSize}px ${FONT}`;
    c.fillText(lane.title, l.x + 8, l.y + text.titleY);
    if (text.captionY !== undefined) {
      c.fillStyle = COLORS.muted;
      c.font = `11px ${FONT}`;
      let caption = laneCaption(lane);
      if (l.kind === 'exit') caption = 'left the group';
      else if (lane.kind === 'unassigned' && plan && L.counts.orphaned > 0) {
        // While orphans wait in the unassigned lane, its caption counts them too.
        if (elapsedNow < plan.move.start + plan.move.duration / 2)
          caption = laneCaption({ ...lane, load: lane.load + L.counts.orphaned });
      }
      c.fillText(caption, l.x + 8, l.y + text.captionY);
    }
    if (lane.problems > 0 && l.kind !== 'exit') {
      c.textAlign = 'right';
      c.fillStyle = COLORS.problem;
      c.font = `600 11px ${FONT}`;
      c.fillText(`⚠ ${lane.problems}`, l.x + l.width - 6, l.y + text.problemsY);
    }
    if (lane.idle && l.kind !== 'exit') {
      c.textAlign = 'center';
      c.fillStyle = COLORS.muted;
      c.font = `italic 11px ${FONT}`;
      c.fillText(text.idle, l.x + l.width / 2, bodyY + text.idleY);
    }
    c.globalAlpha = 1;
  }

  function draw() {
    if (!ctx || !layout) return;
    const left = wrapper.scrollLeft;
    const right = left + viewWidth;
    // While animating, only what is on screen (big groups are several screens tall); settled,
    // everything, so scrolling needs no redraw.
    let top = -Infinity;
    let bottom = Infinity;
    if (running) {
      const box = canvas.getBoundingClientRect();
      top = -box.top - CULL_MARGIN;
      bottom = window.innerHeight - box.top + CULL_MARGIN;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, -left * dpr, 0);

    for (const l of laneSprites.values()) {
      if (l.x + l.width < left || l.x > right || l.y + l.height < top || l.y > bottom) continue;
      drawLane(ctx, l);
    }

    // Tokens: still ones batched per look, then the ones in flight (fading or moving) above
    // them, batched per look and opacity.
    const still = new Map<string, TokenSprite[]>();
    const flying = new Map<string, Map<number, TokenSprite[]>>();
    for (const s of sprites.values()) {
      if (s.x + s.size < left || s.x > right || s.y + s.size < top || s.y > bottom) continue;
      if (
        s.kind === 'update' &&
        s.x === s.token.x &&
        s.y === s.token.y &&
        s.size === s.token.size &&
        s.alpha === (s.dimmed ? DIMMED_OPACITY : 1)
      ) {
        const batch = still.get(s.batch);
        if (batch) batch.push(s);
        else still.set(s.batch, [s]);
        continue;
      }
      let byAlpha = flying.get(s.batch);
      if (!byAlpha) flying.set(s.batch, (byAlpha = new Map()));
      const batch = byAlpha.get(s.alpha);
      if (batch) batch.push(s);
      else byAlpha.set(s.alpha, [s]);
    }
    for (const batch of still.values()) drawTokens(ctx, batch);
    for (const byAlpha of flying.values())
      for (const batch of byAlpha.values()) drawTokens(ctx, batch);
  }

  function drawTokens(c: CanvasRenderingContext2D, batch: readonly TokenSprite[]) {
    const first = batch[0];
    if (!first) return;
    const { look, token } = first;
    c.globalAlpha = first.alpha;
    c.beginPath();
    for (const s of batch) {
      const size = s.size * s.scale;
      const off = (s.size - size) / 2;
      path(c, s.x + off, s.y + off, size, look.radius * s.scale);
    }
    c.globalAlpha = first.alpha * look.fillOpacity;
    c.fillStyle = token.color;
    c.fill();
    if (look.stroke && look.strokeWidth > 0) {
      c.globalAlpha = first.alpha;
      c.strokeStyle = look.stroke;
      c.lineWidth = look.strokeWidth;
      c.setLineDash(look.dash ? [...look.dash] : []);
      c.stroke();
      c.setLineDash([]);
    }
    c.globalAlpha = 1;
  }

  // ---- update ----------------------------------------------------------------------------
  function update(next: GroupLayout, { animate, duration, highlight }: LanesUpdateOptions) {
    if (running) stop(true);
    const animated = animate && layout !== undefined;
    const dim = (t: TokenLayout) =>
      highlight !== undefined &&
      highlight.size > 0 &&
      !highlight.has(t.key) &&
      !highlight.has(t.partitionKey);

    const nextSprites = new Map<string, TokenSprite>();
    for (const token of next.tokens) {
      const old = sprites.get(token.key);
      const from = old ? { x: old.x, y: old.y, size: old.size } : token;
      nextSprites.set(token.key, {
        token,
        kind: old && animated ? 'update' : animated ? 'enter' : 'update',
        from,
        arc: old !== undefined && (old.token.owner !== token.owner || token.via !== undefined),
        look: tokenLook(token.state, token.size),
        dimmed: dim(token),
        batch: `${token.color}|${token.state}|${dim(token)}`,
        x: token.x,
        y: token.y,
        size: token.size,
        alpha: 0,
        scale: 1,
      });
    }
    if (animated) {
      for (const [key, old] of sprites) {
        if (!nextSprites.has(key)) nextSprites.set(key, { ...old, kind: 'exit', from: old });
      }
    }
    const nextLanes = new Map<string, LaneSprite>();
    for (const lane of next.lanes) {
      const old = laneSprites.get(laneKey(lane));
      const from = old
        ? { x: old.x, y: old.y, width: old.width, height: old.height }
        : { x: lane.x, y: lane.y, width: lane.width, height: lane.height };
      nextLanes.set(laneKey(lane), {
        lane,
        layout: next,
        kind: old || !animated ? 'update' : 'enter',
        from,
        hop: old !== undefined && old.lane.row !== lane.row,
        ...from,
        alpha: 1,
      });
    }
    if (animated) {
      for (const [key, old] of laneSprites)
        if (!nextLanes.has(key)) nextLanes.set(key, { ...old, kind: 'exit' });
    }

    // While animating, room for the old picture too (departing lanes fade where they were).
    viewHeight = animated && layout ? Math.max(layout.height, next.height) : next.height;
    sprites = nextSprites;
    laneSprites = nextLanes;
    layout = next;
    tokensByLane = groupTokensByLane(next);
    plan = planAnimation(next, duration);
    canvas.setAttribute(
      'aria-label',
      `${options.ariaLabel ?? 'Consumer group'}: ${next.tokens.length} partitions, ` +
        `${next.lanes.length - 1} members, ${next.counts.moved} moved, ` +
        `${next.counts.unassigned} unassigned`,
    );
    renderButtons(next);
    resize();
    if (!animated) {
      stop(true);
      return;
    }
    frame(0);
    running = timer(frame);
  }

  function destroy() {
    running?.stop();
    running = undefined;
    observer.disconnect();
    wrapper.removeEventListener('scroll', onScroll);
    canvas.removeEventListener('click', onClick);
    canvas.removeEventListener('mousemove', onMove);
    wrapper.remove();
    layout = undefined;
  }

  return { update, destroy };
}
