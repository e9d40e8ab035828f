// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

// React's act() checks this flag before it lets effects and updates run synchronously.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Broken(): never {
  throw new TypeError('partitions is not iterable');
}

function mount(children: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => createRoot(container).render(children));
  return container;
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('keeps a failing panel to itself: the panel says what failed, its neighbours still render', () => {
    // React reports the caught error on the console; the boundary's own warning goes there too.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const page = mount(
      <>
        <ErrorBoundary name="the metrics">
          <Broken />
        </ErrorBoundary>
        <ErrorBoundary name="the timeline">
          <p>Generation 2 of 4</p>
        </ErrorBoundary>
      </>,
    );
    const alert = page.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(
      'Could not show the metrics: TypeError: partitions is not iterable.',
    );
    expect(alert?.textContent).toContain('The rest of the page still works.');
    expect(page.textContent).toContain('Generation 2 of 4');
  });

  it('renders the panel afresh on "Try again" once the cause is gone', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let broken = true;
    function Flaky() {
      if (broken) throw new Error('bad result');
      return <p>metrics table</p>;
    }
    const page = mount(
      <ErrorBoundary name="the metrics">
        <Flaky />
      </ErrorBoundary>,
    );
    expect(page.textContent).toContain('Could not show the metrics');
    broken = false;
    act(() => page.querySelector('button')?.click());
    expect(page.textContent).toContain('metrics table');
    expect(page.querySelector('[role="alert"]')).toBeNull();
  });

  it('cuts an enormous error message instead of rendering all of it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    function Huge(): never {
      throw new Error('x'.repeat(1_000_000));
    }
    const page = mount(
      <ErrorBoundary name="the lesson">
        <Huge />
      </ErrorBoundary>,
    );
    expect(page.textContent?.length ?? 0).toBeLessThan(1_000);
  });
});
