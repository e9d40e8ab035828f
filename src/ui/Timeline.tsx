import { interval } from 'd3-timer';
import { useEffect, useRef } from 'react';
import { sessionTimeoutOf, stepSummary } from '../scenario/groupState';
import type { GenerationResult } from '../scenario/replay';
import { selectDiffView } from '../store/diff';
import {
  isInvalidResult,
  selectLastReachable,
  selectPrimaryAssignor,
  selectRevealedThrough,
} from '../store/selectors';
import { useAppStore } from '../store/store';
import { useShallow } from 'zustand/react/shallow';
import { TimelineRounds } from './TimelineRounds';

const SPEEDS = [0.5, 1, 2, 4];

/** Every generation with a one-line summary; step, play, scrub. */
export function Timeline() {
  const {
    steps,
    sessionTimeoutMs,
    generation,
    playing,
    speed,
    setGeneration,
    stepBy,
    setPlaying,
    setSpeed,
    primary,
  } = useAppStore(
    useShallow((s) => ({
      steps: s.scenario.steps,
      sessionTimeoutMs: sessionTimeoutOf(s.scenario),
      generation: s.generation,
      playing: s.playing,
      speed: s.speed,
      setGeneration: s.setGeneration,
      stepBy: s.stepBy,
      setPlaying: s.setPlaying,
      setSpeed: s.setSpeed,
      primary: selectPrimaryAssignor(s),
    })),
  );
  const { results, truncateAfter, diff, revealedThrough, reachable } = useAppStore(
    useShallow((s) => ({
      results: s.results[primary],
      truncateAfter: s.truncateAfter,
      diff: selectDiffView(s),
      revealedThrough: selectRevealedThrough(s),
      reachable: selectLastReachable(s),
    })),
  );
  const last = steps.length;
  const currentStep = steps[generation - 1];
  const strip = useRef<HTMLOListElement>(null);

  // Keep the current generation's chip in view as the generation changes (long timelines
  // scroll sideways). Only the strip scrolls, never the page.
  useEffect(() => {
    const list = strip.current;
    const chip = list?.querySelector<HTMLElement>('li.current');
    if (list === null || chip === null || chip === undefined) return;
    const box = list.getBoundingClientRect();
    const at = chip.getBoundingClientRect();
    if (at.left < box.left) list.scrollLeft -= box.left - at.left;
    else if (at.right > box.right) list.scrollLeft += at.right - box.right;
  }, [generation, last]);

  // Playback replays computed results: one generation per tick until the end.
  useEffect(() => {
    if (!playing) return;
    const timer = interval(() => {
      const state = useAppStore.getState();
      if (state.generation >= selectLastReachable(state)) state.setPlaying(false);
      else state.stepBy(1);
    }, 1600 / speed);
    return () => timer.stop();
  }, [playing, speed]);

  return (
    <section className="panel timeline" aria-label="Timeline">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div className="row">
          <button
            type="button"
            aria-label="First generation"
            onClick={() => setGeneration(1)}
            disabled={generation <= 1}
          >
            «
          </button>
          <button
            type="button"
            aria-label="Previous generation"
            onClick={() => stepBy(-1)}
            disabled={generation <= 1}
          >
            ◀
          </button>
          <button
            type="button"
            className="primary"
            aria-label={playing ? 'Pause' : 'Play'}
            onClick={() => setPlaying(!playing)}
            disabled={last === 0}
            style={{ minWidth: 64 }}
          >
            {playing ? '⏸ Pause' : '▶ Play'}
          </button>
          <button
            type="button"
            aria-label="Next generation"
            onClick={() => stepBy(1)}
            disabled={generation >= reachable}
          >
            ▶
          </button>
          <button
            type="button"
            aria-label="Last generation"
            onClick={() => setGeneration(reachable)}
            disabled={generation >= reachable}
          >
            »
          </button>
          <label className="row muted">
            speed
            <select
              aria-label="Playback speed"
              value={speed}
              onChange={(e) => setSpeed(Number(e.target.value))}
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
        </div>
        <ReplaySettings />
        <span className="muted" data-testid="generation-label">
          Generation {generation} of {last}
        </span>
        <StepAnnouncement
          generation={generation}
          last={last}
          summary={
            currentStep === undefined ? undefined : stepSummary(currentStep, sessionTimeoutMs)
          }
          result={generation > revealedThrough ? 'hidden' : results?.[generation - 1]}
        />
      </div>
      <input
        type="range"
        aria-label="Generation"
        min={last > 0 ? 1 : 0}
        max={reachable}
        value={generation}
        onChange={(e) => setGeneration(Number(e.target.value))}
        style={{ width: '100%', margin: '8px 0 4px' }}
      />
      <ol className="generations" aria-label="Generations" ref={strip}>
        {steps.map((step, i) => {
          // A generation a lesson question asks about (or a later one) shows no figures yet.
          const hidden = i + 1 > revealedThrough;
          const result = hidden ? undefined : results?.[i];
          const flagged = result !== undefined && isInvalidResult(result);
          return (
            <li key={i} className={i + 1 === generation ? 'current' : ''}>
              <button
                type="button"
                aria-current={i + 1 === generation ? 'step' : undefined}
                onClick={() => setGeneration(i + 1)}
                disabled={hidden}
                title={
                  hidden
                    ? 'Answer the lesson question to see this generation'
                    : stepSummary(step, sessionTimeoutMs)
                }
              >
                <span className="gen-number">{i + 1}</span>
                <span className="gen-summary">{stepSummary(step, sessionTimeoutMs)}</span>
                {!hidden &&
                diff.status === 'ready' &&
                (diff.diff.generations[i]?.partitions.length ?? 0) > 0 ? (
                  <span
                    className="badge bad"
                    title="partitions whose owner differs from the baseline"
                  >
                    Δ {diff.diff.generations[i]?.partitions.length}
                  </span>
                ) : null}
                {result !== undefined ? (
                  <span
                    className={`badge ${flagged ? 'bad' : ''}`}
                    title={flagged ? 'invalid: see the assignment panel' : 'partitions moved'}
                  >
                    {flagged ? 'invalid' : `${result.metrics.moved} moved`}
                  </span>
                ) : hidden ? (
                  <span className="badge" title="hidden until you answer">
                    ?
                  </span>
                ) : null}
              </button>
              {hidden ? null : <TimelineRounds generation={i + 1} />}
            </li>
          );
        })}
      </ol>
      {generation > 0 && generation < last ? (
        <button type="button" className="small edit-only" onClick={() => truncateAfter(generation)}>
          Drop the steps after generation {generation}
        </button>
      ) : null}
    </section>
  );
}

