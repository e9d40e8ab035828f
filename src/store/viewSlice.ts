import type { StateCreator } from 'zustand';
import type { AppState, ViewSlice } from './types';

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  diffBaseline: undefined,
  setDiffBaseline: (diffBaseline) => set({ diffBaseline }),
  assignors: ['sticky'],
  animations: true,
  inspectedMember: undefined,
  selectedPartition: undefined,
  lessonId: undefined,
  lessonAnswer: undefined,
  notice: undefined,
  shareUrl: undefined,
  setAssignors: (assignors) => set({ assignors: assignors.slice(0, 3) }),
  setAnimations: (animations) => set({ animations }),
  inspectMember: (inspectedMember) => set({ inspectedMember }),
  selectPartition: (selectedPartition) => set({ selectedPartition }),
  startLesson: (lessonId) => set({ lessonId, lessonAnswer: undefined }),
  answerLesson: (lessonAnswer) => set({ lessonAnswer }),
  showNotice: (notice) => set({ notice }),
});
