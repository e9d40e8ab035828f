/**
 * The group picture of one generation as a self-contained SVG string: the same `GroupLayout`
 * the page draws with d3 (lanesSvg), drawn by plain string building, so it runs in Node (the
 * CLI's `render`) as well as in the page (its "Export SVG"). No DOM, no external references:
 * presentation attributes instead of CSS, a generic font-family stack.
 *
 * Same test hooks as lanesSvg: token `<rect class="token">` with data-topic, data-partition,
 * data-owner, data-state, data-key (`tokenMarkupKey`: printable, e.g. `orders/2`); lane `<g class="lane">` with data-member, data-lane,
 * data-idle.
 */
import type { GenerationResult } from '../scenario/replay';
import {
  computeGroupLayout,
  TOKEN_STATES,
  tokenLabel,
  type GroupLayout,
  type GroupLayoutOptions,
  type LaneLayout,
  type TokenLayout,
} from './layout';
import { tokenMarkupKey, xmlEscape } from './markup';
import { laneCaption, tokenLook } from './style';
import { COLORS, DIMMED_OPACITY, STANDALONE_FONT_FAMILY } from './tokens';
import { labelInk, tokenLabelText } from './tokenLabels';

/** The neutral colour state swatches in the legend are drawn in. */

export interface StaticSvgOptions {
  /** First line above the picture, e.g. the scenario's name. */
  readonly title?: string;
  /** Second line, muted, e.g. "sticky · generation 2 of 3: C1 leaves". */
  readonly subtitle?: string;
  /** Token keys or bare partition keys to emphasise; the others are dimmed, as on the page. */
  readonly highlight?: ReadonlySet<string>;
  /** The topic and state legend under the picture. Default true. */
  readonly legend?: boolean;
  /** Page colour; `null` for a transparent background. Default white. */
  readonly background?: string | null;
  readonly fontFamily?: string;
}

/**
 * Escapes text for SVG element content and attribute values: markup characters as entities,
 * characters XML cannot carry (NUL, lone surrogates, …) replaced (see `xmlEscape`).
 */
export const escapeXml = xmlEscape;

/** A number for an attribute: at most two decimals, no trailing zeros. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

type Attrs = Readonly<Record<string, string | number | undefined | null>>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(String(v))}"`)
    .join('');
}

/** About how wide `text` is at `fontSize` px in a sans-serif font. */
function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

