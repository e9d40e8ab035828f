/**
 * Over the live SVG's tokens: their labels (when they have room) and the rings around the
 * selected partition's tokens; while animating, those that change place show once arrived.
 */
import type { Selection } from 'd3-selection';
import 'd3-transition';
import type { GroupLayout, TokenLayout } from './layout';
import { tokenMarkupKey, xmlChars } from './markup';
import { tokenLook } from './style';
import type { AnimationPlan } from './timeline';
import { labelInk, tokenLabelText } from './tokenLabels';
import { COLORS, DURATIONS, STROKES } from './tokens';
import type { TokenLabel } from './svgCommon';

type Layer = Selection<SVGGElement, unknown, null, undefined>;

/**
 * Labels on the tokens with room for one, at their final places. While animating, a label
 * whose token changes place (or appears) shows once the token has arrived.
 */
export function drawLabels(
  labelsLayer: Layer,
  labelOpacity: (d: TokenLabel) => number,
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
export function drawSelection(
  ringLayer: Layer,
  selected: string | undefined,
  layout: GroupLayout,
  animated: boolean,
  plan: AnimationPlan,
) {
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
