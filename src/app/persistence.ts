import {
  parseScenarioFile,
  ScenarioFileError,
  scenarioFromJson,
  serializeScenario,
  type CustomAssignorSource,
} from '../scenario/file';
import { AUTHORED_LESSON_ID } from '../scenario/authoredLesson';
import { viewFromParams } from '../scenario/sharedView';
import type { Change, Scenario } from '../scenario/types';
import { decodeShareFragmentOffThread } from '../worker/parseClient';
import { useAppStore } from '../store/store';

/** The user's work: the autosave envelope (or, from older versions, a bare scenario file). */
export const AUTOSAVE_KEY = 'rebalance-playground/autosave';
/** The user's own scenario from before the last load (link, import, lesson, random). */
export const PREVIOUS_WORK_KEY = 'rebalance-playground/previous-work';
/** An autosave that could not be read, kept rather than overwritten. */
export const UNREADABLE_KEY = `${AUTOSAVE_KEY}/unreadable`;
/** Per-tab slot: this tab's work when another tab saved newer work to the shared key. */
export const TAB_SLOT_PREFIX = `${AUTOSAVE_KEY}/tab/`;
/** In sessionStorage (one per tab, kept across reloads): this tab's id. */
export const TAB_ID_KEY = 'rebalance-playground/tab-id';

const ENVELOPE_FORMAT = 'rebalance-playground/autosave';

/**
 * What autosave writes. `revision` counts writes to the shared key by every tab, so a tab
 * can tell that another one saved after it last looked.
 */
interface AutosaveEnvelope {
  format: typeof ENVELOPE_FORMAT;
  version: 1;
  tab: string;
  revision: number;
  /** The scenario file, as an object. */
  scenario: unknown;
  pendingChanges: Change[];
  autoRebalance: boolean;
  /** The lesson open when this was saved; `scenario` is then the user's own, not the lesson. */
  lessonId?: string;
  /** The scenario is a load (link, file, random) the user has not edited yet. */
  uneditedLoad?: boolean;
}

interface Restored {
  scenario: Scenario;
  customAssignor: CustomAssignorSource | undefined;
  pendingChanges: Change[];
  autoRebalance: boolean;
  lessonId: string | undefined;
  uneditedLoad: boolean;
}

/** Autosave's memory between restore and the writes that follow. */
const session = {
  tabId: '',
  /** The newest shared revision this tab has read or written. */
  seenRevision: 0,
  /** The scenario on screen came from a load and has not been edited. */
  uneditedLoad: false,
  /** Saving to the shared key waits for the user (an unreadable save could not be kept). */
  blocked: false,
  /** The user was told about the other tab; said once, not at every edit. */
  conflictTold: false,
};

/**
 * Restores the user's work on load and keeps it saved: a share link wins, then a lesson
 * link, then the autosave, then the default scenario. A broken link or save is reported
 * and never replaces what the user had.
 */
export async function restoreSession(
  location: Location,
  storage: Storage | undefined,
  tabStorage?: Storage,
): Promise<void> {
  const store = useAppStore.getState();
  session.tabId = tabIdFrom(tabStorage);
  session.seenRevision = 0;
  session.uneditedLoad = false;
  session.blocked = false;
  session.conflictTold = false;

  // This tab's own slot first: it holds work that was not saved over another tab's.
  const saved =
    readSave(storage, TAB_SLOT_PREFIX + session.tabId, false) ?? readSave(storage, AUTOSAVE_KEY);
  const previous = readPrevious(storage);
  if (saved !== undefined) {
    store.loadScenario(saved.scenario, saved.customAssignor);
    // Back where the user left off: the end of their timeline, batched edits still waiting.
    store.resumeSession({
      replaced: previous,
      generation: saved.scenario.steps.length,
      pendingChanges: saved.pendingChanges,
      autoRebalance: saved.autoRebalance && saved.pendingChanges.length === 0,
    });
    session.uneditedLoad = saved.uneditedLoad;
    if (saved.lessonId !== undefined) useAppStore.getState().enterLesson(saved.lessonId);
    else if (saved.uneditedLoad && previous !== undefined) {
      store.showNotice({
        kind: 'info',
        text: `Restored “${saved.scenario.name}”, which you had opened. Your previous work “${previous.scenario.name}” is kept: Undo brings it back.`,
        undoable: true,
      });
    }
  }

  const params = new URLSearchParams(location.search);
  // `?present` (or `?present=1`): open in presentation mode, for a projector bookmark.
  const present = params.get('present');
  if (present !== null && present !== '0' && present !== 'false') store.setPresenting(true);
  const animations = params.get('animations');
  if (animations === 'off' || animations === '0') store.setAnimations(false);
  else if (
    typeof matchMedia === 'function' &&
    matchMedia('(prefers-reduced-motion: reduce)').matches
  ) {
    store.setAnimations(false);
  }

  await openFragment(location);
}

