import { Controls } from './Controls';
import { GroupPanels } from './GroupPanels';
import { Inspector } from './Inspector';
import { LessonPanel } from './LessonPanel';
import { MetricsPanel } from './MetricsPanel';
import { NoticeBar } from './NoticeBar';
import { PartitionInspector } from './PartitionInspector';
import { ProtocolView } from './ProtocolView';
import { CustomReviewNotice } from './CustomReviewNotice';
import { ErrorBoundary } from './ErrorBoundary';
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
        <ErrorBoundary name="the group editor">
          <Controls />
        </ErrorBoundary>
      </aside>
      <main className="main">
        <CustomReviewNotice onReview={() => setCustomOpen(true)} />
        {lessonId !== undefined ? (
          <ErrorBoundary name="the lesson">
            <LessonPanel />
          </ErrorBoundary>
        ) : null}
        <ErrorBoundary name="the timeline">
          <Timeline />
        </ErrorBoundary>
        <ErrorBoundary name="the assignment panels">
          <GroupPanels />
        </ErrorBoundary>
        <ErrorBoundary name="the protocol view">
          <ProtocolView />
        </ErrorBoundary>
        <ErrorBoundary name="the partition inspector">
          <PartitionInspector />
        </ErrorBoundary>
        <ErrorBoundary name="the metrics">
          <MetricsPanel />
        </ErrorBoundary>
      </main>
      {docked ? (
        <div className="drawers">
          {customOpen ? (
            <ErrorBoundary name="the custom assignor panel">
              <Suspense fallback={null}>
                <CustomAssignorPanel onClose={() => setCustomOpen(false)} />
              </Suspense>
            </ErrorBoundary>
          ) : null}
          <ErrorBoundary name="the member inspector">
            <Inspector />
          </ErrorBoundary>
        </div>
      ) : null}
    </div>
  );
}
