import type { StateCreator } from 'zustand';
import type { AppState, CustomAssignorSlice } from './types';

/** The name results of the user's own assignor are stored under. */
export const CUSTOM_ASSIGNOR = 'custom';

export const DEFAULT_CUSTOM_DEADLINE_MS = 2000;

/** Shown while custom code that came with a link, a file or the autosave waits for Run. */
export const REVIEW_CUSTOM_CODE_NOTICE =
  'This scenario includes custom assignor code. Review it, then Run.';

export const createCustomAssignorSlice: StateCreator<AppState, [], [], CustomAssignorSlice> = (
  set,
  get,
) => ({
  customDeadlineMs: DEFAULT_CUSTOM_DEADLINE_MS,
  customStatus: 'idle',
  customLoadError: undefined,
  customRunRequest: undefined,
  runCustomAssignor: (source) => {
    set({ customRunRequest: source });
    try {
      get().setCustomAssignor(source);
    } finally {
      set({ customRunRequest: undefined });
    }
  },
  setCustomDeadlineMs: (customDeadlineMs) =>
    set({ customDeadlineMs: Math.max(50, Math.min(60_000, Math.round(customDeadlineMs))) }),
  setCustomRunning: () => set({ customStatus: 'running' }),
  setCustomAwaitingReview: () => {
    const results = { ...get().results };
    delete results[CUSTOM_ASSIGNOR];
    set({ customStatus: 'review', customLoadError: undefined, results });
  },
  setCustomResults: (generations) =>
    set({
      customStatus: 'done',
      customLoadError: undefined,
      results: { ...get().results, [CUSTOM_ASSIGNOR]: generations },
    }),
  setCustomLoadError: (customLoadError) => {
    const results = { ...get().results };
    delete results[CUSTOM_ASSIGNOR];
    set({ customStatus: 'error', customLoadError, results });
  },
});
