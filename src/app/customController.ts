/**
 * Keeps the custom assignor's results in step with the store: when the user presses Run, the
 * source is replayed in the sandbox and the outcome stored; after that, every change of the
 * scenario replays it again. A newer run supersedes an older one.
 *
 * Code is untrusted when it arrives on its own — inside a share link, an imported file, or
 * the autosave after a reload: it is loaded into the editor but never run until the user
 * presses Run on it in this page ("review" status, with {@link REVIEW_CUSTOM_CODE_NOTICE}).
 * What the user ran once stays approved for the life of the page, so Undo back to it or an
 * edit of the scenario does not ask again.
 *
 * Browsers cannot cap a worker's memory, and in Chromium a worker that reaches its heap limit
 * takes the whole tab down with it. The deadline usually stops runaway allocation first; for
 * when it does not, a mark in storage records that a run is under way. If the page starts and
 * finds the mark, the last run never finished: the assignor is not run again on its own (the
 * autosave would bring it straight back into the same crash) until the user presses Run, and
 * is told why.
 */
import { REVIEW_CUSTOM_CODE_NOTICE } from '../store/customAssignorSlice';
import { useAppStore } from '../store/store';
import { createCustomReplayRunner, type CustomReplayRunner } from '../custom/browserRunner';
import type { CustomAssignorSource } from '../custom/protocol';

export { REVIEW_CUSTOM_CODE_NOTICE };

export const RUN_MARK_KEY = 'rebalance-playground/custom-run-in-progress';

export const CRASHED_RUN_MESSAGE =
  'The page stopped while your assignor was running (it probably ran out of memory), so it ' +
  'was not run again. Press Run to try again; a shorter deadline stops runaway allocation sooner.';

/** The part of `Storage` used for the run mark. */
export type RunMarkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface CustomReplayControllerOptions {
  runner?: CustomReplayRunner;
  /** Where the run mark lives; defaults to `localStorage` when there is one. */
  storage?: RunMarkStorage | undefined;
}

function defaultStorage(): RunMarkStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // e.g. storage disabled for the site
  }
}

/** What the panel's Run button calls (kept for callers outside React; the store owns it). */
export function runCustomAssignor(source: CustomAssignorSource): void {
  useAppStore.getState().runCustomAssignor(source);
}

/** Starts watching the store; returns a function that stops it and any running replay. */
export function startCustomReplayController(
  options: CustomReplayControllerOptions = {},
): () => void {
  const runner = options.runner ?? createCustomReplayRunner();
  const storage = 'storage' in options ? options.storage : defaultStorage();
  const mark = {
    set: () => safely(() => storage?.setItem(RUN_MARK_KEY, new Date().toISOString())),
    clear: () => safely(() => storage?.removeItem(RUN_MARK_KEY)),
    found: () => safely(() => storage?.getItem(RUN_MARK_KEY)) != null,
  };
  /** Sources (language and text) the user pressed Run on in this page. */
  const approved = new Set<string>();
  let latest = 0;

  const run = async () => {
    const { scenario, customAssignor, customDeadlineMs } = useAppStore.getState();
    if (customAssignor === undefined || !approved.has(approvalKey(customAssignor))) {
      latest++;
      runner.cancel();
      mark.clear();
      const { customStatus, customLoadError } = useAppStore.getState();
      const waiting = customStatus === 'review' || customLoadError?.message === CRASHED_RUN_MESSAGE;
      if (customAssignor !== undefined && !waiting) {
        useAppStore.getState().setCustomAwaitingReview();
      }
      return;
    }
    const id = ++latest;
    useAppStore.getState().setCustomRunning();
    mark.set();
    const outcome = await runner.replay(scenario, customAssignor, {
      deadlineMs: customDeadlineMs,
    });
    if (id === latest) mark.clear();
    const store = useAppStore.getState();
    switch (outcome.status) {
      case 'done':
        store.setCustomResults(outcome.generations);
        break;
      case 'load-error':
        store.setCustomLoadError(outcome.error);
        break;
      case 'error':
        store.setCustomLoadError({ message: outcome.message });
        break;
      case 'superseded':
      case 'cancelled':
        break;
    }
  };

  // Nothing is approved yet, so a restored source waits for Run; after a crash, say why.
  if (mark.found() && useAppStore.getState().customAssignor !== undefined) {
    mark.clear();
    useAppStore.getState().setCustomLoadError({ message: CRASHED_RUN_MESSAGE });
  } else {
    void run();
  }
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    const newSource = state.customAssignor !== previous.customAssignor;
    if (newSource && state.customRunRequest !== undefined && state.customAssignor !== undefined) {
      approved.add(approvalKey(state.customAssignor));
    }
    if (newSource || state.scenario !== previous.scenario) void run();
  });
  // Leaving or reloading mid-run is no crash: the mark must not outlive the page.
  const onPageHide = () => mark.clear();
  globalThis.addEventListener?.('pagehide', onPageHide);
  return () => {
    unsubscribe();
    globalThis.removeEventListener?.('pagehide', onPageHide);
    latest++;
    runner.dispose();
    mark.clear();
  };
}

function approvalKey(source: CustomAssignorSource): string {
  return `${source.language}\u0000${source.source}`;
}

function safely<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}
