import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openFragment, restoreSession, startAutosave } from './persistence';
import { startReplayController } from './replayController';
import { startCustomReplayController } from './customController';
import { App } from '../ui/App';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element in index.html');

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();

const tabStorage = (() => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
})();

// Restore first, so the first replay already computes the user's own scenario.
void restoreSession(window.location, storage, tabStorage).then(() => {
  startAutosave(storage);
  window.addEventListener('hashchange', () => void openFragment(window.location));
  startReplayController();
  startCustomReplayController();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
