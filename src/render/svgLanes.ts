/**
 * The live SVG renderer's lanes: one `<g class="lane">` per lane joined by key, its header a
 * button with an accessible name; while animating, lanes slide (or hop rows), join and leave
 * as timeline.ts plans, and their counts change when the tokens arrive.
 */
import { easeCubicInOut } from 'd3-ease';
import { select, type BaseType, type Selection } from 'd3-selection';
import 'd3-transition';
import { laneKey, type GroupLayout, type LaneLayout } from './layoutTypes';
import { xmlChars } from './markup';
import { laneAccessibleName, laneCaption, laneText } from './style';
import type { AnimationPlan } from './timeline';
import { COLORS } from './tokens';
import { removeExiting, type LaneSel } from './svgCommon';

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
export function placeLane<P extends BaseType, PD>(sel: LaneSel<P, PD>, layout: GroupLayout) {
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
export function describeLane(sel: LaneSel, layout: GroupLayout) {
  const text = laneText(layout.compact, layout.headerHeight);
  sel
    .attr('data-member', (d) => xmlChars(d.id))
    .attr('data-lane', (d) => d.kind)
    .attr('data-idle', (d) => String(d.idle))
    .attr('data-status', (d) => (d.status === undefined ? null : xmlChars(d.status)));
  const header = sel.select('.lane-header');
  header
    .attr('role', (d) => (d.kind === 'member' ? 'button' : null))
    .attr('tabindex', (d) => (d.kind === 'member' ? -1 : null))
    .attr('aria-label', (d) => xmlChars(laneAccessibleName(d)));
  sel
    .select(':scope > title')
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
    .style('font-size', `${text.captionFontSize}px`)
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

/** What the lane join needs besides the layout. */
export interface LaneUpdate {
  readonly animated: boolean;
  readonly plan: AnimationPlan;
  /** The layout shown before (its lanes leave with its compactness). */
  readonly rendered: GroupLayout | undefined;
  readonly activate: (lane: LaneLayout) => void;
}

/** Joins `layout`'s lanes into `lanesLayer`, animated from what it shows when asked. */
export function updateLanes(
  lanesLayer: Selection<SVGGElement, unknown, null, undefined>,
  layout: GroupLayout,
  { animated, plan, rendered, activate }: LaneUpdate,
): void {
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
        g.append('rect').attr('class', 'lane-body').attr('rx', 6).attr('stroke', COLORS.laneStroke);
        // The tooltip belongs to the whole lane: inside the header its text would count as
        // the header's visible text, which its accessible name must contain.
        g.append('title');
        const header = g.append('g').attr('class', 'lane-header');
        header
          .append('rect')
          .attr('class', 'lane-header-bg')
          .attr('rx', 6)
          .attr('fill', COLORS.headerFill);
        header.append('text').attr('class', 'lane-title').attr('x', 8);
        // A space between title and caption, so their text reads "C0 4 partitions" as the
        // header's name does (laneAccessibleName), not "C04 partitions".
        header.each(function () {
          this.appendChild(document.createTextNode(' '));
        });
        // The header's name says these: read once, not twice.
        header
          .append('text')
          .attr('class', 'lane-caption')
          .attr('x', 8)
          .attr('aria-hidden', 'true');
        header
          .append('text')
          .attr('class', 'lane-problems')
          .attr('text-anchor', 'end')
          .attr('aria-hidden', 'true');
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
        placeLane(select<SVGGElement, LaneLayout>(this as SVGGElement), layout).attr('opacity', 0);
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
}
