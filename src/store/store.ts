import { create } from 'zustand';
import { createCustomAssignorSlice } from './customAssignorSlice';
import { createHistorySlice } from './historySlice';
import { createPlaybackSlice } from './playbackSlice';
import { createProtocolSlice } from './protocolSlice';
import { createReplaySlice } from './replaySlice';
import { createScenarioSlice } from './scenarioSlice';
import type { AppState } from './types';
import { createViewSlice } from './viewSlice';

/** The one store of the page, built from typed slices. */
export const useAppStore = create<AppState>()((...args) => ({
  ...createScenarioSlice(...args),
  ...createReplaySlice(...args),
  ...createPlaybackSlice(...args),
  ...createViewSlice(...args),
  ...createCustomAssignorSlice(...args),
  ...createHistorySlice(...args),
  ...createProtocolSlice(...args),
}));
