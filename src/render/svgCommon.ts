/** What the live SVG renderer's parts share: selection types and how marks leave. */
import type { BaseType, Selection } from 'd3-selection';
import 'd3-transition';
import type { LaneLayout, TokenLayout } from './layout';
import type { TokenLabelText } from './tokenLabels';
import type { AnimationPlan } from './timeline';
import { DURATIONS } from './tokens';

export interface TokenLabel extends TokenLabelText {
  readonly token: TokenLayout;
}

export type TokenSel = Selection<SVGRectElement, TokenLayout, SVGGElement, unknown>;
export type LaneSel<P extends BaseType = SVGGElement, PD = unknown> = Selection<
  SVGGElement,
  LaneLayout,
  P,
  PD
>;

/** Is `token` outside the highlighted set (when there is one)? */
export function isDimmed(token: TokenLayout, highlight: ReadonlySet<string> | undefined) {
  return (
    highlight !== undefined &&
    highlight.size > 0 &&
    !highlight.has(token.key) &&
    !highlight.has(token.partitionKey)
  );
}

/** Marks that leave (departed lanes, deleted tokens): gone at once, or faded out first. */
export function removeExiting<E extends BaseType, D>(
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
