/**
 * A small SVG chart of how each rebalance went: partitions moved (bars) and the spread of
 * member loads, largest minus smallest (line), per generation, one series per assignor, with a
 * marker at the current generation.
 */
import { builtinRunLabel } from '../scenario/builtinRuns';
import { max } from 'd3-array';
import { axisBottom, axisLeft } from 'd3-axis';
import { format } from 'd3-format';
import { scaleBand, scaleLinear, scaleOrdinal } from 'd3-scale';
import { schemeDark2 } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { COLORS, FONT_FAMILY, STROKES, SVG_NS } from './tokens';

export interface MetricsPoint {
  readonly assignor: string;
  readonly generation: number;
  readonly moved: number;
  readonly spread: number;
  /** The result broke the assignment rules or failed: drawn hatched red and said so. */
  readonly invalid?: boolean;
}

export interface MetricsChartOptions {
  /** Default: the element's width, or 480. */
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  /** assignor → colour; others get Dark2 colours in order of first appearance. */
  readonly colors?: Readonly<Record<string, string>>;
}

export interface MetricsChart {
  update(points: readonly MetricsPoint[], currentGeneration?: number): void;
  destroy(): void;
}

const INVALID_COLOR = COLORS.invalid;
const MARGIN = { top: 42, right: 12, bottom: 30, left: 40 };
let nextId = 0;

