/**
 * The partition inspector: one topic-partition, picked by clicking its token on the lanes or
 * by typing its name, with its owner now and its owners across every generation, for the
 * primary assignor. The lanes ring the picked partition in every generation it exists in.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { partitionHistory, type OwnershipChange } from '../results/partitionHistory';
import { selectGeneration, selectPrimaryAssignor, selectPrimaryResults } from '../store/selectors';
import { useAppStore } from '../store/store';
import type { AppState, PartitionRef } from '../store/types';
import './partitionInspector.css';
import { useShallow } from 'zustand/react/shallow';

const selectSelected = (s: AppState) => s.selectedPartition;
const selectSelect = (s: AppState) => s.selectPartition;

const CHANGE_TEXT: Readonly<Record<OwnershipChange, string>> = {
  kept: 'kept',
  moved: 'moved',
  orphaned: 'reassigned (owner left)',
  new: 'new owner',
  unassigned: 'no owner',
  absent: 'does not exist',
  failed: 'rebalance failed',
};

/** "orders-3" → { topic: "orders", partition: 3 }; the partition is after the last dash. */
export function parsePartitionName(text: string): PartitionRef | undefined {
  const name = text.trim();
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const digits = name.slice(dash + 1);
  if (!/^\d+$/.test(digits)) return undefined;
  return { topic: name.slice(0, dash), partition: Number(digits) };
}

export function PartitionInspector() {
  const { selected, select, inspectMember, generations, generation, assignor } = useAppStore(
    useShallow((s) => ({
      selected: selectSelected(s),
      select: selectSelect(s),
      inspectMember: s.inspectMember,
      generations: selectPrimaryResults(s),
      generation: selectGeneration(s),
      assignor: selectPrimaryAssignor(s),
    })),
  );
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const inputId = useId();
  const problemId = useId();

  const history = useMemo(
    () =>
      selected && generations
        ? partitionHistory(generations, selected.topic, selected.partition)
        : undefined,
    [selected, generations],
  );
  const now = history?.[generation - 1];

  const find = (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    const ref = parsePartitionName(text);
    const known =
      ref !== undefined &&
      (generations ?? []).some((g) => {
        const count = Object.hasOwn(g.cluster, ref.topic) ? g.cluster[ref.topic] : undefined;
        return count !== undefined && ref.partition < count;
      });
    if (ref && known) {
      setProblem(undefined);
      select(ref);
      return;
    }
    // A member of some generation: its inspector opens (and can pin its lane first).
    if ((generations ?? []).some((g) => g.members.some((m) => m.id === text))) {
      setProblem(undefined);
      inspectMember(text);
      return;
    }
    setProblem(
      ref
        ? `No partition or member ${text} in this scenario.`
        : `No member “${text}” in this scenario, and it is not a partition name (topic-number, e.g. orders-3).`,
    );
  };

  const name = selected ? `${selected.topic}-${selected.partition}` : undefined;
  return (
    <section
      className="panel partition-inspector"
      aria-labelledby={`${inputId}-heading`}
      data-testid="partition-inspector"
    >
      <h2 id={`${inputId}-heading`}>
        Partition
        {name ? (
          <>
            : <span className="partition-name">{name}</span>
          </>
        ) : null}
      </h2>
      <form className="row" onSubmit={find}>
        <label htmlFor={inputId}>Find</label>
        <input
          id={inputId}
          className="mono"
          value={query}
          placeholder="a-1 or C0"
          aria-describedby={problem ? problemId : undefined}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="small">
          Select
        </button>
        {selected ? (
          <button type="button" className="small" onClick={() => select(undefined)}>
            Clear selection
          </button>
        ) : null}
      </form>
      {problem ? (
        <p id={problemId} className="notice error" role="alert">
          {problem}
        </p>
      ) : null}
      {!selected ? (
        <p className="muted">
          Click a partition on the lanes, or type its name, to follow it; type a member’s id to
          inspect it and pin its lane.
        </p>
      ) : !history || history.length === 0 ? (
        <p className="muted">No generations yet.</p>
      ) : (
        <>
          <p data-testid="partition-owner-now">
            {now === undefined
              ? `Generation ${generation}: not computed yet.`
              : now.owners.length > 0
                ? `Owner at generation ${generation} (${assignor}): ${now.owners.join(', ')}`
                : `At generation ${generation} (${assignor}): ${CHANGE_TEXT[now.change]}`}
          </p>
          <table className="data partition-history" aria-label={`Owners of ${name} by generation`}>
            <thead>
              <tr>
                <th className="num">gen</th>
                <th>owner</th>
                <th>change</th>
                <th>step</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr
                  key={h.generation}
                  aria-current={h.generation === generation ? 'step' : undefined}
                  data-change={h.change}
                >
                  <td className="num">{h.generation}</td>
                  <td className="mono">{h.owners.length > 0 ? h.owners.join(', ') : '—'}</td>
                  <td>{CHANGE_TEXT[h.change]}</td>
                  <td className="muted">{h.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
