import type { AssignorMode, BuiltinAssignorName } from '../core/assignors';
import type { Protocol, ProtocolTimings } from '../protocol';
import type { CustomLoadError } from '../custom/protocol';
import type { ProtocolRuns } from '../worker/client';
import type { ResultsFile } from '../results/resultsFile';
import type { CustomAssignorSource } from '../scenario/file';
import type { GenerationResult } from '../scenario/replay';
import type { SharedView } from '../scenario/sharedView';
import type { AuthoredLesson } from '../scenario/authoredLesson';
import type { Change, Scenario, UserDataMode } from '../scenario/types';
import type { HistorySlice } from './history';

/** A message for the user: what went wrong (or right), in words. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** Offer to go back to the scenario the last load replaced. */
  undoable?: boolean;
  /** Offer Undo while this history entry is still the last one done. */
  undoId?: number;
  /** Offer Redo while this history entry is still the last one undone. */
  redoId?: number;
  /** Offer to export the scenario (e.g. when it could not be saved in the browser). */
  offerExport?: boolean;
  /** A choice the user can make about what the notice says (e.g. save over another tab). */
  action?: { label: string; run: () => void };
}

/** One topic-partition, by name. */
export interface PartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface ScenarioSlice {
  scenario: Scenario;
  customAssignor: CustomAssignorSource | undefined;
  /** Changes waiting for the user to press Rebalance (batch mode). */
  pendingChanges: Change[];
  /** Rebalance right after each change (on) or collect changes into one step (off). */
  autoRebalance: boolean;
  /**
   * The scenario the last load replaced, so the user can go back to it: loading a lesson,
   * a file, a link or a random scenario never loses what they had.
   */
  replaced:
    | {
        scenario: Scenario;
        customAssignor: CustomAssignorSource | undefined;
        assignors: string[];
        /** The generation the user was viewing, so going back lands where they were. */
        generation?: number;
      }
    | undefined;
  /** Replaces the whole scenario: a lesson, an import, a share link, a random one. */
  /** Loads exactly what was given: no custom assignor unless one comes with the scenario. */
  loadScenario: (scenario: Scenario, customAssignor?: CustomAssignorSource) => void;
  /** Goes back to the scenario (and assignors) the last load replaced, leaving any lesson. */
  restoreReplaced: () => void;
  /**
   * After loading the autosaved scenario: back where the user left off (the viewed
   * generation, batched edits still waiting, the way back to what the save replaced).
   */
  resumeSession: (
    session: Pick<AppState, 'replaced' | 'generation' | 'pendingChanges' | 'autoRebalance'>,
  ) => void;
  /** Opens a lesson; the user's own scenario waits in `replaced` until they leave it. */
  enterLesson: (lessonId: string) => void;
  /** Leaves the running lesson, if any, restoring the user's own scenario. */
  leaveLesson: () => void;
  /** Records a change: as its own rebalance, or into the pending step. */
  applyChange: (change: Change) => void;
  commitPending: () => void;
  discardPending: () => void;
  setAutoRebalance: (on: boolean) => void;
  /** Writes (or removes) the scenario's own lesson; one undo step. */
  setAuthoredLesson: (lesson: AuthoredLesson | undefined) => void;
  setUserDataMode: (mode: UserDataMode) => void;
  /**
   * Switches the scenario between reproducing aiokafka's defects and correcting them; a
   * compared `sticky (…)` variant becomes the other mode's, so the comparison stays meaningful.
   */
  setAssignorMode: (mode: AssignorMode) => void;
  /** Drops every step after `generation` (undoably, with a notice), to explore another path. */
  truncateAfter: (generation: number) => void;
  setCustomAssignor: (source: CustomAssignorSource | undefined) => void;
}

export interface CustomAssignorSlice {
  /** Per-call deadline for custom assignor code, in ms. */
  customDeadlineMs: number;
  /** `review`: code arrived with a link, a file or the autosave and waits for the user's Run. */
  customStatus: 'idle' | 'review' | 'running' | 'done' | 'error';
  customLoadError: CustomLoadError | undefined;
  setCustomDeadlineMs: (ms: number) => void;
  setCustomRunning: () => void;
  /** Code that has not been run in this page yet: its results are cleared until Run. */
  setCustomAwaitingReview: () => void;
  /** Stores the custom assignor's results under `results.custom`. */
  setCustomResults: (generations: GenerationResult[]) => void;
  setCustomLoadError: (error: CustomLoadError) => void;
  /** Set only while the user's own Run stores a source: the one way a source becomes approved. */
  customRunRequest: CustomAssignorSource | undefined;
  /** What the panel's Run button calls: stores the source and marks it as the user's Run. */
  runCustomAssignor: (source: CustomAssignorSource) => void;
}

export type ReplayStatus = 'idle' | 'running' | 'done' | 'error';

