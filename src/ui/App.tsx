import { Controls } from './Controls';
import { GroupPanels } from './GroupPanels';
import { Inspector } from './Inspector';
import { LessonPanel } from './LessonPanel';
import { MetricsPanel } from './MetricsPanel';
import { NoticeBar } from './NoticeBar';
import { CustomReviewNotice } from './CustomReviewNotice';
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
  const [customOpen, setCustomOpen] = useState(false);
  return (
    <div className="app">
      <TopBar onOpenCustomAssignor={() => setCustomOpen(true)} />
      <NoticeBar />
      <aside className="side" aria-label="Edit the group">
        <Controls />
      </aside>
      <main className="main">
        <CustomReviewNotice onReview={() => setCustomOpen(true)} />
        {lessonId !== undefined ? <LessonPanel /> : null}
        <Timeline />
        <GroupPanels />
        <MetricsPanel />
      </main>
      <Inspector />
      {customOpen ? (
        <Suspense fallback={null}>
          <CustomAssignorPanel onClose={() => setCustomOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
