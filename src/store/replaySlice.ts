import type { StateCreator } from 'zustand';
import type { AppState, ReplaySlice } from './types';

export const createReplaySlice: StateCreator<AppState, [], [], ReplaySlice> = (set) => ({
  results: {},
  status: 'idle',
  progress: undefined,
  replayError: undefined,
  elapsedMs: {},
  setReplayRunning: () => set({ status: 'running', progress: undefined }),
  setReplayProgress: (progress) => set({ progress }),
  setReplayResults: (results, elapsedMs) =>
    set({ results, elapsedMs, status: 'done', progress: undefined, replayError: undefined }),
  setReplayError: (replayError) => set({ status: 'error', replayError, progress: undefined }),
});
