import { Controls } from './Controls';
import { GroupPanels } from './GroupPanels';
import { Inspector } from './Inspector';
import { LessonPanel } from './LessonPanel';
import { MetricsPanel } from './MetricsPanel';
import { NoticeBar } from './NoticeBar';
import { Timeline, usePlaybackKeys } from './Timeline';
import { TopBar } from './TopBar';
import { useAppStore } from '../store/store';
import './app.css';

export function App() {
  usePlaybackKeys();
  const lessonId = useAppStore((s) => s.lessonId);
  return (
    <div className="app">
      <TopBar />
      <NoticeBar />
      <aside className="side" aria-label="Edit the group">
        <Controls />
      </aside>
      <main className="main">
        {lessonId !== undefined ? <LessonPanel /> : null}
        <Timeline />
        <GroupPanels />
        <MetricsPanel />
      </main>
      <Inspector />
    </div>
  );
}
