import { useEffect, useMemo, useRef } from 'react';
import { createMetricsChart, type MetricsChart, type MetricsPoint } from '../render/metricsChart';
import type { GenerationMetrics } from '../scenario/replay';
import { useAppStore } from '../store/store';

const ROWS: { key: keyof GenerationMetrics; label: string; hint: string }[] = [
  { key: 'moved', label: 'Moved', hint: 'changed owner although the owner is still in the group' },
  { key: 'kept', label: 'Kept', hint: 'stayed with their owner' },
  {
    key: 'unownedDuringRebalance',
    label: 'Unowned during rebalance',
    hint: 'owner left, new, or unassigned before',
  },
  { key: 'unassigned', label: 'Unassigned', hint: 'no member got them' },
  { key: 'spread', label: 'Spread (max − min)', hint: 'largest minus smallest member load' },
  {
    key: 'balanceScore',
    label: 'Balance score',
    hint: 'aiokafka: sum of load differences over all member pairs',
  },
  {
    key: 'isSticky',
    label: 'Sticky check',
    hint: 'no partitions of one topic moved both ways between two members',
  },
];

/** The numbers behind the picture, for the shown generation and across all of them. */
export function MetricsPanel() {
  const assignors = useAppStore((s) => s.assignors);
  const results = useAppStore((s) => s.results);
  const generation = useAppStore((s) => s.generation);
  const chartHost = useRef<HTMLDivElement>(null);
  const chart = useRef<MetricsChart | undefined>(undefined);

  const points = useMemo<MetricsPoint[]>(
    () =>
      assignors.flatMap((assignor) =>
        (results[assignor] ?? []).map((r) => ({
          assignor,
          generation: r.generation,
          moved: r.metrics.moved,
          spread: r.metrics.spread,
        })),
      ),
    [assignors, results],
  );

  useEffect(() => {
    const host = chartHost.current;
    if (!host) return;
    chart.current = createMetricsChart(host, { height: 180 });
    return () => {
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => chart.current?.update(points, generation), [points, generation]);

  return (
    <section className="panel metrics" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Metrics at generation {generation}</h2>
      <div className="row" style={{ alignItems: 'flex-start', gap: 16, flexWrap: 'nowrap' }}>
        <table className="data" style={{ maxWidth: 460 }}>
          <thead>
            <tr>
              <th>metric</th>
              {assignors.map((a) => (
                <th key={a} className="num">
                  {a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.key} data-metric={row.key}>
                <td title={row.hint}>{row.label}</td>
                {assignors.map((a) => {
                  const value = results[a]?.[generation - 1]?.metrics[row.key];
                  return (
                    <td key={a} className="num">
                      {typeof value === 'boolean' ? (
                        <span className={`badge ${value ? 'ok' : 'bad'}`}>
                          {value ? 'sticky' : 'not sticky'}
                        </span>
                      ) : (
                        (value ?? '…')
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr data-metric="total-moved">
              <td title="sum of moved partitions over every generation">Moved, all generations</td>
              {assignors.map((a) => (
                <td key={a} className="num">
                  <strong>{results[a]?.reduce((sum, r) => sum + r.metrics.moved, 0) ?? '…'}</strong>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
        <div ref={chartHost} style={{ flex: 1, minWidth: 0 }} />
      </div>
    </section>
  );
}
