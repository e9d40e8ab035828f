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
import { select } from 'd3-selection';
import 'd3-transition';
import type { GroupLayout, LaneLayout, TokenLayout } from './layout';
import { createLaneKeyboard, type LaneKeyboard } from './laneKeyboard';
import { patternDefMarkup, patternFillId, showsPattern } from './patternMarks';
import { isDimmed, type TokenLabel } from './svgCommon';
import { describeLane, placeLane, updateLanes } from './svgLanes';
import { drawLabels, drawSelection } from './svgOverlay';
import { placeToken, styleToken, updateTokens } from './svgTokens';
import { planAnimation } from './timeline';
import { COLORS, DIMMED_OPACITY, FONT_FAMILY, STROKES, SVG_NS } from './tokens';
import type { LanesRenderer, LanesRendererOptions, LanesUpdateOptions } from './types';

/** Grey diagonal stripes on white: a partition nobody consumes yet. */
function inFlightDefMarkup(id: string): string {
  return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COLORS.inFlightBackground}"/><rect width="2" height="6" fill="${COLORS.inFlightStripe}"/></pattern>`;
}

/** Numbers the pictures on a page, so their pattern ids differ. */
let pictures = 0;

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
  // The picture's one tab stop (laneKeyboard.ts), over it in the host element.
  let keyboard: LaneKeyboard | undefined;
  if (ownsSvg && el instanceof HTMLElement) {
    if (getComputedStyle(el).position === 'static') el.style.position = 'relative';
    keyboard = createLaneKeyboard(el, options);
  }
  const root = svg.append('g').attr('class', 'lanes-root');
  root.append('style').text(STYLE);
  // One <pattern> per topic that has one: its colour under its strokes (patternMarks.ts).
  const defs = root.append('defs');
  const prefix = `lanes-pattern-${++pictures}`;
  const defined = new Set<string>();
  const fill = (d: TokenLayout) => {
    if (inFlight?.has(d.partitionKey) === true) {
      // In flight in the round shown: grey stripes on white inside a dashed outline in its
      // topic's colour (styleToken), as the rounds panel draws it; grey, so it never reads
      // as a topic's own pattern.
      const id = `${prefix}-in-flight`;
      if (!defined.has(id)) {
        defined.add(id);
        defs.node()?.insertAdjacentHTML('beforeend', inFlightDefMarkup(id));
      }
      return `url(#${id})`;
    }
    if (!showsPattern(d.pattern, d.size)) return d.color;
    const id = patternFillId(prefix, d.color, d.pattern);
    if (!defined.has(id)) {
      defined.add(id);
      defs.node()?.insertAdjacentHTML('beforeend', patternDefMarkup(id, d.color, d.pattern));
    }
    return `url(#${id})`;
  };
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
  let inFlight: ReadonlyMap<string, number> | undefined;

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
    styleToken(tokens, highlight, selected, fill, inFlight);
    labelsLayer
      .selectAll<SVGTextElement, TokenLabel>('text')
      .interrupt()
      .attr('opacity', labelOpacity);
    ringLayer.selectAll('rect').interrupt().attr('opacity', 1);
    const lanes = lanesLayer.selectAll<SVGGElement, LaneLayout>('g.lane');
    placeLane(lanes, rendered);
    describeLane(lanes, rendered);
  }

  function update(
    layout: GroupLayout,
    { animate, duration, highlight: h, selected: s, inFlight: f }: LanesUpdateOptions,
  ) {
    finish();
    const animated = animate && rendered !== undefined;
    const plan = planAnimation(layout, duration);
    highlight = h;
    selected = s;
    inFlight = f;
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

    updateLanes(lanesLayer, layout, { animated, plan, rendered, activate });
    const before = updateTokens(tokensLayer, layout, {
      animated,
      plan,
      highlight,
      selected,
      onPartitionClick: options.onPartitionClick,
      fill,
      inFlight,
    });
    drawLabels(labelsLayer, labelOpacity, layout, animated, plan, before);
    // An in-flight token is white inside: its label takes the page's ink.
    if (inFlight !== undefined && inFlight.size > 0)
      labelsLayer
        .selectAll<SVGTextElement, TokenLabel>('text')
        .filter((d) => inFlight?.has(d.token.partitionKey) === true)
        .attr('fill', COLORS.ink);
    drawSelection(ringLayer, selected, layout, animated, plan);
    rendered = layout;
    keyboard?.update(layout);
  }

  function destroy() {
    keyboard?.destroy();
    root.selectAll('*').interrupt();
    if (ownsSvg) svg.remove();
    else root.remove();
    rendered = undefined;
  }

  return { update, destroy };
}
