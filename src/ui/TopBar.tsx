import { useRef, useState } from 'react';
import { ScenarioFileError } from '../scenario/file';
import { randomScenario } from '../scenario/random';
import { useAppStore } from '../store/store';
import { HistoryButtons } from './HistoryButtons';
import { parseScenarioFileOffThread } from '../worker/parseClient';
import { LessonMenu } from './LessonPanel';
import { useHistoryKeys } from './useHistoryKeys';
import { copyShownScenarioLink, downloadShownScenario } from './scenarioExport';
import { useShallow } from 'zustand/react/shallow';

/** Title, lessons, scenario files and links, and the page-wide switches. */
export function TopBar({ onOpenCustomAssignor }: { onOpenCustomAssignor?: () => void }) {
  useHistoryKeys();
  const { scenario, loadScenario, showView, showNotice, leaveLesson } = useAppStore(
    useShallow((s) => ({
      scenario: s.scenario,
      loadScenario: s.loadScenario,
      showView: s.showView,
      showNotice: s.showNotice,
      leaveLesson: s.leaveLesson,
    })),
  );
  const fileInput = useRef<HTMLInputElement>(null);
  const [seed, setSeed] = useState(1);

  const importFile = async (file: File) => {
    try {
      // Parsed in a worker: a big or hostile file never blocks the page.
      const loaded = await parseScenarioFileOffThread(await file.text());
      leaveLesson();
      // A file without custom code clears the previous assignor (loadScenario takes exactly
      // what the file carries; Undo brings the previous one back).
      loadScenario(loaded.scenario, loaded.customAssignor);
      // What its author was looking at, when the file says.
      if (loaded.view !== undefined) showView(loaded.view);
      showNotice({
        kind: 'info',
        text: `Imported “${loaded.scenario.name}” from ${file.name}.`,
        undoable: true,
      });
    } catch (error) {
      const reason = error instanceof ScenarioFileError ? error.message : String(error);
      showNotice({
        kind: 'error',
        text: `${file.name} was not imported: ${reason}. Your scenario is unchanged.`,
      });
    }
  };

  const exportFile = downloadShownScenario;

  const share = copyShownScenarioLink;

  return (
    <header className="top-bar">
      <h1>Rebalance Playground</h1>
      <span className="scenario-name" title={scenario.description}>
        {scenario.name}
      </span>
      <span className="spacer" />
      <HistoryButtons />
      <LessonMenu />
      <span className="row">
        <button
          type="button"
          onClick={() => {
            leaveLesson();
            // A new random group to try the same custom assignor on: keep it.
            loadScenario(randomScenario(seed), useAppStore.getState().customAssignor);
            showNotice({
              kind: 'info',
              text: `Loaded a random scenario (seed ${seed}).`,
              undoable: true,
            });
            setSeed(seed + 1);
          }}
        >
          Random
        </button>
        <label className="row muted">
          <input
            type="number"
            aria-label="Random seed"
            value={seed}
            min={0}
            title="Seed of the next random scenario"
            style={{ width: 56 }}
            onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </label>
      </span>
      <button type="button" onClick={onOpenCustomAssignor}>
        Custom assignor
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Import…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        aria-label="Import scenario file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
          e.target.value = '';
        }}
      />
      <button type="button" onClick={exportFile}>
        Export
      </button>
      <button type="button" onClick={() => void share()}>
        Share link
      </button>
    </header>
  );
}
