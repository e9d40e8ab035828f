/**
 * The group as SVG: one `<g class="lane">` per lane and one `<rect class="token">` per token,
 * joined by key so a partition keeps its element from generation to generation (object
 * constancy). For up to a few thousand tokens; past that use lanesCanvas.
 *
 * Test hooks (kept stable on purpose):
 * - token `<rect>`: data-topic, data-partition, data-owner ('' when unowned), data-state, data-key
 *   (`tokenMarkupKey`, e.g. `orders/2`); names in attributes and text are `xmlChars`-clean, so
 *   the DOM serializes to well-formed XML whatever the names hold;
 * - lane `<g>`: data-member (member id, '' for the unassigned lane), data-lane ('unassigned' |
 *   'member'), data-idle; the header inside it has role="button" and an aria-label.
 */
import { easeCubicInOut } from 'd3-ease';
import { select, type BaseType, type Selection } from 'd3-selection';
import 'd3-transition';
import { tokenLabel, type GroupLayout, type LaneLayout, type TokenLayout } from './layout';
import { tokenMarkupKey, xmlChars } from './markup';
import { labelInk, tokenLabelText, type TokenLabelText } from './tokenLabels';
import { laneAriaLabel, laneCaption, laneText, tokenLook } from './style';
import { flightPoint, planAnimation, type AnimationPlan, type Point } from './timeline';
import { COLORS, DIMMED_OPACITY, DURATIONS, FONT_FAMILY, STROKES, SVG_NS } from './tokens';
import type { LanesRenderer, LanesRendererOptions, LanesUpdateOptions } from './types';

const STYLE = `
.lane-header { outline: none; }
.lane[data-lane="member"] { cursor: pointer; }
.lane-header:focus-visible .lane-header-bg { stroke: ${COLORS.focus}; stroke-width: ${STROKES.focus}; }
.lane[data-lane="member"]:hover .lane-header-bg { fill: ${COLORS.headerHoverFill}; }
.lane-title { font-size: 12px; font-weight: 600; fill: ${COLORS.ink}; }
.lane-caption { font-size: 11px; fill: ${COLORS.muted}; }
.lane-problems { font-size: 11px; font-weight: 600; fill: ${COLORS.problem}; }
.lane-idle { font-size: 11px; font-style: italic; fill: ${COLORS.muted}; }
.token { cursor: pointer; }
.token-label { font-weight: 600; }
`;

interface TokenLabel extends TokenLabelText {
  readonly token: TokenLayout;
}

type TokenSel = Selection<SVGRectElement, TokenLayout, SVGGElement, unknown>;
type LaneSel<P extends BaseType = SVGGElement, PD = unknown> = Selection<
  SVGGElement,
  LaneLayout,
  P,
  PD
>;

function laneKey(lane: LaneLayout) {
  return lane.kind === 'unassigned' ? '\u0000unassigned' : `m\u0000${lane.id}`;
}

function centre(token: { x: number; y: number }, size: number): Point {
  return { x: token.x + size / 2, y: token.y + size / 2 };
}

function transformOf(p: Point, k = 1) {
  return k === 1 ? `translate(${p.x},${p.y})` : `translate(${p.x},${p.y}) scale(${k})`;
}

function isDimmed(token: TokenLayout, highlight: ReadonlySet<string> | undefined) {
  return (
    highlight !== undefined &&
    highlight.size > 0 &&
    !highlight.has(token.key) &&
    !highlight.has(token.partitionKey)
  );
}

/** Marks that leave (departed lanes, deleted tokens): gone at once, or faded out first. */
function removeExiting<E extends BaseType, D>(
  exit: Selection<E, D, BaseType, unknown>,
  animated: boolean,
  plan: AnimationPlan,
): Selection<E, D, BaseType, unknown> {
  if (!animated) return exit.remove();
  exit
    .transition()
    .duration(
      plan.gather.duration > 0 ? plan.gather.duration : plan.total * DURATIONS.exitFadeShare,
    )
    .attr('opacity', 0)
    .remove();
  return exit;
}

