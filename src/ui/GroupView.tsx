/**
 * The consumer group at one generation: a lane per member with its partitions (in rows that
 * fit the width), animated from the previous generation. React owns the box and the legend;
 * d3 (lanesSvg / lanesCanvas) owns the picture inside it.
 *
 * Big groups (more than DEFER_LIMIT partitions: those drawn on a canvas) are laid out in
 * short slices, a task each, and the renderer updated in a task of its own, so that none of it
 * adds to the task that brought the new generation (a replay result, a click) and no task
 * grows long, even with 100k partitions. Until then the previous picture stays.
 */
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { chooseRenderer, SVG_TOKEN_LIMIT, type RendererPreference } from '../render/chooseRenderer';
import {
  computeGroupLayout,
  groupLayoutSteps,
  TOKEN_STATES,
  type GroupLayout,
  type GroupLayoutOptions,
  type LayoutGenerationInput,
} from '../render/layout';
import { createLanesCanvas } from '../render/lanesCanvas';
import { createLanesSvg } from '../render/lanesSvg';
import { PATTERN_TILE, patternInk, patternMark } from '../render/patternMarks';
import { runInSlices, scheduleTask } from '../render/schedule';
import { STATE_DESCRIPTIONS, tokenLook } from '../render/style';
import type { TopicPattern } from '../render/topicColors';
import { LABELLED_TOKEN_SIZE } from '../render/tokenLabels';
import { COLORS, IN_FLIGHT_DASH, STROKES } from '../render/tokens';
import type { LanesRenderer, RendererKind } from '../render/types';
import { partitionKey } from '../scenario/replay';
import { useAppStore } from '../store/store';
import { useShallow } from 'zustand/react/shallow';

export interface GroupViewProps {
  /** The generation to show (a `GenerationResult` fits). */
  generation: LayoutGenerationInput;
  /** The generation before, to show what moved and animate from it. */
  previous?: LayoutGenerationInput | undefined;
  /** Animate changes of `generation`; false snaps (as does prefers-reduced-motion). */
  animate: boolean;
  /** Total animation time in ms. */
  duration?: number;
  onMemberClick?: (memberId: string) => void;
  /** 'auto' (default): SVG up to SVG_TOKEN_LIMIT tokens, canvas above. */
  renderer?: RendererPreference;
  /** Token keys or `topic\0partition` keys to emphasise; the rest are dimmed. */
  highlightKeys?: Iterable<string>;
  /** Partitions in flight in the protocol round shown (`topic\0partition` → ms unconsumed). */
  inFlight?: ReadonlyMap<string, number>;
  /** Every topic of the scenario, so topic colours stay put across generations. */
  topics?: readonly string[];
  layoutOptions?: Omit<GroupLayoutOptions, 'width' | 'topics'>;
  /** Show the colour/state legend above the picture (default true). */
  legend?: boolean;
  className?: string;
  style?: CSSProperties;
}

/** Past this many partitions, layout and renderer updates leave the task that asked for them. */
export const DEFER_LIMIT = SVG_TOKEN_LIMIT;

/** A layout and the generation it shows. */
interface Computed {
  readonly layout: GroupLayout;
  readonly generation: LayoutGenerationInput;
}

/** What a layout is computed from. */
interface LayoutRequest {
  readonly input: { current: LayoutGenerationInput; previous?: LayoutGenerationInput | undefined };
  readonly options: GroupLayoutOptions;
}

function partitionsIn(generation: LayoutGenerationInput): number {
  let total = 0;
  for (const count of Object.values(generation.cluster)) total += count > 0 ? count : 0;
  return total;
}

function compute({ input, options }: LayoutRequest): Computed {
  return { layout: computeGroupLayout(input, options), generation: input.current };
}

