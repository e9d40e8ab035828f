import { useEffect } from 'react';
import { useAppStore } from '../store/store';
import { isTypingTarget } from './useHistoryKeys';

/** `p` (no modifier, not while typing) turns presentation mode on and off. */
export function usePresentationKey(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'p' && event.key !== 'P') return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target)) return;
      const state = useAppStore.getState();
      state.setPresenting(!state.presenting);
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
