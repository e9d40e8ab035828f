/**
 * Dev-only page for the renderers: /render-harness.html under `npx vite`. Not in the
 * production build (vite builds index.html only).
 *
 *   ?tokens=10000        a big group (about that many partitions, 100 members) for the canvas
 *   ?members=100         members in the big group; without ?tokens, a group of that many
 *                        members with about 4 partitions each (lanes wrap into rows)
 *   ?width=950           the group's width in px (default: the page's)
 *   ?renderer=svg|canvas|auto
 *   ?assignor=sticky|range|roundrobin
 *   ?gen=3               start at this step (1-based)
 *   ?animate=0           snap instead of animating
 *   ?duration=1400       animation time in ms
 *   ?highlight=t1        emphasise one topic's partitions (GroupView highlightKeys)
 */
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { isBuiltinAssignorName, type BuiltinAssignorName } from '../../src/core/assignors';
import { partitionKey } from '../../src/scenario/replay';
import { GroupView } from '../../src/ui/GroupView';
import type { RendererPreference } from '../../src/render/chooseRenderer';
import {
  createMetricsChart,
  type MetricsChart,
  type MetricsPoint,
} from '../../src/render/metricsChart';
import { bigScenario, rowsScenario, runScenario, smallScenario } from './scenarios';

const params = new URLSearchParams(window.location.search);
const tokens = Number(params.get('tokens') ?? 0);
const big = Number.isFinite(tokens) && tokens > 0;
const membersParam = Number(params.get('members') ?? 0);
const rows = !big && Number.isFinite(membersParam) && membersParam > 0;
const members = membersParam || 100;
const widthParam = Number(params.get('width') ?? 0) || undefined;
const initialRenderer = (params.get('renderer') ?? 'auto') as RendererPreference;
const initialAssignor = params.get('assignor') ?? 'sticky';
const initialStep = Math.max(0, (Number(params.get('gen') ?? 1) || 1) - 1);
const initialAnimate = params.get('animate') !== '0';
const duration = Number(params.get('duration') ?? 1400) || 1400;

/** Replays the harness scenario with the real core, logging how long it took. */
function replay(assignor: BuiltinAssignorName) {
  const started = performance.now();
  const scenario = big
    ? bigScenario(tokens, members)
    : rows
      ? rowsScenario(members)
      : smallScenario();
  const result = runScenario(scenario, assignor, { faulty: !big && !rows, metrics: !big });
  const ms = Math.round(performance.now() - started);
  console.info(`harness: replayed ${scenario.name} in ${ms} ms`);
  return result;
}

function MetricsChartView({
  points,
  current,
}: {
  points: readonly MetricsPoint[];
  current: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<MetricsChart | undefined>(undefined);
  useEffect(() => {
    if (!host.current) return;
    const created = createMetricsChart(host.current, { width: 560, height: 170 });
    chart.current = created;
    return () => {
      created.destroy();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.update(points, current);
  }, [points, current]);
  return <div ref={host} data-testid="metrics-chart" />;
}

function Harness() {
  const [assignor, setAssignor] = useState<BuiltinAssignorName>(
    isBuiltinAssignorName(initialAssignor) ? initialAssignor : 'sticky',
  );
  const [renderer, setRenderer] = useState<RendererPreference>(initialRenderer);
  const [animate, setAnimate] = useState(initialAnimate);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [highlightTopic, setHighlightTopic] = useState(params.get('highlight') ?? '');

  const run = useMemo(() => replay(assignor), [assignor]);

  const [index, setIndex] = useState(Math.min(initialStep, run.steps.length - 1));
  const step = run.steps[Math.min(index, run.steps.length - 1)];
  const previous = index > 0 ? run.steps[index - 1] : undefined;
  const last = run.steps.length - 1;

  // Every partition of the chosen topic, as `topic\0partition` keys.
  const highlightKeys = useMemo(() => {
    if (!highlightTopic || !step) return undefined;
    const count = step.data.cluster[highlightTopic] ?? 0;
    return Array.from({ length: count }, (_, p) => partitionKey(highlightTopic, p));
  }, [highlightTopic, step]);

  if (!step) return <p>No generations.</p>;
  return (
    <main style={{ font: '14px system-ui, sans-serif', padding: 16, color: '#1f2328' }}>
      <h1 style={{ fontSize: 18, margin: '0 0 8px' }}>Render harness</h1>
      <div
        role="toolbar"
        aria-label="Generation controls"
        style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 8 }}
      >
        <button type="button" onClick={() => setIndex(0)} disabled={index === 0}>
          « First
        </button>
        <button
          type="button"
          data-testid="prev"
          onClick={() => setIndex((i) => Math.max(0, i - 1))}
          disabled={index === 0}
        >
          ◀ Previous
        </button>
        <button
          type="button"
          data-testid="next"
          onClick={() => setIndex((i) => Math.min(last, i + 1))}
          disabled={index === last}
        >
          Next ▶
        </button>
        <label>
          <input type="checkbox" checked={animate} onChange={(e) => setAnimate(e.target.checked)} />{' '}
          animate
        </label>
        <label>
          renderer{' '}
          <select
            value={renderer}
            onChange={(e) => setRenderer(e.target.value as RendererPreference)}
          >
            <option value="auto">auto</option>
            <option value="svg">svg</option>
            <option value="canvas">canvas</option>
          </select>
        </label>
        <label>
          highlight{' '}
          <select value={highlightTopic} onChange={(e) => setHighlightTopic(e.target.value)}>
            <option value="">nothing</option>
            {run.topics.slice(0, 50).map((topic) => (
              <option key={topic} value={topic}>
                topic {topic}
              </option>
            ))}
          </select>
        </label>
        <label>
          assignor{' '}
          <select
            value={assignor}
            onChange={(e) => {
              if (isBuiltinAssignorName(e.target.value)) setAssignor(e.target.value);
            }}
          >
            <option value="range">range</option>
            <option value="roundrobin">roundrobin</option>
            <option value="sticky">sticky</option>
          </select>
        </label>
      </div>
      <p style={{ margin: '0 0 8px' }} data-testid="status" data-generation={step.generation}>
        <strong>
          Generation {step.generation} of {run.steps[last]?.generation}
        </strong>
        : {step.summary.length > 160 ? `${step.summary.slice(0, 159)}…` : step.summary}
        {selected !== undefined ? (
          <span data-testid="selected">
            {' '}
            · selected member <strong>{selected}</strong>
          </span>
        ) : null}
      </p>
      <GroupView
        generation={step.data}
        previous={previous?.data}
        animate={animate}
        duration={duration}
        renderer={renderer}
        topics={run.topics}
        onMemberClick={setSelected}
        highlightKeys={highlightKeys}
        style={widthParam ? { width: widthParam } : undefined}
      />
      {run.metrics.length > 0 ? (
        <div style={{ marginTop: 16 }}>
          <MetricsChartView points={run.metrics} current={step.generation} />
        </div>
      ) : null}
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element in render-harness.html');
createRoot(root).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