/** Everything about a token's look except where it is. */
function styleToken(
  sel: TokenSel,
  highlight: ReadonlySet<string> | undefined,
  selected: string | undefined,
) {
  sel
    .attr('data-topic', (d) => xmlChars(d.topic))
    .attr('data-partition', (d) => d.partition)
    .attr('data-owner', (d) => xmlChars(d.owner))
    .attr('data-state', (d) => d.state)
    .attr('data-key', (d) => tokenMarkupKey(d))
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', (d) => tokenLook(d.state, d.size).fillOpacity)
    .attr('stroke', (d) => tokenLook(d.state, d.size).stroke ?? null)
    .attr('stroke-width', (d) => tokenLook(d.state, d.size).strokeWidth || null)
    .attr('stroke-dasharray', (d) => tokenLook(d.state, d.size).dash?.join(' ') ?? null)
    .attr('opacity', (d) => (isDimmed(d, highlight) ? DIMMED_OPACITY : 1))
    .attr('data-highlighted', (d) =>
      highlight?.has(d.key) || highlight?.has(d.partitionKey) ? 'true' : null,
    )
    .attr('data-selected', (d) => (d.partitionKey === selected ? 'true' : null));
  sel.select('title').text((d) => xmlChars(tokenLabel(d)));
}

/** Size and place, at once. */
function placeToken(sel: TokenSel) {
  sel
    .attr('x', (d) => -d.size / 2)
    .attr('y', (d) => -d.size / 2)
    .attr('width', (d) => d.size)
    .attr('height', (d) => d.size)
    .attr('rx', (d) => tokenLook(d.state, d.size).radius)
    .attr('transform', (d) => transformOf(centre(d, d.size)));
}

function laneTransform(lane: LaneLayout) {
  return `translate(${lane.x},${lane.y})`;
}

function laneFill(lane: LaneLayout) {
  return lane.kind === 'unassigned'
    ? COLORS.unassignedFill
    : lane.idle
      ? COLORS.idleFill
      : COLORS.laneFill;
}

function laneDash(lane: LaneLayout) {
  return lane.kind === 'unassigned' || lane.idle ? '4 3' : null;
}

/**
 * Place and size, at once. A lane `<g>` sits at the lane's top-left corner (lane.x, lane.y);
 * what is inside it is relative to that.
 */
function placeLane<P extends BaseType, PD>(sel: LaneSel<P, PD>, layout: GroupLayout) {
  sel.attr('transform', laneTransform).attr('opacity', 1);
  sel
    .select('.lane-body')
    .attr('width', (d) => d.width)
    .attr('y', layout.headerHeight)
    .attr('height', layout.bodyHeight)
    .attr('fill', laneFill)
    .attr('stroke-dasharray', laneDash);
  sel
    .select('.lane-header-bg')
    .attr('width', (d) => d.width)
    .attr('y', 0)
    .attr('height', layout.headerHeight - 4);
  sel.select('.lane-idle').attr('x', (d) => d.width / 2);
  return sel;
}

/** Texts and hooks; compact lanes (see GroupLayout.compact) show the title only. */
function describeLane(sel: LaneSel, layout: GroupLayout) {
  const text = laneText(layout.compact);
  sel
    .attr('data-member', (d) => xmlChars(d.id))
    .attr('data-lane', (d) => d.kind)
    .attr('data-idle', (d) => String(d.idle));
  const header = sel.select('.lane-header');
  header
    .attr('role', (d) => (d.kind === 'member' ? 'button' : null))
    .attr('tabindex', (d) => (d.kind === 'member' ? 0 : null))
    .attr('aria-label', (d) => laneAriaLabel(d));
  header
    .select('title')
    .text((d) =>
      d.kind === 'member' ? xmlChars(`${d.id}: ${laneCaption(d)}`) : 'Partitions no member owns',
    );
  sel
    .select('.lane-title')
    .attr('y', text.titleY)
    .style('font-size', `${text.titleFontSize}px`)
    .attr('font-style', (d) => (d.kind === 'unassigned' ? 'italic' : null))
    .text((d) => xmlChars(d.title));
  sel
    .select('.lane-caption')
    .attr('y', text.captionY ?? 0)
    .text((d) => (text.captionY === undefined ? '' : laneCaption(d)));
  sel
    .select('.lane-problems')
    .attr('y', text.problemsY)
    .attr('x', (d) => d.width - 6)
    .text((d) => (d.problems > 0 ? `⚠ ${d.problems}` : ''));
  sel
    .select('.lane-idle')
    .attr('y', layout.headerHeight + text.idleY)
    .text((d) => (d.idle ? text.idle : ''));
}

