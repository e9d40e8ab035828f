import { selectDiffView } from '../store/diff';
import { useAppStore } from '../store/store';
import { DiffBar } from './DiffBar';
import { ExportButtons } from './ExportButtons';
import { resultAt } from '../store/selectors';
import { SHOWN_ASSIGNORS, toggleAssignor } from './assignorChoice';
import { GroupView } from './GroupView';

/** The group under one to three assignors side by side, played in sync. */
export function GroupPanels() {
  const assignors = useAppStore((s) => s.assignors);
  const setAssignors = useAppStore((s) => s.setAssignors);
  const generation = useAppStore((s) => s.generation);
  const results = useAppStore((s) => s.results);
  const animations = useAppStore((s) => s.animations);
  const inspectMember = useAppStore((s) => s.inspectMember);
  const topics = useAppStore((s) => allTopics(s.scenario));
  const status = useAppStore((s) => s.status);
  const progress = useAppStore((s) => s.progress);
  const replayError = useAppStore((s) => s.replayError);
  const diff = useAppStore(selectDiffView);
  const customAssignor = useAppStore((s) => s.customAssignor);
  const customStatus = useAppStore((s) => s.customStatus);
  const customLoadError = useAppStore((s) => s.customLoadError);
  const highlight =
    diff.status === 'ready' ? (diff.keys.get(generation) ?? new Set<string>()) : undefined;

  const totals = assignors.map((name) => ({
    name,
    moved: results[name]?.reduce((sum, r) => sum + r.metrics.moved, 0),
  }));

  return (
    <section aria-label="Consumer group" className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="muted" style={{ float: 'left', marginRight: 6 }}>
            Assignors
          </legend>
          {SHOWN_ASSIGNORS.map((name) => (
            <label key={name} className="row">
              <input
                type="checkbox"
                aria-label={`Show ${name}`}
                checked={assignors.includes(name)}
                onChange={(e) => setAssignors(toggleAssignor(assignors, name, e.target.checked))}
              />
              {name}
            </label>
          ))}
        </fieldset>
        {assignors.length > 1 ? (
          <span className="compare-totals" data-testid="compare-totals">
            Moved over all generations:{' '}
            {totals.map((t, i) => (
              <span key={t.name}>
                {i > 0 ? ' vs ' : ''}
                <strong>{t.name}</strong> {t.moved ?? '…'}
              </span>
            ))}
          </span>
        ) : null}
      </div>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <DiffBar />
        <ExportButtons />
      </div>
      {status === 'error' ? (
        <div className="notice error" role="alert">
          The replay failed: {replayError}
        </div>
      ) : null}
      {status === 'running' && progress !== undefined ? (
        <div className="muted" role="status">
          Computing {progress.assignor}: generation {progress.done} of {progress.total}…
        </div>
      ) : null}
      {/* One assignor per row: every member lane stays visible, and the rows share a clock. */}
      <div className="group-panels">
        {assignors.map((name) => {
          const current = resultAt(useAppStore.getState(), name, generation);
          const previous = resultAt(useAppStore.getState(), name, generation - 1);
          return (
            <article
              key={name}
              className="panel group-panel"
              data-assignor={name}
              aria-label={`${name} assignment`}
            >
              <header>
                <h2>{name}</h2>
                {current ? (
                  <span className="muted" style={{ fontSize: 12 }}>
                    moved {current.metrics.moved} · kept {current.metrics.kept} · spread{' '}
                    {current.metrics.spread}
                  </span>
                ) : null}
              </header>
              {current?.error !== undefined ? (
                <div className="notice error" role="alert">
                  {name} failed at generation {generation}: {current.error}
                </div>
              ) : null}
              {current?.warnings.map((w) => (
                <div key={w} className="muted" style={{ fontSize: 12 }}>
                  ⚠ {w}
                </div>
              ))}
              {current ? (
                <GroupView
                  generation={current}
                  previous={previous}
                  animate={animations}
                  topics={topics}
                  onMemberClick={(member) => inspectMember(member)}
                  legend={name === assignors[0]}
                  highlightKeys={name === assignors[0] ? highlight : undefined}
                />
              ) : (
                <p className="muted">
                  {name === 'custom' && customAssignor === undefined
                    ? 'No custom assignor yet: open “Custom assignor” to write one.'
                    : name === 'custom' && customStatus === 'review'
                      ? 'The custom assignor came with this scenario and has not run: review it, then Run.'
                      : name === 'custom' && customStatus === 'error'
                        ? `The custom assignor did not load: ${customLoadError?.message ?? 'unknown error'}`
                        : generation === 0
                          ? 'Before the first rebalance.'
                          : 'Computing…'}
                </p>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

const topicCache = new WeakMap<object, string[]>();

/** Every topic the scenario ever has, so colours do not shift between generations. */
function allTopics(scenario: {
  cluster: Record<string, number>;
  steps: { changes: { type: string; topic?: string }[] }[];
}): string[] {
  const cached = topicCache.get(scenario);
  if (cached) return cached;
  const topics = new Set(Object.keys(scenario.cluster));
  for (const step of scenario.steps)
    for (const c of step.changes) if (c.type === 'create-topic' && c.topic) topics.add(c.topic);
  const sorted = [...topics].sort();
  topicCache.set(scenario, sorted);
  return sorted;
}