export function createMetricsChart(
  el: HTMLElement | SVGElement,
  options: MetricsChartOptions = {},
): MetricsChart {
  const id = `metrics-chart-${++nextId}`;
  const titleText = options.title ?? 'Partitions moved and load spread per generation';
  const svgEl = document.createElementNS(SVG_NS, 'svg');
  el.appendChild(svgEl);
  const svg = select(svgEl)
    .attr('class', 'metrics-chart')
    .attr('role', 'img')
    .attr('aria-labelledby', `${id}-title ${id}-desc`)
    .style('display', 'block')
    .style('font-family', FONT_FAMILY)
    .style('font-size', '11px');
  svg.append('title').attr('id', `${id}-title`).text(titleText);
  const desc = svg.append('desc').attr('id', `${id}-desc`);
  const marker = svg.append('g').attr('class', 'current-marker');
  const gridLayer = svg.append('g').attr('class', 'grid');
  const xAxisLayer = svg.append('g').attr('class', 'x-axis');
  const yAxisLayer = svg.append('g').attr('class', 'y-axis');
  const barsLayer = svg.append('g').attr('class', 'bars');
  const linesLayer = svg.append('g').attr('class', 'lines');
  const invalidLayer = svg.append('g').attr('class', 'invalid-marks');
  const legendLayer = svg.append('g').attr('class', 'legend');
  // Hatching for bars of invalid results, so they read as "not a real figure" at a glance.
  svg
    .append('defs')
    .append('pattern')
    .attr('id', `${id}-invalid`)
    .attr('width', 4)
    .attr('height', 4)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('patternTransform', 'rotate(45)')
    .call((pattern) =>
      pattern.append('rect').attr('width', 2).attr('height', 4).attr('fill', INVALID_COLOR),
    );

  function update(points: readonly MetricsPoint[], currentGeneration?: number) {
    const width = Math.max(
      200,
      options.width ?? ((el instanceof HTMLElement && el.clientWidth) || 480),
    );
    const height = options.height ?? 180;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    const assignors = [...new Set(points.map((p) => p.assignor))];
    const generations = [...new Set(points.map((p) => p.generation))].sort((a, b) => a - b);
    const color = scaleOrdinal<string, string>()
      .domain(assignors)
      .range(assignors.map((a, i) => options.colors?.[a] ?? schemeDark2[i % 8] ?? '#666'));

    const x = scaleBand<number>()
      .domain(generations)
      .range([MARGIN.left, width - MARGIN.right])
      .paddingInner(0.25)
      .paddingOuter(0.15);
    const inner = scaleBand<string>().domain(assignors).range([0, x.bandwidth()]).padding(0.08);
    const top = Math.max(1, max(points, (p) => Math.max(p.moved, p.spread)) ?? 1);
    const y = scaleLinear()
      .domain([0, top])
      .nice(Math.min(5, top))
      .range([height - MARGIN.bottom, MARGIN.top]);
    const yTicks = y.ticks(Math.min(5, top)).filter(Number.isInteger);

    // Axes, integer ticks only. Thin the generation labels when there are many.
    const every = Math.max(1, Math.ceil(generations.length / Math.max(1, (width - 60) / 28)));
    xAxisLayer.attr('transform', `translate(0,${height - MARGIN.bottom})`).call(
      axisBottom(x)
        .tickValues(generations.filter((_g, i) => i % every === 0))
        .tickSizeOuter(0),
    );
    xAxisLayer
      .selectAll('.axis-label')
      .data([0])
      .join('text')
      .attr('class', 'axis-label')
      .attr('x', width - MARGIN.right)
      .attr('y', 26)
      .attr('text-anchor', 'end')
      .attr('fill', COLORS.muted)
      .text('generation');
    yAxisLayer
      .attr('transform', `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).tickValues(yTicks).tickFormat(format('d')).tickSizeOuter(0));
    yAxisLayer
      .selectAll('.axis-label')
      .data([0])
      .join('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(-30,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('fill', COLORS.muted)
      .text('partitions');
    gridLayer
      .selectAll('line')
      .data(yTicks)
      .join('line')
      .attr('x1', MARGIN.left)
      .attr('x2', width - MARGIN.right)
      .attr('y1', (d) => y(d))
      .attr('y2', (d) => y(d))
      .attr('stroke', COLORS.grid);

    // Current generation.
    const hasCurrent = currentGeneration !== undefined && generations.includes(currentGeneration);
    const step = x.step();
    marker
      .selectAll('rect')
      .data(hasCurrent ? [currentGeneration] : [])
      .join('rect')
      .attr('x', (g) => (x(g) ?? 0) - (step - x.bandwidth()) / 2)
      .attr('width', step)
      .attr('y', MARGIN.top - 6)
      .attr('height', height - MARGIN.bottom - MARGIN.top + 6)
      .attr('fill', COLORS.currentFill)
      .attr('data-generation', (g) => g);
    marker
      .selectAll('text')
      .data(hasCurrent ? [currentGeneration] : [])
      .join('text')
      .attr('x', (g) => (x(g) ?? 0) + x.bandwidth() / 2)
      .attr('y', MARGIN.top - 9)
      .attr('text-anchor', 'middle')
      .attr('fill', COLORS.currentInk)
      .attr('font-weight', 600)
      .text('now');

    // Bars: moved.
    barsLayer
      .selectAll<SVGRectElement, MetricsPoint>('rect')
      .data(points, (p) => `${p.assignor}\u0000${p.generation}`)
      .join((enter) => enter.append('rect').call((r) => r.append('title')))
      .attr('x', (p) => (x(p.generation) ?? 0) + (inner(p.assignor) ?? 0))
      .attr('width', inner.bandwidth())
      .attr('y', (p) => y(p.moved))
      .attr('height', (p) => y(0) - y(p.moved))
      .attr('fill', (p) => (p.invalid ? `url(#${id}-invalid)` : color(p.assignor)))
      .attr('fill-opacity', (p) => (p.invalid ? 1 : 0.55))
      .attr('stroke', (p) => (p.invalid ? INVALID_COLOR : null))
      .attr('data-assignor', (p) => p.assignor)
      .attr('data-generation', (p) => p.generation)
      .attr('data-invalid', (p) => (p.invalid ? 'true' : null))
      .select('title')
      .text(
        (p) =>
          `${builtinRunLabel(p.assignor)}, generation ${p.generation}: ${p.invalid ? 'INVALID result, ' : ''}${p.moved} moved, spread ${p.spread}`,
      );
    // An invalid result with nothing moved still needs a mark the eye can find.
    invalidLayer
      .selectAll<SVGTextElement, MetricsPoint>('text')
      .data(
        points.filter((p) => p.invalid),
        (p) => `${p.assignor}\u0000${p.generation}`,
      )
      .join('text')
      .attr('x', (p) => (x(p.generation) ?? 0) + (inner(p.assignor) ?? 0) + inner.bandwidth() / 2)
      .attr('y', (p) => y(p.moved) - 3)
      .attr('text-anchor', 'middle')
      .attr('fill', INVALID_COLOR)
      .attr('font-weight', 700)
      .attr('data-assignor', (p) => p.assignor)
      .attr('data-generation', (p) => p.generation)
      .text('✕');

    // Lines: spread.
    const series = assignors.map((assignor) => ({
      assignor,
      points: points
        .filter((p) => p.assignor === assignor)
        .sort((a, b) => a.generation - b.generation),
    }));
    const cx = (p: MetricsPoint) =>
      (x(p.generation) ?? 0) + (inner(p.assignor) ?? 0) + inner.bandwidth() / 2;
    const path = line<MetricsPoint>()
      .x(cx)
      .y((p) => y(p.spread));
    const groups = linesLayer
      .selectAll<SVGGElement, (typeof series)[number]>('g.series')
      .data(series, (s) => s.assignor)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'series');
        g.append('path').attr('fill', 'none').attr('stroke-width', STROKES.chartLine);
        return g;
      })
      .attr('data-assignor', (s) => s.assignor);
    groups
      .select('path')
      .attr('d', (s) => path(s.points))
      .attr('stroke', (s) => color(s.assignor));
    groups
      .selectAll<SVGCircleElement, MetricsPoint>('circle')
      .data(
        (s) => s.points,
        (p) => String(p.generation),
      )
      .join('circle')
      .attr('cx', cx)
      .attr('cy', (p) => y(p.spread))
      .attr('r', 3)
      .attr('fill', COLORS.pointFill)
      .attr('stroke', (p) => color(p.assignor))
      .attr('stroke-width', STROKES.chartLine);

    // Legend: one swatch per assignor, then what bars and lines mean.
    const items = [
      ...assignors.map((a) => ({
        key: `a:${a}`,
        label: builtinRunLabel(a),
        kind: 'assignor' as const,
        color: color(a),
      })),
      { key: 'bar', label: 'moved (bars)', kind: 'bar' as const, color: COLORS.neutral },
      { key: 'line', label: 'spread (line)', kind: 'line' as const, color: COLORS.neutralDark },
    ];
    let cursor = MARGIN.left;
    const legend = legendLayer
      .selectAll<SVGGElement, (typeof items)[number]>('g.item')
      .data(items, (d) => d.key)
      .join((enter) => enter.append('g').attr('class', 'item'));
    legend.selectAll('*').remove();
    legend.each(function (d) {
      const g = select(this);
      if (d.kind === 'line') {
        g.append('line')
          .attr('x1', 0)
          .attr('x2', 14)
          .attr('y1', 0)
          .attr('y2', 0)
          .attr('stroke', d.color)
          .attr('stroke-width', STROKES.chartLine);
        g.append('circle')
          .attr('cx', 7)
          .attr('r', 3)
          .attr('fill', COLORS.pointFill)
          .attr('stroke', d.color)
          .attr('stroke-width', STROKES.chartLine);
      } else {
        g.append('rect')
          .attr('y', -5)
          .attr('width', 14)
          .attr('height', 10)
          .attr('rx', 2)
          .attr('fill', d.color)
          .attr('fill-opacity', d.kind === 'bar' ? 0.55 : 1);
      }
      g.append('text').attr('x', 18).attr('dy', '0.35em').attr('fill', COLORS.ink).text(d.label);
    });
    legend.attr('transform', (d) => {
      const at = cursor;
      cursor += 26 + d.label.length * 6.2;
      return `translate(${at},12)`;
    });

    desc.text(
      series
        .map(
          (s) =>
            `${s.assignor}: ` +
            s.points
              .map(
                (p) =>
                  `gen ${p.generation}${p.invalid ? ' INVALID' : ''} moved ${p.moved}, spread ${p.spread}`,
              )
              .join('; '),
        )
        .join('. ') + (hasCurrent ? `. Current generation: ${currentGeneration}.` : ''),
    );
  }

  function destroy() {
    svg.remove();
  }

  return { update, destroy };
}