export interface ReplaySlice {
  /** Per assignor, one result per generation. */
  results: Record<string, GenerationResult[]>;
  status: ReplayStatus;
  progress: { assignor: string; done: number; total: number } | undefined;
  /** Why the last replay failed. */
  replayError: string | undefined;
  elapsedMs: Record<string, number>;
  setReplayRunning: () => void;
  setReplayProgress: (progress: { assignor: string; done: number; total: number }) => void;
  setReplayResults: (
    results: Record<string, GenerationResult[]>,
    elapsedMs: Record<string, number>,
  ) => void;
  setReplayError: (message: string) => void;
}

export interface PlaybackSlice {
  /** The generation shown, 1-based; 0 before the first rebalance. */
  generation: number;
  playing: boolean;
  /** Generations per second while playing. */
  speed: number;
  setGeneration: (generation: number) => void;
  stepBy: (delta: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
}

/** What the primary assignor's results are diffed against, if anything. */
export type DiffBaseline =
  { kind: 'assignor'; name: string } | { kind: 'file'; fileName: string; results: ResultsFile };

export interface ViewSlice {
  /** The group editor side bar folded away (the lanes take its room). */
  sideBarCollapsed: boolean;
  setSideBarCollapsed: (collapsed: boolean) => void;
  /** Presentation mode: big type, only the timeline and the lanes (for a projector). */
  presenting: boolean;
  setPresenting: (presenting: boolean) => void;
  diffBaseline: DiffBaseline | undefined;
  setDiffBaseline: (baseline: DiffBaseline | undefined) => void;
  /**
   * The assignors shown side by side (at most MAX_COMPARED_ASSIGNORS). The first is the
   * primary, chosen explicitly by the user: it drives metrics, diff and the inspector.
   */
  assignors: string[];
  /** Off for screenshots and for people who prefer less motion. */
  animations: boolean;
  inspectedMember: string | undefined;
  /** Members whose lanes come first, in the order pinned, in every generation and panel. */
  pinnedMembers: string[];
  /** Pins a member's lane first, or unpins it. */
  togglePinned: (member: string) => void;
  /** The partition the user picked on the lanes; it stays picked across generations. */
  selectedPartition: PartitionRef | undefined;
  lessonId: string | undefined;
  /** The learner's answer to the lesson question, once given. */
  lessonAnswer: number | undefined;
  notice: Notice | undefined;
  /** The last share link made, shown so it can be copied by hand too. */
  shareUrl: string | undefined;
  setShareUrl: (url: string) => void;
  setAssignors: (assignors: string[]) => void;
  /** Makes `name` (already compared) the primary assignor, keeping the others in order. */
  setPrimaryAssignor: (name: string) => void;
  setAnimations: (on: boolean) => void;
  inspectMember: (member: string | undefined) => void;
  selectPartition: (partition: PartitionRef | undefined) => void;
  startLesson: (lessonId: string | undefined) => void;
  /**
   * Shows what a link or file says its sender saw: assignors (those that fit the scenario's
   * protocol), the compared protocol, the generation (within reach) and presentation mode.
   */
  showView: (view: SharedView) => void;
  answerLesson: (choice: number) => void;
  showNotice: (notice: Notice | undefined) => void;
}

export interface ProtocolSlice {
  /** A second protocol shown beside the first, on the same scenario, in step with it. */
  comparedProtocol: Protocol | undefined;
  /** The step controls and ← → move by round inside a generation, not by generation. */
  stepRounds: boolean;
  /** The round shown in `generation` (`round` undefined: the generation has settled). */
  roundAt: { generation: number; round: number | undefined } | undefined;
  /** Assignor → protocol → one run per generation, from the worker. */
  protocolRuns: ProtocolRuns;
  /**
   * The rebalance protocol generations are played under (`undefined`: none shown). It is part
   * of the scenario (`scenario.protocol`), so it is undoable, autosaved, exported and shared.
   */
  setProtocol: (protocol: Protocol | undefined) => void;
  /** Timings of the scenario's protocol that differ from the model's defaults; one undo step. */
  setProtocolTimings: (timings: Partial<ProtocolTimings>) => void;
  setComparedProtocol: (protocol: Protocol | undefined) => void;
  setStepRounds: (on: boolean) => void;
  setRound: (generation: number, round: number | undefined) => void;
  setProtocolRuns: (runs: ProtocolRuns) => void;
  /** One round forward or back; past a generation's last round comes its settled state. */
  stepRound: (delta: number) => void;
}

export type AppState = ScenarioSlice &
  ProtocolSlice &
  ReplaySlice &
  PlaybackSlice &
  ViewSlice &
  CustomAssignorSlice &
  HistorySlice;

export type BuiltinOrCustom = BuiltinAssignorName | 'custom';
