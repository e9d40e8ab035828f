/**
 * The scenario as the user sees it, for the Export button (and the notice's Export) and for
 * share links: the scenario and custom assignor, plus the view (generation, assignors,
 * compared protocol, lesson, presentation), so whoever opens it sees the same thing.
 */
import { AUTHORED_LESSON_ID } from '../scenario/authoredLesson';
import { serializeScenario } from '../scenario/file';
import { viewParams } from '../scenario/sharedView';
import { encodeShareFragment } from '../scenario/shareLink';
import { selectSharedView } from '../store/selectors';
import { useAppStore } from '../store/store';
import { downloadBlob, fileSlug } from './download';

/** Downloads the scenario file of what is on screen. */
export function downloadShownScenario(): void {
  const state = useAppStore.getState();
  const text = serializeScenario(state.scenario, state.customAssignor, selectSharedView(state));
  downloadBlob(
    new Blob([text], { type: 'application/json' }),
    `${fileSlug(state.scenario.name)}.json`,
  );
}

/**
 * A link to what is on screen: in a lesson, the lesson and the view (`#lesson=…&g=…`; the
 * lesson brings its scenario); otherwise the scenario file with its view, deflated (`#s=…`).
 */
export async function shownScenarioLink(): Promise<string> {
  const state = useAppStore.getState();
  const view = selectSharedView(state);
  const base = `${location.origin}${location.pathname}`;
  // A built-in lesson brings its own scenario; the scenario's own lesson travels in it.
  if (view.lesson !== undefined && view.lesson !== AUTHORED_LESSON_ID) {
    const params = new URLSearchParams([['lesson', view.lesson], ...viewParams(view)]);
    return `${base}#${params.toString()}`;
  }
  return `${base}#${await encodeShareFragment(state.scenario, state.customAssignor, view)}`;
}

/** Copies {@link shownScenarioLink} to the clipboard, or shows it when that is refused. */
export async function copyShownScenarioLink(): Promise<void> {
  const url = await shownScenarioLink();
  const store = useAppStore.getState();
  try {
    await navigator.clipboard.writeText(url);
    store.showNotice({ kind: 'info', text: 'A link to this view was copied to the clipboard.' });
  } catch {
    store.showNotice({ kind: 'info', text: `Share this link: ${url}` });
  }
  store.setShareUrl(url);
}
