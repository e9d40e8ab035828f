import type { StateCreator } from 'zustand';
import { isServerRunName } from '../scenario/serverRuns';
import { MAX_COMPARED_ASSIGNORS } from '../scenario/sharedView';
import type { Scenario } from '../scenario/types';
import { fitsProtocol } from './protocolSlice';
import { selectProtocol } from './selectors';
import type { AppState, Notice, ViewSlice } from './types';

// The limit lives in the scenario layer, where shared views are checked against it too.
export { MAX_COMPARED_ASSIGNORS };

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  sideBarCollapsed: false,
  setSideBarCollapsed: (sideBarCollapsed) => set({ sideBarCollapsed }),
  presenting: false,
  setPresenting: (presenting) => set({ presenting }),
  diffBaseline: undefined,
  setDiffBaseline: (diffBaseline) => set({ diffBaseline }),
  assignors: ['sticky'],
  animations: true,
  inspectedMember: undefined,
  pinnedMembers: [],
  togglePinned: (member) => {
    const pinned = get().pinnedMembers;
    set({
      pinnedMembers: pinned.includes(member)
        ? pinned.filter((m) => m !== member)
        : [...pinned, member],
    });
  },
  selectedPartition: undefined,
  lessonId: undefined,
  lessonAnswer: undefined,
  notice: undefined,
  shareUrl: undefined,
  setShareUrl: (shareUrl) => set({ shareUrl }),
  setAssignors: (assignors) => {
    const next = assignors.slice(0, MAX_COMPARED_ASSIGNORS);
    set({ assignors: next, scenario: withServerAssignor(get().scenario, next[0]) });
  },
  setPrimaryAssignor: (name) => {
    const { assignors } = get();
    if (!assignors.includes(name)) return;
    set({
      assignors: [name, ...assignors.filter((n) => n !== name)],
      scenario: withServerAssignor(get().scenario, name),
    });
  },
  setAnimations: (animations) => set({ animations }),
  inspectMember: (inspectedMember) => set({ inspectedMember }),
  selectPartition: (selectedPartition) => set({ selectedPartition }),
  startLesson: (lessonId) => set({ lessonId, lessonAnswer: undefined }),
  showView: (view) => {
    // A lesson first: it brings its assignors and starting point (a built-in one its scenario).
    if (view.lesson !== undefined && get().lessonId !== view.lesson) get().enterLesson(view.lesson);
    const state = get();
    if (view.assignors !== undefined) {
      const fitting = view.assignors.filter((name) => fitsProtocol(name, selectProtocol(state)));
      if (fitting.length > 0) get().setAssignors(fitting);
    }
    if (view.comparedProtocol !== undefined) get().setComparedProtocol(view.comparedProtocol);
    if (view.generation !== undefined) get().setGeneration(view.generation);
    if (view.presentation !== undefined) get().setPresenting(view.presentation);
  },
  answerLesson: (lessonAnswer) => set({ lessonAnswer }),
  showNotice: (notice) => set((state) => ({ notice: keepTheWayBack(state.notice, notice) })),
});

/**
 * Under the consumer protocol the scenario names the server-side assignor the coordinator runs:
 * the primary one shown, so a file or link opens on what the user was looking at. The same
 * scenario object when nothing changes, so choosing assignors does not replay.
 */
function withServerAssignor(scenario: Scenario, primary: string | undefined): Scenario {
  const protocol = scenario.protocol;
  if (protocol?.name !== 'consumer' || primary === undefined || !isServerRunName(primary))
    return scenario;
  // Absent means uniform, the coordinator's default.
  if ((protocol.serverAssignor ?? 'server-uniform') === primary) return scenario;
  return { ...scenario, protocol: { ...protocol, serverAssignor: primary } };
}

/**
 * A failed load that follows a good one must not hide the good one's Undo: the error says
 * nothing changed, so the way back it replaces is still the one the user needs.
 */
function keepTheWayBack(previous: Notice | undefined, next: Notice | undefined) {
  if (next?.kind !== 'error' || previous === undefined) return next;
  if (next.undoable !== undefined || next.undoId !== undefined) return next;
  const { undoable, undoId } = previous;
  return {
    ...next,
    ...(undoable !== undefined ? { undoable } : {}),
    ...(undoId !== undefined ? { undoId } : {}),
  };
}
