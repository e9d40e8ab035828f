import { Controls } from './Controls';
import { GroupPanels } from './GroupPanels';
import { Inspector } from './Inspector';
import { LessonPanel } from './LessonPanel';
import { MetricsPanel } from './MetricsPanel';
import { NoticeBar } from './NoticeBar';
import { PartitionInspector } from './PartitionInspector';
import { Timeline, usePlaybackKeys } from './Timeline';
import { TopBar } from './TopBar';
import { useAppStore } from '../store/store';
import { lazy, Suspense, useState } from 'react';
import './app.css';

// CodeMirror and the examples load only when the panel first opens.
const CustomAssignorPanel = lazy(() => import('./CustomAssignorPanel'));

export function App() {
  usePlaybackKeys();
  const lessonId = useAppStore((s) => s.lessonId);
  const inspecting = useAppStore((s) => s.inspectedMember !== undefined);
  const [customOpen, setCustomOpen] = useState(false);
  // Open drawers get a column of their own, so the lanes shrink beside them instead of
  // being covered: a run's results and an inspected member stay next to the lanes.
  const docked = customOpen || inspecting;
  return (
    <div className={`app ${docked ? 'with-drawers' : ''} ${customOpen ? 'with-editor' : ''}`}>
      <TopBar onOpenCustomAssignor={() => setCustomOpen(true)} />
      <NoticeBar />
      <aside className="side" aria-label="Edit the group">
        <Controls />
      </aside>
      <main className="main">
        {lessonId !== undefined ? <LessonPanel /> : null}
        <Timeline />
        <GroupPanels />
        <PartitionInspector />
        <MetricsPanel />
      </main>
      {docked ? (
        <div className="drawers">
          {customOpen ? (
            <Suspense fallback={null}>
              <CustomAssignorPanel onClose={() => setCustomOpen(false)} />
            </Suspense>
          ) : null}
          <Inspector />
        </div>
      ) : null}
    </div>
  );
}
