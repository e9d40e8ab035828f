import type { StateCreator } from 'zustand';
import type { AppState, ViewSlice } from './types';

/** How many assignors can be compared side by side: every rule about it reads this. */
export const MAX_COMPARED_ASSIGNORS = 3;

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  diffBaseline: undefined,
  setDiffBaseline: (diffBaseline) => set({ diffBaseline }),
  assignors: ['sticky'],
  animations: true,
  inspectedMember: undefined,
  lessonId: undefined,
  lessonAnswer: undefined,
  notice: undefined,
  shareUrl: undefined,
  setAssignors: (assignors) => set({ assignors: assignors.slice(0, MAX_COMPARED_ASSIGNORS) }),
  setPrimaryAssignor: (name) => {
    const { assignors } = get();
    if (!assignors.includes(name)) return;
    set({ assignors: [name, ...assignors.filter((n) => n !== name)] });
  },
  setAnimations: (animations) => set({ animations }),
  inspectMember: (inspectedMember) => set({ inspectedMember }),
  startLesson: (lessonId) => set({ lessonId, lessonAnswer: undefined }),
  answerLesson: (lessonAnswer) => set({ lessonAnswer }),
  showNotice: (notice) => set({ notice }),
});
