import type { StateCreator } from 'zustand';
import { selectLastReachable, selectProtocol } from './selectors';
import type { AppState, PlaybackSlice } from './types';

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => ({
  generation: 1,
  playing: false,
  speed: 1,
  setGeneration: (generation) =>
    set({ generation: clampGeneration(get(), generation), roundAt: undefined }),
  stepBy: (delta) => {
    const state = get();
    // Stepping through rounds: each step is one round of the protocol shown.
    if (state.stepRounds && selectProtocol(state) !== undefined) state.stepRound(delta);
    else set({ generation: clampGeneration(state, state.generation + delta), roundAt: undefined });
  },
  setPlaying: (playing) => {
    const state = get();
    // Playing from the last generation starts over from the first.
    if (playing && state.generation >= selectLastReachable(state)) set({ generation: 0 });
    set({ playing });
  },
  setSpeed: (speed) => set({ speed }),
});

function clampGeneration(state: AppState, generation: number): number {
  // 0 is the group before its first rebalance. A lesson question keeps the generation it
  // asks about out of reach until it is answered.
  return Math.max(0, Math.min(generation, selectLastReachable(state)));
}
