/**
 * The live SVG renderer's tokens: one `<rect class="token">` per token joined by key, styled,
 * placed, and while animating flown through the stages of timeline.ts.
 */
import { easeCubicInOut } from 'd3-ease';
import type { Selection } from 'd3-selection';
import 'd3-transition';
import { tokenLabel, type GroupLayout, type TokenLayout } from './layout';
import { tokenMarkupKey, xmlChars } from './markup';
import { tokenLook } from './style';
import { flightPoint, type AnimationPlan, type Point } from './timeline';
import { DIMMED_OPACITY, IN_FLIGHT_DASH, STROKES } from './tokens';
import { isDimmed, removeExiting, type TokenSel } from './svgCommon';

export function centre(token: { x: number; y: number }, size: number): Point {
  return { x: token.x + size / 2, y: token.y + size / 2 };
}

export function transformOf(p: Point, k = 1) {
  return k === 1 ? `translate(${p.x},${p.y})` : `translate(${p.x},${p.y}) scale(${k})`;
}

/** Everything about a token's look except where it is. */
export function styleToken(
  sel: TokenSel,
  highlight: ReadonlySet<string> | undefined,
  selected: string | undefined,
  fill: (token: TokenLayout) => string,
  inFlight?: ReadonlyMap<string, number>,
) {
  const flying = (d: TokenLayout) => inFlight?.has(d.partitionKey) === true;
  sel
    .attr('data-topic', (d) => xmlChars(d.topic))
    .attr('data-partition', (d) => d.partition)
    .attr('data-owner', (d) => xmlChars(d.owner))
    .attr('data-state', (d) => d.state)
    .attr('data-key', (d) => tokenMarkupKey(d))
    .attr('fill', fill)
    .attr('data-color', (d) => d.color)
    .attr('data-pattern', (d) => d.pattern)
    .attr('fill-opacity', (d) => (flying(d) ? 1 : tokenLook(d.state, d.size).fillOpacity))
    .attr('stroke', (d) => (flying(d) ? d.color : (tokenLook(d.state, d.size).stroke ?? null)))
    .attr('stroke-width', (d) =>
      flying(d) ? STROKES.inFlight : tokenLook(d.state, d.size).strokeWidth || null,
    )
    .attr('stroke-dasharray', (d) =>
      flying(d) ? IN_FLIGHT_DASH : (tokenLook(d.state, d.size).dash?.join(' ') ?? null),
    )
    .attr('opacity', (d) => (isDimmed(d, highlight) ? DIMMED_OPACITY : 1))
    .attr('data-highlighted', (d) =>
      highlight?.has(d.key) || highlight?.has(d.partitionKey) ? 'true' : null,
    )
    .attr('data-selected', (d) => (d.partitionKey === selected ? 'true' : null))
    .attr('data-in-flight', (d) => (flying(d) ? 'true' : null));
  sel
    .select('title')
    .text((d) =>
      xmlChars(
        `${tokenLabel(d)}${flying(d) ? `: in flight, unconsumed for ${inFlight?.get(d.partitionKey) ?? 0} ms in this generation` : ''}`,
      ),
    );
}

/** Size and place, at once. */
export function placeToken(sel: TokenSel) {
  sel
    .attr('x', (d) => -d.size / 2)
    .attr('y', (d) => -d.size / 2)
    .attr('width', (d) => d.size)
    .attr('height', (d) => d.size)
    .attr('rx', (d) => tokenLook(d.state, d.size).radius)
    .attr('transform', (d) => transformOf(centre(d, d.size)));
}

/** What the token join needs besides the layout. */
export interface TokenUpdate {
  readonly animated: boolean;
  readonly plan: AnimationPlan;
  readonly highlight: ReadonlySet<string> | undefined;
  readonly selected: string | undefined;
  readonly onPartitionClick: ((token: TokenLayout) => void) | undefined;
  /** A token's fill: its colour, or the pattern that paints its colour and pattern. */
  readonly fill: (token: TokenLayout) => string;
  /** Partitions in flight in the protocol round shown (see LanesUpdateOptions). */
  readonly inFlight: ReadonlyMap<string, number> | undefined;
}

/**
 * Joins `layout`'s tokens into `tokensLayer`, animated from what it shows when asked; returns
 * the tokens shown before, by key.
 */
export function updateTokens(
  tokensLayer: Selection<SVGGElement, unknown, null, undefined>,
  layout: GroupLayout,
  { animated, plan, highlight, selected, onPartitionClick, fill, inFlight }: TokenUpdate,
): Map<string, TokenLayout> {
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
        rect.on('click', (_event, d) => onPartitionClick?.(d));
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
  styleToken(tokens, highlight, selected, fill, inFlight);

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
  return before;
}