/**
 * Opens what the URL fragment names: `#lesson=ID` or a share link `#s=…`. Runs at start and
 * whenever the fragment changes (a link pasted into an open tab). A shared scenario replaces
 * the current one undoably; a broken link is explained and changes nothing.
 */
export async function openFragment(location: Location): Promise<void> {
  const store = useAppStore.getState();
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const lesson = hash.get('lesson');
  if (lesson !== null) {
    if (store.lessonId !== lesson) store.enterLesson(lesson);
    // A shared lesson link also says what its sender was looking at (sharedView.ts).
    const { view, problems } = viewFromParams(hash);
    useAppStore.getState().showView(view);
    if (problems.length > 0)
      useAppStore.getState().showNotice({
        kind: 'error',
        text: `Part of that link could not be used (${problems.join('; ')}); the rest is shown.`,
      });
    return;
  }
  try {
    const shared = await decodeShareFragmentOffThread(location.hash);
    if (shared !== undefined) {
      store.leaveLesson();
      store.loadScenario(shared.scenario, shared.customAssignor);
      if (shared.view !== undefined) useAppStore.getState().showView(shared.view);
      store.showNotice({
        kind: 'info',
        text: `Opened the shared scenario “${shared.scenario.name}”.`,
        undoable: true,
      });
    }
  } catch (error) {
    const reason = error instanceof ScenarioFileError ? error.message : String(error);
    store.showNotice({
      kind: 'error',
      text: `That link could not be opened: ${reason}. Your own scenario is unchanged.`,
    });
  }
  // The link has been read; later edits must not be confused with it.
  if (hash.has('s')) history.replaceState(null, '', location.pathname + location.search);
}

function tabIdFrom(tabStorage: Storage | undefined): string {
  const existing = safely(() => tabStorage?.getItem(TAB_ID_KEY) ?? null);
  if (typeof existing === 'string' && existing !== '') return existing;
  const id = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  safely(() => tabStorage?.setItem(TAB_ID_KEY, id));
  return id;
}

/** Reads a save; an unreadable one is kept aside (and said so truthfully), never overwritten. */
function readSave(
  storage: Storage | undefined,
  key: string,
  reportUnreadable = true,
): Restored | undefined {
  const text = safely(() => storage?.getItem(key) ?? null);
  if (text === null || text === undefined) return undefined;
  try {
    const restored = parseSave(text);
    if (key === AUTOSAVE_KEY) session.seenRevision = revisionOf(text);
    return restored;
  } catch (error) {
    if (!reportUnreadable) return undefined;
    const reason = (error as Error).message;
    const kept = trySetItem(storage, UNREADABLE_KEY, text) === 'ok';
    if (kept) {
      useAppStore.getState().showNotice({
        kind: 'error',
        text: `Your saved scenario could not be read (${reason}); it was kept aside and the default scenario loaded.`,
      });
    } else {
      // The copy did not fit: leave the original where it is and save nothing over it.
      session.blocked = true;
      useAppStore.getState().showNotice({
        kind: 'error',
        text: `Your saved scenario could not be read (${reason}), and there is no room to keep a copy aside, so it was left in place: your edits here are not saved over it until you choose to.`,
        action: {
          label: 'Save over it',
          run: () => {
            session.blocked = false;
            saveNow(storage, true);
          },
        },
      });
    }
    return undefined;
  }
}