export function createLanesSvg(
  el: HTMLElement | SVGElement,
  options: LanesRendererOptions = {},
): LanesRenderer {
  const ownsSvg = !(el instanceof SVGSVGElement);
  const svgEl = ownsSvg ? document.createElementNS(SVG_NS, 'svg') : el;
  if (ownsSvg) el.appendChild(svgEl);
  const svg = select(svgEl as SVGSVGElement)
    .attr('class', 'lanes-svg')
    .attr('role', 'group')
    .attr('aria-label', options.ariaLabel ?? 'Consumer group: partitions by member')
    .style('font-family', FONT_FAMILY)
    .style('display', 'block');
  const root = svg.append('g').attr('class', 'lanes-root');
  root.append('style').text(STYLE);
  const lanesLayer = root.append('g').attr('class', 'lanes');
  const tokensLayer = root.append('g').attr('class', 'tokens');
  // Over the tokens, never in the way of a click on one.
  const labelsLayer = root
    .append('g')
    .attr('class', 'token-labels')
    .attr('aria-hidden', 'true')
    .style('pointer-events', 'none');
  const ringLayer = root
    .append('g')
    .attr('class', 'selection')
    .attr('aria-hidden', 'true')
    .style('pointer-events', 'none');
  const labelOpacity = (d: TokenLabel) => (isDimmed(d.token, highlight) ? DIMMED_OPACITY : 1);

  let rendered: GroupLayout | undefined;
  let highlight: ReadonlySet<string> | undefined;
  let selected: string | undefined;

  function sizeSvg(width: number, height: number) {
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  }

  function activate(lane: LaneLayout) {
    if (lane.kind === 'member') options.onMemberClick?.(lane.id);
  }

  /** Ends any running animation: everything jumps to where the last update meant it to be. */
  function finish() {
    svg.interrupt();
    root.selectAll('*').interrupt();
    root.selectAll('.exiting').remove();
    if (!rendered) return;
    sizeSvg(rendered.width, rendered.height);
    const tokens = tokensLayer.selectAll<SVGRectElement, TokenLayout>('rect.token');
    placeToken(tokens);
    styleToken(tokens, highlight, selected);
    labelsLayer
      .selectAll<SVGTextElement, TokenLabel>('text')
      .interrupt()
      .attr('opacity', labelOpacity);
    ringLayer.selectAll('rect').interrupt().attr('opacity', 1);
    const lanes = lanesLayer.selectAll<SVGGElement, LaneLayout>('g.lane');
    placeLane(lanes, rendered);
    describeLane(lanes, rendered);
  }

  /**
   * Labels on the tokens with room for one, at their final places. While animating, a label
   * whose token changes place (or appears) shows once the token has arrived.
   */
  function drawLabels(
    layout: GroupLayout,
    animated: boolean,
    plan: AnimationPlan,
    before: ReadonlyMap<string, TokenLayout>,
  ) {
    const labels: TokenLabel[] = [];
    for (const token of layout.tokens) {
      const text = tokenLabelText(token);
      if (text) labels.push({ token, ...text });
    }
    const sel = labelsLayer
      .selectAll<SVGTextElement, TokenLabel>('text.token-label')
      .data(labels, (d) => d.token.key)
      .join('text')
      .attr('class', 'token-label')
      .attr('x', (d) => d.token.x + d.token.size / 2)
      .attr('y', (d) => d.token.y + d.token.size / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'middle')
      .style('font-size', (d) => `${d.fontSize}px`)
      .attr('fill', (d) =>
        labelInk(d.token.color, tokenLook(d.token.state, d.token.size).fillOpacity),
      )
      .text((d) => xmlChars(d.text))
      .attr('opacity', labelOpacity);
    if (!animated) return;
    const stays = (d: TokenLabel) => {
      const old = before.get(d.token.key);
      return (
        old !== undefined && old.x === d.token.x && old.y === d.token.y && d.token.via === undefined
      );
    };
    sel
      .filter((d) => !stays(d))
      .attr('opacity', 0)
      .transition()
      .delay(plan.total)
      .duration(DURATIONS.fadeIn)
      .attr('opacity', (d) => labelOpacity(d as TokenLabel));
  }

  /** A ring around every copy of the selected partition; while animating, once it has arrived. */
  function drawSelection(layout: GroupLayout, animated: boolean, plan: AnimationPlan) {
    const ringed =
      selected === undefined ? [] : layout.tokens.filter((t) => t.partitionKey === selected);
    const sel = ringLayer
      .selectAll<SVGRectElement, TokenLayout>('rect.selection-ring')
      .data(ringed, (d) => d.key)
      .join('rect')
      .attr('class', 'selection-ring')
      .attr('data-key', (d) => tokenMarkupKey(d))
      .attr('x', (d) => d.x - STROKES.selectionRingPad)
      .attr('y', (d) => d.y - STROKES.selectionRingPad)
      .attr('width', (d) => d.size + 2 * STROKES.selectionRingPad)
      .attr('height', (d) => d.size + 2 * STROKES.selectionRingPad)
      .attr('rx', (d) => tokenLook(d.state, d.size).radius + STROKES.selectionRingPad)
      .attr('fill', 'none')
      .attr('stroke', COLORS.focus)
      .attr('stroke-width', STROKES.selectionRing)
      .attr('opacity', 1);
    if (animated)
      sel
        .attr('opacity', 0)
        .transition()
        .delay(plan.total)
        .duration(DURATIONS.fadeIn)
        .attr('opacity', 1);
  }

  function update(
    layout: GroupLayout,
    { animate, duration, highlight: h, selected: s }: LanesUpdateOptions,
  ) {
    finish();
    const animated = animate && rendered !== undefined;
    const plan = planAnimation(layout, duration);
    highlight = h;
    selected = s;
    // While animating, room for both the old and the new picture (departing lanes stay put).
    const width = animated && rendered ? Math.max(rendered.width, layout.width) : layout.width;
    const height = animated && rendered ? Math.max(rendered.height, layout.height) : layout.height;
    sizeSvg(width, height);
    if (animated && (width !== layout.width || height !== layout.height)) {
      svg
        .transition()
        .delay(plan.total)
        .duration(0)
        .on('end', () => sizeSvg(layout.width, layout.height));
    }

    // ---- lanes -------------------------------------------------------------------------
    const lanesBefore = new Map<string, LaneLayout>();
    lanesLayer
      .selectAll<SVGGElement, LaneLayout>('g.lane')
      .each((d) => lanesBefore.set(laneKey(d), d));
    const lanes = lanesLayer
      .selectAll<SVGGElement, LaneLayout>('g.lane')
      .data(layout.lanes, laneKey)
      .join(
        (enter) => {
          const g = enter.append('g').attr('class', 'lane');
          g.append('rect')
            .attr('class', 'lane-body')
            .attr('rx', 6)
            .attr('stroke', COLORS.laneStroke);
          const header = g.append('g').attr('class', 'lane-header');
          header.append('title');
          header
            .append('rect')
            .attr('class', 'lane-header-bg')
            .attr('rx', 6)
            .attr('fill', COLORS.headerFill);
          header.append('text').attr('class', 'lane-title').attr('x', 8);
          header.append('text').attr('class', 'lane-caption').attr('x', 8);
          header.append('text').attr('class', 'lane-problems').attr('text-anchor', 'end');
          g.append('text').attr('class', 'lane-idle').attr('text-anchor', 'middle');
          g.on('click', (_event, d) => activate(d));
          header.on('keydown', (event: KeyboardEvent, d) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              activate(d as LaneLayout);
            }
          });
          return g;
        },
        (update) => update,
        (exit) => {
          // Fades out where it was (its transform is its old place).
          exit.attr('class', 'lane exiting').attr('data-departed', 'true');
          exit.select('.lane-caption').text(rendered?.compact ? '' : 'left the group');
          exit.select('.lane-idle').text('');
          exit.select('.lane-problems').text('');
          exit.select('.lane-header').attr('role', null).attr('tabindex', null);
          return removeExiting(exit, animated, plan);
        },
      );
    describeLane(lanes, layout);
    if (!animated) {
      placeLane(lanes, layout);
    } else {
      const fresh = lanes.filter((d) => !lanesBefore.has(laneKey(d)));
      placeLane(fresh, layout);
      fresh.attr('opacity', 0);
      // Joined lanes fade in where they go while the others make room, before any token
      // flies to them.
      fresh.transition().delay(plan.reflow.start).duration(plan.reflow.duration).attr('opacity', 1);
      const moving = lanes.filter((d) => lanesBefore.has(laneKey(d)));
      moving.select('.lane-body').attr('fill', laneFill).attr('stroke-dasharray', laneDash);
      moving.select('.lane-idle').attr('x', (d) => d.width / 2);
      // Within its row a lane slides to its new place; to another row it fades out and back
      // in there, rather than sweep across the others. Only once departed lanes are gone.
      const sameRow = (d: LaneLayout) => lanesBefore.get(laneKey(d))?.row === d.row;
      const slide = moving
        .filter(sameRow)
        .transition()
        .delay(plan.reflow.start)
        .duration(plan.reflow.duration)
        .ease(easeCubicInOut);
      slide.attr('transform', (d) => laneTransform(d as LaneLayout));
      slide
        .select('.lane-body')
        .attr('width', (d) => (d as LaneLayout).width)
        .attr('y', layout.headerHeight)
        .attr('height', layout.bodyHeight);
      slide
        .select('.lane-header-bg')
        .attr('width', (d) => (d as LaneLayout).width)
        .attr('height', layout.headerHeight - 4);
      const half = plan.reflow.duration / 2;
      moving
        .filter((d) => !sameRow(d))
        .transition()
        .delay(plan.reflow.start)
        .duration(half)
        .ease(easeCubicInOut)
        .attr('opacity', 0)
        .on('end', function () {
          placeLane(select<SVGGElement, LaneLayout>(this as SVGGElement), layout).attr(
            'opacity',
            0,
          );
        })
        .transition()
        .duration(half)
        .ease(easeCubicInOut)
        .attr('opacity', 1);
      // Counts change when the tokens arrive: until then the old ones (a joined lane has
      // none yet), and the unassigned lane counts the orphans waiting in it too.
      if (!layout.compact) {
        const gathered = plan.gather.start + plan.gather.duration;
        const captions = lanes.select('.lane-caption');
        captions.text((d) => {
          const old = lanesBefore.get(laneKey(d));
          if (old) return laneCaption(old);
          return laneCaption({ ...d, load: 0, idle: false });
        });
        if (layout.counts.orphaned > 0 && gathered > 0) {
          lanes
            .filter((d) => d.kind === 'unassigned')
            .select('.lane-caption')
            .transition()
            .delay(gathered)
            .duration(0)
            .text((d) =>
              laneCaption({
                ...(d as LaneLayout),
                load: (d as LaneLayout).load + layout.counts.orphaned,
              }),
            );
        }
        lanes
          .select('.lane-caption')
          .transition('counts')
          .delay(plan.countsAt)
          .duration(0)
          .text((d) => laneCaption(d as LaneLayout));
        lanes
          .select('.lane-idle')
          .text((d) => (lanesBefore.get(laneKey(d))?.idle ? laneText(false).idle : ''))
          .transition('counts')
          .delay(plan.countsAt)
          .duration(0)
          .text((d) => ((d as LaneLayout).idle ? laneText(false).idle : ''));
      }
    }

    // ---- tokens ------------------------------------------------------------------------
    const before = new Map<string, TokenLayout>();
    tokensLayer
      .selectAll<SVGRectElement, TokenLayout>('rect.token')
      .each((d) => before.set(d.key, d));

    const tokens = tokensLayer
      .selectAll<SVGRectElement, TokenLayout>('rect.token')
      .data(layout.tokens, (d) => d.key)
      .join(
        (enter) => {
          const rect = enter.append('rect').attr('class', 'token');
          rect.append('title');
          rect.on('click', (_event, d) => options.onPartitionClick?.(d));
          return rect;
        },
        (update) => update,
        (exit) => {
          exit.attr('class', 'token exiting').attr('data-state', 'deleted');
          return removeExiting(exit, animated, plan);
        },
      );
    // Looks change at once (a moved token is outlined before it flies); places animate below,
    // where tokens that change place are raised to fly over the others.
    styleToken(tokens, highlight, selected);

    if (!animated) {
      placeToken(tokens);
    } else {
      const entering = tokens.filter((d) => !before.has(d.key));
      placeToken(entering);
      entering
        .attr('transform', (d) => transformOf(centre(d, d.size), 0.01))
        .attr('opacity', 0)
        .transition()
        .delay(plan.appear.start)
        .duration(plan.appear.duration)
        .ease(easeCubicInOut)
        .attr('transform', (d) => transformOf(centre(d, d.size)))
        .attr('opacity', (d) => (isDimmed(d, highlight) ? DIMMED_OPACITY : 1));

      // Orphans always travel (via the unassigned lane), even when they land where they were.
      const changed = tokens.filter((d) => {
        const old = before.get(d.key);
        if (old === undefined) return false;
        if (d.state === 'orphaned' && d.via !== undefined) return true;
        return old.x !== d.x || old.y !== d.y || old.size !== d.size;
      });
      changed.raise();
      const flyFrom = (from: Point, to: Point, arc: boolean) => (t: number) =>
        transformOf(flightPoint(from, to, t, arc));

      // Stage 1: orphaned tokens gather in the unassigned lane.
      const orphans = changed.filter((d) => d.state === 'orphaned' && d.via !== undefined);
      orphans
        .transition()
        .delay(plan.gather.start)
        .duration(plan.gather.duration)
        .ease(easeCubicInOut)
        .attrTween('transform', (d) => {
          const old = before.get(d.key) as TokenLayout;
          return flyFrom(centre(old, old.size), centre(d.via as Point, old.size), true);
        });

      // Stages 2 and 3: everything that changed place goes there.
      const stays = (d: TokenLayout) => {
        const old = before.get(d.key) as TokenLayout;
        return old.owner === d.owner && d.via === undefined;
      };
      // Tokens that keep their owner move with their lane (reflow); the others, to lanes now
      // in place (move).
      changed
        .transition()
        .delay((d) => (stays(d) ? plan.reflow.start : plan.move.start))
        .duration((d) => (stays(d) ? plan.reflow.duration : plan.move.duration))
        .ease(easeCubicInOut)
        .attrTween('transform', (d) => {
          const old = before.get(d.key) as TokenLayout;
          const from =
            d.state === 'orphaned' && d.via !== undefined
              ? centre(d.via, old.size)
              : centre(old, old.size);
          return flyFrom(from, centre(d, d.size), old.owner !== d.owner || d.via !== undefined);
        })
        .attr('x', (d) => -d.size / 2)
        .attr('y', (d) => -d.size / 2)
        .attr('width', (d) => d.size)
        .attr('height', (d) => d.size)
        .attr('rx', (d) => tokenLook(d.state, d.size).radius);
    }
    drawLabels(layout, animated, plan, before);
    drawSelection(layout, animated, plan);
    rendered = layout;
  }

  function destroy() {
    root.selectAll('*').interrupt();
    if (ownsSvg) svg.remove();
    else root.remove();
    rendered = undefined;
  }

  return { update, destroy };
}