function fitText(text: string, width: number, fontSize: number): string {
  const max = Math.max(1, Math.floor(width / (fontSize * 0.6)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * Where a lane's header and body are, in layout coordinates. A layout that wraps lanes into
 * rows gives each lane `y` (its header's top) and `bodyY` (its body's top); a single-row
 * layout has neither, and its headers start at `padding`, its bodies at `bodyTop`.
 */
export function laneBox(layout: GroupLayout, lane: LaneLayout) {
  const { y, bodyY } = lane as LaneLayout & { y?: number; bodyY?: number };
  const headerTop = y ?? layout.padding;
  const bodyTop = bodyY ?? (y === undefined ? layout.bodyTop : y + layout.headerHeight);
  return {
    headerTop,
    headerHeight: bodyTop - headerTop,
    bodyTop,
    bodyHeight: layout.bodyHeight,
  };
}

/** Lanes too narrow for a caption line (a layout of a big group may have them). */
function isCompact(layout: GroupLayout): boolean {
  return (layout as GroupLayout & { compact?: boolean }).compact === true;
}

function isDimmed(token: TokenLayout, highlight: ReadonlySet<string> | undefined): boolean {
  return (
    highlight !== undefined &&
    highlight.size > 0 &&
    !highlight.has(token.key) &&
    !highlight.has(token.partitionKey)
  );
}

function laneSvg(layout: GroupLayout, lane: LaneLayout): string {
  const box = laneBox(layout, lane);
  const compact = isCompact(layout);
  const bodyFill =
    lane.kind === 'unassigned'
      ? COLORS.unassignedFill
      : lane.idle
        ? COLORS.idleFill
        : COLORS.laneFill;
  const dashed = lane.kind === 'unassigned' || lane.idle;
  const parts = [
    `<g${attrs({
      class: 'lane',
      'data-member': lane.id,
      'data-lane': lane.kind,
      'data-idle': String(lane.idle),
      transform: `translate(${num(lane.x)},0)`,
    })}>`,
    `<title>${escapeXml(lane.kind === 'member' ? `${lane.id}: ${laneCaption(lane)}` : 'Partitions no member owns')}</title>`,
    `<rect${attrs({
      class: 'lane-body',
      y: box.bodyTop,
      width: lane.width,
      height: box.bodyHeight,
      rx: 6,
      fill: bodyFill,
      stroke: COLORS.laneStroke,
      'stroke-dasharray': dashed ? '4 3' : undefined,
    })}/>`,
    `<rect${attrs({
      class: 'lane-header-bg',
      y: box.headerTop,
      width: lane.width,
      height: box.headerHeight - 4,
      rx: 6,
      fill: COLORS.headerFill,
    })}/>`,
    `<text${attrs({
      class: 'lane-title',
      x: compact ? 4 : 8,
      y: box.headerTop + (compact ? 13 : 15),
      'font-size': 12,
      'font-weight': 600,
      'font-style': lane.kind === 'unassigned' ? 'italic' : undefined,
      fill: COLORS.ink,
    })}>${escapeXml(lane.title)}</text>`,
  ];
  if (!compact) {
    parts.push(
      `<text${attrs({
        class: 'lane-caption',
        x: 8,
        y: box.headerTop + 30,
        'font-size': 11,
        fill: COLORS.muted,
      })}>${escapeXml(laneCaption(lane))}</text>`,
    );
  }
  if (lane.problems > 0 && !compact) {
    parts.push(
      `<text${attrs({
        class: 'lane-problems',
        x: lane.width - 6,
        y: box.headerTop + 30,
        'text-anchor': 'end',
        'font-size': 11,
        'font-weight': 600,
        fill: COLORS.problem,
      })}>⚠ ${lane.problems}</text>`,
    );
  }
  if (lane.idle && !compact) {
    parts.push(
      `<text${attrs({
        class: 'lane-idle',
        x: lane.width / 2,
        y: box.bodyTop + 22,
        'text-anchor': 'middle',
        'font-size': 11,
        'font-style': 'italic',
        fill: COLORS.muted,
      })}>owns nothing</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function tokenSvg(token: TokenLayout, highlight: ReadonlySet<string> | undefined): string {
  const look = tokenLook(token.state, token.size);
  return `<rect${attrs({
    class: 'token',
    'data-topic': token.topic,
    'data-partition': token.partition,
    'data-owner': token.owner,
    'data-state': token.state,
    'data-key': tokenMarkupKey(token),
    x: token.x,
    y: token.y,
    width: token.size,
    height: token.size,
    rx: look.radius,
    fill: token.color,
    'fill-opacity': look.fillOpacity === 1 ? undefined : look.fillOpacity,
    stroke: look.stroke,
    'stroke-width': look.strokeWidth || undefined,
    'stroke-dasharray': look.dash?.join(' '),
    opacity: isDimmed(token, highlight) ? DIMMED_OPACITY : undefined,
  })}><title>${escapeXml(tokenLabel(token))}</title></rect>${labelSvg(token, highlight)}`;
}

/** The name on a token with room for it, as on the page (see tokenLabels.ts). */
function labelSvg(token: TokenLayout, highlight: ReadonlySet<string> | undefined): string {
  const label = tokenLabelText(token);
  if (label === undefined) return '';
  return `<text${attrs({
    class: 'token-label',
    x: token.x + token.size / 2,
    y: token.y + token.size / 2,
    dy: '0.35em',
    'text-anchor': 'middle',
    'font-size': label.fontSize,
    'font-weight': 600,
    fill: labelInk(token.color, tokenLook(token.state, token.size).fillOpacity),
    opacity: isDimmed(token, highlight) ? DIMMED_OPACITY : undefined,
  })}>${escapeXml(label.text)}</text>`;
}

interface LegendItem {
  readonly swatch: string;
  readonly text: string;
}

/** Legend items laid out in rows within `width`; returns the SVG and its height. */
function legendSvg(
  layout: GroupLayout,
  width: number,
  top: number,
): { svg: string; height: number } {
  const fontSize = 11;
  const swatch = 10;
  const rowHeight = 18;
  const left = layout.padding;
  const rows: { label: string; items: LegendItem[] }[] = [];

  rows.push({
    label: 'topics',
    items: layout.topics.map(({ topic, color }) => ({
      swatch: `<rect${attrs({ width: swatch, height: swatch, rx: 2, fill: color })}/>`,
      text: topic,
    })),
  });
  const states = TOKEN_STATES.filter((state) => layout.counts[state] > 0);
  rows.push({
    label: 'partitions',
    items: states.map((state) => {
      const look = tokenLook(state, 12);
      return {
        swatch: `<rect${attrs({
          x: -1,
          y: -1,
          width: 12,
          height: 12,
          rx: look.radius,
          fill: COLORS.neutral,
          'fill-opacity': look.fillOpacity === 1 ? undefined : look.fillOpacity,
          stroke: look.stroke,
          'stroke-width': look.strokeWidth || undefined,
          'stroke-dasharray': look.dash?.join(' '),
        })}/>`,
        text: `${state} ${layout.counts[state]}`,
      };
    }),
  });
  if (layout.departed.length > 0) {
    rows.push({
      label: 'left the group',
      items: layout.departed.map((d) => ({
        swatch: '',
        text: `${d.id} (had ${d.load})`,
      })),
    });
  }
  if (layout.deleted.length > 0) {
    rows.push({
      label: 'deleted',
      items: layout.deleted.map((d) => ({
        swatch: `<rect${attrs({ width: swatch, height: swatch, rx: 2, fill: d.color, 'fill-opacity': 0.35 })}/>`,
        text: `${d.topic}-${d.partition}`,
      })),
    });
  }

  const parts: string[] = [];
  let y = top + 14;
  const labelWidth = Math.max(...rows.map((r) => textWidth(r.label, fontSize))) + 12;
  for (const row of rows) {
    if (row.items.length === 0) continue;
    parts.push(
      `<text${attrs({ x: left, y: y + 9, 'font-size': fontSize, fill: COLORS.muted })}>${escapeXml(row.label)}</text>`,
    );
    let x = left + labelWidth;
    // A name can be kilobytes long; an item never takes more than a line.
    const itemRoom = Math.max(40, width - layout.padding - left - labelWidth - swatch - 19);
    for (const { swatch: itemSwatch, text: fullText } of row.items) {
      const item = { swatch: itemSwatch, text: fitText(fullText, itemRoom, fontSize) };
      const itemWidth = (item.swatch ? swatch + 5 : 0) + textWidth(item.text, fontSize) + 14;
      if (x + itemWidth > width - layout.padding && x > left + labelWidth) {
        x = left + labelWidth;
        y += rowHeight;
      }
      parts.push(
        `<g${attrs({ class: 'legend-item', transform: `translate(${num(x)},${num(y)})` })}>${item.swatch}<text${attrs(
          {
            x: item.swatch ? swatch + 5 : 0,
            y: 9,
            'font-size': fontSize,
            fill: COLORS.ink,
          },
        )}>${escapeXml(item.text)}</text></g>`,
      );
      x += itemWidth;
    }
    y += rowHeight;
  }
  return {
    svg: `<g class="legend">${parts.join('')}</g>`,
    height: y - top + 4,
  };
}

/** The narrowest picture: room for a title line and the legend beside a small group. */
const MIN_WIDTH = 560;

/** Splits `text` at " · " into lines of at most `width` px (a part too long is shortened). */
function wrapParts(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const part of text.split(' · ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} · ${part}`, fontSize) <= width) {
      lines[lines.length - 1] = `${last} · ${part}`;
    } else {
      lines.push(fitText(part, width, fontSize));
    }
  }
  return lines;
}

/** The picture of one generation as standalone SVG text. */
export function renderGroupSvg(layout: GroupLayout, options: StaticSvgOptions = {}): string {
  const width = Math.max(layout.width, MIN_WIDTH);
  const fontFamily = options.fontFamily ?? STANDALONE_FONT_FAMILY;
  const background = options.background === undefined ? COLORS.background : options.background;
  const textWidthAvailable = width - 2 * layout.padding;

  const head: string[] = [];
  let top = 0;
  if (options.title !== undefined) {
    top += 24;
    head.push(
      `<text${attrs({
        class: 'title',
        x: layout.padding,
        y: top - 4,
        'font-size': 16,
        'font-weight': 600,
        fill: COLORS.ink,
      })}>${escapeXml(fitText(options.title, textWidthAvailable, 16))}</text>`,
    );
  }
  for (const line of options.subtitle === undefined
    ? []
    : wrapParts(options.subtitle, textWidthAvailable, 12)) {
    top += 18;
    head.push(
      `<text${attrs({
        class: 'subtitle',
        x: layout.padding,
        y: top - 4,
        'font-size': 12,
        fill: COLORS.muted,
      })}>${escapeXml(line)}</text>`,
    );
  }
  if (top > 0) top += 4;

  const legend =
    options.legend === false ? undefined : legendSvg(layout, width, top + layout.height);
  const height = top + layout.height + (legend?.height ?? 0);

  const label = options.title ?? 'Consumer group: partitions by member';
  const parts = [
    `<svg${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      role: 'img',
      'font-family': fontFamily,
    })}>`,
    `<title>${escapeXml(options.subtitle === undefined ? label : `${label} — ${options.subtitle}`)}</title>`,
  ];
  if (background !== null) {
    parts.push(`<rect${attrs({ class: 'background', width, height, fill: background })}/>`);
  }
  parts.push(...head);
  parts.push(
    `<g${attrs({ class: 'lanes-root', transform: top > 0 ? `translate(0,${num(top)})` : undefined })}>`,
  );
  parts.push('<g class="lanes">', ...layout.lanes.map((lane) => laneSvg(layout, lane)), '</g>');
  parts.push(
    '<g class="tokens">',
    ...layout.tokens.map((token) => tokenSvg(token, options.highlight)),
    '</g>',
  );
  parts.push('</g>');
  if (legend !== undefined) parts.push(legend.svg);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------
// From replay results to a picture
// ------------------------------------------------------------------------------------------

export { scenarioTopics } from './topicColors';

/**
 * The layout of generation `generation` (1-based) of a replay, classified against the
 * generation before it, as the page's group panel shows it.
 */
export function layoutOfGeneration(
  generations: readonly GenerationResult[],
  generation: number,
  options: GroupLayoutOptions = {},
): GroupLayout {
  const current = generations[generation - 1];
  if (current === undefined) {
    throw new RangeError(
      `generation ${generation} is out of range: there are ${generations.length} generations`,
    );
  }
  return computeGroupLayout({ current, previous: generations[generation - 2] }, options);
}