function parseSave(text: string): Restored {
  const json: unknown = JSON.parse(text);
  const envelope = json as Partial<AutosaveEnvelope> | null;
  if (envelope?.format !== ENVELOPE_FORMAT) {
    // A save from before the envelope: a bare scenario file.
    const loaded = parseScenarioFile(text);
    return {
      ...loaded,
      pendingChanges: [],
      autoRebalance: true,
      lessonId: undefined,
      uneditedLoad: false,
    };
  }
  const loaded = scenarioFromJson(envelope.scenario);
  const pending = Array.isArray(envelope.pendingChanges) ? envelope.pendingChanges : [];
  // Batched edits are checked like a step of the file, so a corrupt one cannot break replay.
  const withPending = {
    ...loaded.scenario,
    steps: [...loaded.scenario.steps, { changes: pending }],
  };
  const pendingChanges = pending.length > 0 ? checkedPending(withPending, pending) : [];
  return {
    ...loaded,
    pendingChanges,
    autoRebalance: envelope.autoRebalance !== false,
    lessonId: typeof envelope.lessonId === 'string' ? envelope.lessonId : undefined,
    uneditedLoad: envelope.uneditedLoad === true,
  };
}

function checkedPending(withPending: Scenario, pending: Change[]): Change[] {
  try {
    scenarioFromJson(JSON.parse(serializeScenario(withPending)));
    return pending;
  } catch {
    return [];
  }
}

function revisionOf(text: string): number {
  try {
    const revision = (JSON.parse(text) as { revision?: unknown }).revision;
    return typeof revision === 'number' ? revision : 0;
  } catch {
    return 0;
  }
}

function readPrevious(storage: Storage | undefined) {
  const text = safely(() => storage?.getItem(PREVIOUS_WORK_KEY) ?? null);
  if (typeof text !== 'string') return undefined;
  try {
    const loaded = parseScenarioFile(text);
    return { ...loaded, assignors: useAppStore.getState().assignors };
  } catch {
    return undefined;
  }
}

/** Saves the scenario shortly after each change; a load first keeps the user's work aside. */
export function startAutosave(storage: Storage | undefined, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    const loaded = state.replaced !== previous.replaced && state.replaced !== undefined;
    if (loaded && previous.lessonId !== undefined) {
      // Leaving a lesson: the user's own scenario is back; the lesson is not their work.
      session.uneditedLoad = false;
    } else if (loaded) {
      // A load (link, file, random, lesson): what it replaced is the user's work, unless that
      // was itself an unedited load — link after link keeps the user's own scenario in the
      // slot, not the first link.
      if (!session.uneditedLoad) keepPrevious(storage, state);
      session.uneditedLoad = true;
    } else if (state.scenario !== previous.scenario) {
      session.uneditedLoad = false;
    }
    if (
      state.scenario === previous.scenario &&
      state.customAssignor === previous.customAssignor &&
      state.pendingChanges === previous.pendingChanges &&
      state.autoRebalance === previous.autoRebalance &&
      state.lessonId === previous.lessonId
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      saveNow(storage);
    }, delayMs);
  });
  // A reload or a closed tab within the delay must not lose the last edit.
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    saveNow(storage);
  };
  if (typeof addEventListener === 'function') addEventListener('pagehide', flush);
  return () => {
    clearTimeout(timer);
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', flush);
    unsubscribe();
  };
}

function keepPrevious(
  storage: Storage | undefined,
  state: ReturnType<typeof useAppStore.getState>,
): void {
  const replaced = state.replaced;
  if (replaced === undefined) return;
  const outcome = trySetItem(
    storage,
    PREVIOUS_WORK_KEY,
    serializeScenario(replaced.scenario, replaced.customAssignor),
  );
  if (outcome === 'full') tellStorageFull(replaced.scenario.name);
}