export function GroupView({
  generation,
  previous,
  animate,
  duration,
  onMemberClick,
  renderer = 'auto',
  highlightKeys,
  inFlight: inFlightGiven,
  topics,
  layoutOptions,
  legend = true,
  className,
  style,
}: GroupViewProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | undefined>(undefined);

  // Value-keyed, so a caller passing fresh arrays each render does not restart animations.
  // JSON, not a separator: a topic name may hold any character.
  const topicsKey = topics ? JSON.stringify(topics) : '';
  const optionsKey = layoutOptions ? JSON.stringify(layoutOptions) : '';
  const highlightKey = highlightKeys ? JSON.stringify([...highlightKeys].sort()) : '';
  const inFlightKey = inFlightGiven ? JSON.stringify([...inFlightGiven].sort()) : '';

  const request = useMemo<LayoutRequest | undefined>(() => {
    if (width === undefined) return undefined;
    const options: GroupLayoutOptions = optionsKey
      ? (JSON.parse(optionsKey) as GroupLayoutOptions)
      : {};
    return {
      input: { current: generation, previous },
      options: {
        // Room for a label on each token ("a-1") where the lanes have it; the layout shrinks
        // tokens again as soon as they do not fit.
        maxTokenSize: LABELLED_TOKEN_SIZE,
        ...options,
        width,
        topics: topicsKey ? (JSON.parse(topicsKey) as string[]) : undefined,
      },
    };
  }, [generation, previous, width, topicsKey, optionsKey]);
  const big = partitionsIn(generation) > DEFER_LIMIT;

  // Small groups: laid out while rendering. Big ones: in slices (below).
  const immediate = useMemo(
    () => (request !== undefined && !big ? compute(request) : undefined),
    [request, big],
  );
  // What is shown: the latest layout, computed either way. A big group's previous picture
  // stays until its new layout is ready.
  const [shown, setShown] = useState<Computed | undefined>(undefined);
  if (immediate !== undefined && shown !== immediate) setShown(immediate);
  useEffect(() => {
    if (request === undefined || !big) return;
    return runInSlices(groupLayoutSteps(request.input, request.options), (layout) =>
      setShown({ layout, generation: request.input.current }),
    );
  }, [request, big]);
  const computed = immediate ?? shown;
  const layout = computed?.layout;

  const highlight = useMemo(
    () => (highlightKey ? new Set(JSON.parse(highlightKey) as string[]) : undefined),
    [highlightKey],
  );
  const inFlight = useMemo(
    () => (inFlightKey ? new Map(JSON.parse(inFlightKey) as [string, number][]) : undefined),
    [inFlightKey],
  );

  const tokenCount = layout?.tokens.length ?? 0;
  const kind: RendererKind = chooseRenderer(tokenCount, renderer);

  // Follow the container's width.
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    if (typeof ResizeObserver === 'undefined') {
      setWidth(root.clientWidth || 960);
      return;
    }
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setWidth(Math.max(1, Math.floor(box.width)));
    });
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  // The click handler may change every render; the renderer reads the latest through a ref.
  const clickRef = useRef(onMemberClick);
  useEffect(() => {
    clickRef.current = onMemberClick;
  }, [onMemberClick]);

  // The selected partition is the app's (one for every panel and generation).
  const { selectedPartition, selectPartition } = useAppStore(
    useShallow((s) => ({
      selectedPartition: s.selectedPartition,
      selectPartition: s.selectPartition,
    })),
  );
  const selected =
    selectedPartition === undefined
      ? undefined
      : partitionKey(selectedPartition.topic, selectedPartition.partition);
  const selectRef = useRef(selectPartition);
  useEffect(() => {
    selectRef.current = selectPartition;
  }, [selectPartition]);

  // Create on mount and when the renderer kind changes; destroy on unmount.
  const rendererRef = useRef<LanesRenderer | undefined>(undefined);
  const shownRef = useRef<LayoutGenerationInput | undefined>(undefined);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const options = {
      onMemberClick: (id: string) => clickRef.current?.(id),
      onPartitionClick: ({ topic, partition }: { topic: string; partition: number }) =>
        selectRef.current({ topic, partition }),
      ariaLabel: 'Consumer group: partitions by member',
    };
    const created =
      kind === 'svg' ? createLanesSvg(host, options) : createLanesCanvas(host, options);
    rendererRef.current = created;
    shownRef.current = undefined;
    return () => {
      created.destroy();
      rendererRef.current = undefined;
    };
  }, [kind]);

  // Update on every new layout; animate only when the generation itself changed. A big
  // group's update gets a task of its own.
  useEffect(() => {
    const current = rendererRef.current;
    if (!current || !computed) return;
    const run = () => {
      const reduced =
        typeof window.matchMedia === 'function' &&
        window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      const changed = shownRef.current !== undefined && shownRef.current !== computed.generation;
      shownRef.current = computed.generation;
      current.update(computed.layout, {
        animate: animate && changed && !reduced,
        ...(duration !== undefined ? { duration } : {}),
        ...(highlight ? { highlight } : {}),
        ...(selected !== undefined ? { selected } : {}),
        ...(inFlight ? { inFlight } : {}),
      });
    };
    if (computed.layout.tokens.length <= DEFER_LIMIT) run();
    else return scheduleTask(run);
  }, [computed, kind, animate, duration, highlight, selected, inFlight]);

  return (
    <div
      ref={rootRef}
      className={className}
      style={{ width: '100%', ...style }}
      data-renderer={kind}
      data-tokens={tokenCount}
    >
      {legend && layout ? <Legend layout={layout} inFlight={inFlight?.size ?? 0} /> : null}
      {/* Lanes wrap into rows to fit the width; scrolling sideways is left for a container
          narrower than a single lane. The renderers size the picture to the layout's height. */}
      <div
        ref={hostRef}
        style={{
          overflowX: layout && width !== undefined && layout.width > width ? 'auto' : 'visible',
        }}
      />
    </div>
  );
}

