import { builtinRunLabel } from '../scenario/builtinRuns';
import { useEffect, useMemo, useRef } from 'react';
import { createMetricsChart, type MetricsChart, type MetricsPoint } from '../render/metricsChart';
import type { GenerationMetrics, GenerationResult } from '../scenario/replay';
import { isInvalidResult, selectFiguresHidden, selectShownResults } from '../store/selectors';
import { useAppStore } from '../store/store';
import { ProtocolMetrics } from './ProtocolMetrics';
import { useShallow } from 'zustand/react/shallow';

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

/** Why a result cannot be trusted, in a few words; undefined for a valid one. */
function invalidReason(result: GenerationResult): string | undefined {
  if (result.error !== undefined) return 'failed';
  const n = result.problems.length;
  return n > 0 ? `invalid: ${n} problem${n === 1 ? '' : 's'}` : undefined;
}

/**
 * The numbers behind the picture, for the shown generation and across all of them. Figures of
 * an invalid result (the assignor threw, or broke the rules) are flagged, never passed off as
 * a normal outcome; figures a lesson question hides are not shown at all.
 */
export function MetricsPanel() {
  const { assignors, results, hidden, generation } = useAppStore(
    useShallow((s) => ({
      assignors: s.assignors,
      results: selectShownResults(s),
      hidden: selectFiguresHidden(s),
      generation: s.generation,
    })),
  );
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
          invalid: isInvalidResult(r),
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
      <div className="row" style={{ alignItems: 'flex-start', gap: 16, flexWrap: 'wrap' }}>
        <table className="data" style={{ maxWidth: 460 }}>
          <thead>
            <tr>
              <th>metric</th>
              {assignors.map((a) => (
                <th key={a} className="num">
                  {builtinRunLabel(a)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-metric="validity">
              <td title="every partition of every subscribed topic given exactly once, to a subscriber">
                Result
              </td>
              {assignors.map((a) => {
                const result = results[a]?.[generation - 1];
                const reason = result === undefined ? undefined : invalidReason(result);
                return (
                  <td key={a} className="num">
                    {result === undefined ? (
                      '…'
                    ) : (
                      <span className={`badge ${reason === undefined ? 'ok' : 'bad'}`}>
                        {reason ?? 'valid'}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
            {ROWS.map((row) => (
              <tr key={row.key} data-metric={row.key}>
                <td title={row.hint}>{row.label}</td>
                {assignors.map((a) => {
                  const result = results[a]?.[generation - 1];
                  const value = result?.metrics[row.key];
                  const invalid = result !== undefined && isInvalidResult(result);
                  return (
                    <td
                      key={a}
                      className={`num ${invalid ? 'invalid' : ''}`}
                      title={invalid ? 'counted on an invalid result' : undefined}
                    >
                      {invalid && typeof value === 'boolean' ? (
                        // Stickiness means nothing for an assignment that breaks the rules.
                        <span className="badge bad">invalid</span>
                      ) : typeof value === 'boolean' ? (
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
              {assignors.map((a) => {
                const invalid = results[a]?.filter(isInvalidResult).length ?? 0;
                return (
                  <td key={a} className="num">
                    {hidden ? (
                      <span className="muted">hidden until you answer</span>
                    ) : (
                      <>
                        <strong>
                          {results[a]?.reduce((sum, r) => sum + r.metrics.moved, 0) ?? '…'}
                        </strong>
                        {invalid > 0 ? (
                          <span className="badge bad">
                            {invalid} invalid generation{invalid === 1 ? '' : 's'}
                          </span>
                        ) : null}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
        <ProtocolMetrics />
        <div ref={chartHost} style={{ flex: '1 1 240px', minWidth: 0 }} />
      </div>
    </section>
  );
}