/** `overwrite`: the user chose to save this tab's work over another tab's newer save. */
function saveNow(storage: Storage | undefined, overwrite = false): void {
  if (storage === undefined || session.blocked) return;
  const state = useAppStore.getState();
  // During a built-in lesson the user's own scenario waits in `replaced`: save that, never the
  // lesson. The scenario's own lesson plays on the user's scenario, which is saved as usual.
  const inLesson = state.lessonId !== undefined && state.lessonId !== AUTHORED_LESSON_ID;
  if (inLesson && state.replaced === undefined) return;
  const own = inLesson
    ? (state.replaced as NonNullable<typeof state.replaced>)
    : { scenario: state.scenario, customAssignor: state.customAssignor };

  const stored = safely(() => storage.getItem(AUTOSAVE_KEY));
  const storedTab = typeof stored === 'string' ? tabOf(stored) : undefined;
  const storedRevision = typeof stored === 'string' ? revisionOf(stored) : 0;
  const otherTabIsNewer =
    !overwrite &&
    storedTab !== undefined &&
    storedTab !== session.tabId &&
    storedRevision > session.seenRevision;

  const envelope: AutosaveEnvelope = {
    format: ENVELOPE_FORMAT,
    version: 1,
    tab: session.tabId,
    revision: Math.max(storedRevision, session.seenRevision) + 1,
    scenario: JSON.parse(serializeScenario(own.scenario, own.customAssignor)),
    pendingChanges: inLesson ? [] : state.pendingChanges,
    autoRebalance: state.autoRebalance,
    ...(inLesson ? { lessonId: state.lessonId } : {}),
    ...(session.uneditedLoad && !inLesson ? { uneditedLoad: true } : {}),
  };
  const text = JSON.stringify(envelope);
  const tabSlot = TAB_SLOT_PREFIX + session.tabId;

  if (otherTabIsNewer) {
    // Never overwrite another tab's newer work unasked: this tab's goes to its own slot.
    const outcome = trySetItem(storage, tabSlot, text);
    if (outcome === 'full') tellStorageFull(own.scenario.name);
    else if (!session.conflictTold) {
      session.conflictTold = true;
      state.showNotice({
        kind: 'error',
        text: 'Another tab saved its own changes to the playground since this tab last saved. Your work here is kept separately (a reload of this tab brings it back) and did not overwrite the other tab’s.',
        action: {
          label: 'Save this tab’s work over it',
          run: () => {
            saveNow(storage, true);
            useAppStore.getState().showNotice({ kind: 'info', text: 'This tab’s work is saved.' });
          },
        },
      });
    }
    return;
  }
  const outcome = trySetItem(storage, AUTOSAVE_KEY, text);
  if (outcome === 'ok') {
    session.seenRevision = envelope.revision;
    safely(() => storage.removeItem(tabSlot));
  } else if (outcome === 'full') {
    tellStorageFull(own.scenario.name, text.length);
  }
}

function tabOf(text: string): string | undefined {
  try {
    const tab = (JSON.parse(text) as { tab?: unknown }).tab;
    return typeof tab === 'string' ? tab : undefined;
  } catch {
    return undefined;
  }
}

function tellStorageFull(name: string, characters?: number): void {
  const size =
    characters === undefined
      ? ''
      : characters >= 1_000_000
        ? ` (${(characters / 1_000_000).toFixed(1)} MB)`
        : ` (${Math.ceil(characters / 1000)} kB)`;
  useAppStore.getState().showNotice({
    kind: 'error',
    text: `“${name}”${size} could not be saved in this browser: its storage is full. Export the scenario to keep it.`,
    offerExport: true,
  });
}

/** `full`: the browser refused for lack of room; `failed`: storage is disabled or broken. */
function trySetItem(
  storage: Storage | undefined,
  key: string,
  value: string,
): 'ok' | 'full' | 'failed' {
  if (storage === undefined) return 'failed';
  try {
    storage.setItem(key, value);
    return 'ok';
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
      ? 'full'
      : 'failed';
  }
}

function safely<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    // Storage can be disabled (private mode); the page keeps working without it.
    return undefined;
  }
}
