/**
 * A run's outcome beside the editor: the custom assignor's lanes at the shown generation,
 * with its verdict, and a way to put it next to the built-ins. Without it a user had to close
 * the editor and tick "Show custom" to see what their code did.
 */
import { useMemo } from 'react';
import { CUSTOM_ASSIGNOR } from '../store/customAssignorSlice';
import { isInvalidResult, resultAt } from '../store/selectors';
import { useAppStore } from '../store/store';
import { MAX_COMPARED_ASSIGNORS } from '../store/viewSlice';
import { toggleAssignor } from './assignorChoice';
import { GroupView } from './GroupView';
import { useShallow } from 'zustand/react/shallow';

export function CustomRunPreview() {
  const { generation, results, assignors, setAssignors, animations, inspectMember, current } =
    useAppStore(
      useShallow((s) => ({
        generation: s.generation,
        results: s.results[CUSTOM_ASSIGNOR],
        assignors: s.assignors,
        setAssignors: s.setAssignors,
        animations: s.animations,
        inspectMember: s.inspectMember,
        current: resultAt(s, CUSTOM_ASSIGNOR),
      })),
    );
  const previous = useAppStore((s) => resultAt(s, CUSTOM_ASSIGNOR, s.generation - 1));
  // Every topic over the whole run, sorted, as the main lanes use: colours match theirs.
  const topics = useMemo(
    () => [...new Set((results ?? []).flatMap((r) => Object.keys(r.cluster)))].sort(),
    [results],
  );
  if (results === undefined) return null;

  const compared = assignors.includes(CUSTOM_ASSIGNOR);
  const full = assignors.length >= MAX_COMPARED_ASSIGNORS;
  return (
    <section className="custom-preview" aria-label="Custom assignor at this generation">
      <header className="row">
        <strong>custom at generation {generation}</strong>
        {current === undefined ? null : isInvalidResult(current) ? (
          <span className="badge bad">invalid result</span>
        ) : (
          <span className="badge ok">valid</span>
        )}
        {current === undefined ? null : (
          <span className="muted">
            moved {current.metrics.moved} · kept {current.metrics.kept} · spread{' '}
            {current.metrics.spread}
          </span>
        )}
        <span className="spacer" />
        {compared ? (
          <span className="muted">Also shown beside the other assignors.</span>
        ) : (
          <button
            type="button"
            className="small"
            disabled={full}
            title={
              full
                ? `At most ${MAX_COMPARED_ASSIGNORS} assignors at once: untick one first.`
                : undefined
            }
            onClick={() => setAssignors(toggleAssignor(assignors, CUSTOM_ASSIGNOR, true))}
          >
            Compare with the others
          </button>
        )}
      </header>
      {current === undefined ? (
        <p className="muted">
          {generation === 0 ? 'Before the first rebalance.' : 'No result for this generation.'}
        </p>
      ) : current.error !== undefined ? (
        <div className="notice error" role="alert">
          custom failed at generation {generation}: {current.error}
        </div>
      ) : (
        <GroupView
          generation={current}
          previous={previous}
          animate={animations}
          topics={topics}
          legend={false}
          onMemberClick={(member) => inspectMember(member)}
        />
      )}
    </section>
  );
}