/** ← and → step, space plays or pauses; ignored while typing in a field or an editor. */
export function usePlaybackKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const state = useAppStore.getState();
      if (event.key === 'ArrowLeft') state.stepBy(-1);
      else if (event.key === 'ArrowRight') state.stepBy(1);
      else if (event.key === ' ' && !(target instanceof HTMLButtonElement))
        state.setPlaying(!state.playing);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** How the replay is made and shown: the user data generation, and motion on or off. */
function ReplaySettings() {
  const { userDataMode, setUserDataMode, animations, setAnimations } = useAppStore(
    useShallow((s) => ({
      userDataMode: s.scenario.userDataMode,
      setUserDataMode: s.setUserDataMode,
      animations: s.animations,
      setAnimations: s.setAnimations,
    })),
  );
  return (
    <div className="row">
      <label className="row" title="Which generation members put in their sticky user data">
        <span className="muted">user data generation</span>
        <select
          aria-label="User data generation"
          value={userDataMode}
          onChange={(e) => setUserDataMode(e.target.value === 'counter' ? 'counter' : 'aiokafka')}
        >
          <option value="aiokafka">−1, as aiokafka sends</option>
          <option value="counter">the real generation</option>
        </select>
      </label>
      <label className="row">
        <input
          type="checkbox"
          checked={animations}
          onChange={(e) => setAnimations(e.target.checked)}
        />
        Animate
      </label>
    </div>
  );
}

/**
 * What a screen reader hears as each generation is shown: the facts its chip shows (what
 * changed, how much moved), or that a lesson still asks about it, so the answer is not read
 * out before the learner has chosen. One polite live region, so each step is read once.
 */
function StepAnnouncement({
  generation,
  last,
  summary,
  result,
}: {
  generation: number;
  last: number;
  summary: string | undefined;
  result: GenerationResult | 'hidden' | undefined;
}) {
  let text = `Generation ${generation} of ${last}`;
  if (summary !== undefined) text += `: ${summary}`;
  if (result === 'hidden') text += '. Answer the lesson question to see what happens';
  else if (result !== undefined)
    text += isInvalidResult(result)
      ? '. Invalid: see the assignment panel'
      : `. ${result.metrics.moved} moved`;
  return (
    <p className="visually-hidden" role="status" data-testid="step-announcement">
      {last > 0 ? `${text}.` : ''}
    </p>
  );
}
