import { parseScenarioFile, ScenarioFileError, serializeScenario } from '../scenario/file';
import { decodeShareFragment } from '../scenario/shareLink';
import { useAppStore } from './store';

export const AUTOSAVE_KEY = 'rebalance-playground/autosave';

/**
 * Restores the user's work on load and keeps it saved: a share link wins, then a lesson
 * link, then the autosave, then the default scenario. A broken link or save is reported
 * and never replaces what the user had.
 */
export async function restoreSession(
  location: Location,
  storage: Storage | undefined,
): Promise<void> {
  const store = useAppStore.getState();
  const saved = readAutosave(storage);
  if (saved !== undefined) {
    store.loadScenario(saved.scenario, saved.customAssignor);
    // Back where the user left off: the end of their timeline.
    useAppStore.setState({ replaced: undefined, generation: saved.scenario.steps.length });
  }

  const params = new URLSearchParams(location.search);
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
    store.enterLesson(lesson);
    return;
  }
  try {
    const shared = await decodeShareFragment(location.hash);
    if (shared !== undefined) {
      store.leaveLesson();
      store.loadScenario(shared.scenario, shared.customAssignor);
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

function readAutosave(storage: Storage | undefined) {
  const text = safely(() => storage?.getItem(AUTOSAVE_KEY) ?? null);
  if (text === null || text === undefined) return undefined;
  try {
    return parseScenarioFile(text);
  } catch (error) {
    // Keep the unreadable save under another key rather than overwrite it.
    safely(() => storage?.setItem(`${AUTOSAVE_KEY}/unreadable`, text));
    useAppStore.getState().showNotice({
      kind: 'error',
      text: `Your saved scenario could not be read (${(error as Error).message}); it was kept aside and the default scenario loaded.`,
    });
    return undefined;
  }
}

/** Saves the scenario shortly after each change. */
export function startAutosave(storage: Storage | undefined, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.scenario === previous.scenario && state.customAssignor === previous.customAssignor)
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { scenario, customAssignor } = useAppStore.getState();
      safely(() => storage?.setItem(AUTOSAVE_KEY, serializeScenario(scenario, customAssignor)));
    }, delayMs);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

function safely<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    // Storage can be full or disabled (private mode); the page keeps working without it.
    return undefined;
  }
}