const MAX_TOPICS_IN_LEGEND = 12;

function Swatch({
  color,
  state,
  pattern = 'plain',
}: {
  color: string;
  state: (typeof TOKEN_STATES)[number];
  pattern?: TopicPattern;
}) {
  const id = `swatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const mark = patternMark(pattern);
  const size = 12;
  const look = tokenLook(state, size);
  const inset = look.strokeWidth / 2;
  return (
    <svg width={size + 2} height={size + 2} aria-hidden="true" style={{ verticalAlign: '-2px' }}>
      {mark ? (
        <defs>
          <pattern id={id} patternUnits="userSpaceOnUse" width={PATTERN_TILE} height={PATTERN_TILE}>
            <rect width={PATTERN_TILE} height={PATTERN_TILE} fill={color} />
            <path
              d={mark.d}
              fill="none"
              stroke={patternInk(color)}
              strokeWidth={mark.width}
              strokeLinecap="round"
            />
          </pattern>
        </defs>
      ) : null}
      <rect
        data-color={color}
        data-pattern={pattern}
        x={1 + inset}
        y={1 + inset}
        width={size - 2 * inset}
        height={size - 2 * inset}
        rx={look.radius}
        fill={mark ? `url(#${id})` : color}
        fillOpacity={look.fillOpacity}
        stroke={look.stroke}
        strokeWidth={look.strokeWidth || undefined}
        strokeDasharray={look.dash?.join(' ')}
      />
    </svg>
  );
}

function Legend({ layout, inFlight }: { layout: GroupLayout; inFlight: number }) {
  const states = TOKEN_STATES.filter((s) => layout.counts[s] > 0);
  const shown = layout.topics.slice(0, MAX_TOPICS_IN_LEGEND);
  const item: CSSProperties = { display: 'inline-flex', alignItems: 'center', gap: 4 };
  return (
    <div
      className="group-legend"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: '4px 14px',
        font: '12px system-ui, sans-serif',
        color: '#1f2328',
        padding: '0 8px 6px',
      }}
    >
      <span style={{ color: '#59636e' }}>Topics:</span>
      {shown.map(({ topic, color, pattern }) => (
        <span key={topic} style={item}>
          <Swatch color={color} state="kept" pattern={pattern} />
          {topic}
        </span>
      ))}
      {layout.topics.length > shown.length ? (
        <span style={{ color: '#59636e' }}>+{layout.topics.length - shown.length} more</span>
      ) : null}
      <span style={{ color: '#59636e', marginLeft: 8 }}>Partitions:</span>
      {states.map((state) => (
        <span key={state} style={item} title={STATE_DESCRIPTIONS[state]} data-legend-state={state}>
          <Swatch color="#9aa4ae" state={state} />
          {state} {layout.counts[state]}
        </span>
      ))}
      {inFlight > 0 ? (
        <span
          style={item}
          title="In the protocol round shown: due to its owner, not consumed by it yet"
          data-legend-state="in-flight"
        >
          <svg width={12} height={12} aria-hidden="true">
            <rect
              x={1}
              y={1}
              width={10}
              height={10}
              rx={2}
              fill={COLORS.inFlightBackground}
              stroke={COLORS.muted}
              strokeWidth={STROKES.inFlight}
              strokeDasharray={IN_FLIGHT_DASH}
            />
          </svg>
          in flight {inFlight}
        </span>
      ) : null}
    </div>
  );
}
