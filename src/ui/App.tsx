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
import { usePresentationKey } from './usePresentationKey';
import { TopBar } from './TopBar';
import { copyShownScenarioLink } from './scenarioExport';
import { useAppStore } from '../store/store';
import { lazy, Suspense, useState, type MouseEvent } from 'react';
import './app.css';
import { useShallow } from 'zustand/react/shallow';

// CodeMirror and the examples load only when the panel first opens.
const CustomAssignorPanel = lazy(() => import('./CustomAssignorPanel'));

export function App() {
  usePlaybackKeys();
  usePresentationKey();
  const { lessonId, inspecting } = useAppStore(
    useShallow((s) => ({
      lessonId: s.lessonId,
      inspecting: s.inspectedMember !== undefined,
    })),
  );
  const [customOpen, setCustomOpen] = useState(false);
  const { sideCollapsed, setSideCollapsed, presenting, setPresenting } = useAppStore(
    useShallow((s) => ({
      sideCollapsed: s.sideBarCollapsed,
      setSideCollapsed: s.setSideBarCollapsed,
      presenting: s.presenting,
      setPresenting: s.setPresenting,
    })),
  );
  // Open drawers get a column of their own, so the lanes shrink beside them instead of
  // being covered: a run's results and an inspected member stay next to the lanes.
  const docked = customOpen || inspecting;
  return (
    <div
      className={`app ${docked ? 'with-drawers' : ''} ${customOpen ? 'with-editor' : ''} ${sideCollapsed ? 'side-collapsed' : ''} ${presenting ? 'presenting' : ''}`}
    >
      {presenting ? (
        <div className="presentation-bar">
          {/* The link opens in presentation mode too, on this generation. */}
          <button type="button" onClick={() => void copyShownScenarioLink()}>
            Copy link
          </button>
          <button type="button" onClick={() => setPresenting(false)}>
            Exit presentation <kbd aria-hidden="true">P</kbd>
          </button>
        </div>
      ) : null}
      {/* First in the tab order, shown only when focused: past the editor to what matters. */}
      <nav className="skip-links" aria-label="Skip links">
        <a href="#lanes-region" onClick={skipToLanes}>
          Skip to lanes
        </a>
        <a href="#timeline-region">Skip to timeline</a>
        <a href="#side-bar">Skip to group editor</a>
      </nav>
      <TopBar onOpenCustomAssignor={() => setCustomOpen(true)} />
      <NoticeBar />
      <aside className="side" id="side-bar" tabIndex={-1} aria-label="Edit the group">
        <button
          type="button"
          className="small side-toggle"
          aria-expanded={!sideCollapsed}
          aria-controls="side-bar-content"
          title={sideCollapsed ? 'Show the group editor' : 'Hide the group editor'}
          onClick={() => setSideCollapsed(!sideCollapsed)}
        >
          <span aria-hidden="true">{sideCollapsed ? '»' : '«'}</span> Group editor
        </button>
        <div id="side-bar-content" hidden={sideCollapsed}>
          <ErrorBoundary name="the group editor">
            <Controls />
          </ErrorBoundary>
        </div>
      </aside>
      <main className="main">
        <CustomReviewNotice onReview={() => setCustomOpen(true)} />
        {lessonId !== undefined ? (
          <ErrorBoundary name="the lesson">
            <LessonPanel />
          </ErrorBoundary>
        ) : null}
        <div id="timeline-region" className="skip-target" tabIndex={-1}>
          <ErrorBoundary name="the timeline">
            <Timeline />
          </ErrorBoundary>
        </div>
        <div id="lanes-region" className="skip-target" tabIndex={-1}>
          <ErrorBoundary name="the assignment panels">
            <GroupPanels />
          </ErrorBoundary>
        </div>
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

/**
 * "Skip to lanes" lands on the first lane picture's own tab stop, where the arrow keys walk
 * the lanes and partitions: a lane is two keys from the top of the page (Tab, Enter) whatever
 * the group's size. Without a picture yet, on the lanes' region, as the link's target says.
 */
function skipToLanes(event: MouseEvent<HTMLAnchorElement>): void {
  const stop = document.querySelector<HTMLElement>('#lanes-region .lanes-focus');
  if (stop === null) return;
  event.preventDefault();
  stop.focus();
}
