import { isBuiltinAssignorName, type BuiltinAssignorName } from '../core/assignors';
import { createReplayClient, type ReplayClient } from '../worker/client';
import { useAppStore } from './store';

/**
 * Keeps the replay results in step with the scenario and the chosen assignors: every change
 * asks the worker again, and a newer request supersedes an older one.
 */
export function startReplayController(client: ReplayClient = createReplayClient()): () => void {
  const run = async () => {
    const { scenario, assignors } = useAppStore.getState();
    // The three built-ins are always computed: metrics and compare totals read them all.
    const names = new Set<BuiltinAssignorName>(['sticky', 'range', 'roundrobin']);
    for (const name of assignors) if (isBuiltinAssignorName(name)) names.add(name);
    useAppStore.getState().setReplayRunning();
    const outcome = await client.replay(scenario, [...names], (progress) =>
      useAppStore.getState().setReplayProgress(progress),
    );
    const store = useAppStore.getState();
    switch (outcome.status) {
      case 'done':
        store.setReplayResults({ ...store.results, ...outcome.results }, outcome.elapsedMs);
        break;
      case 'error':
      case 'crashed':
        store.setReplayError(outcome.message);
        break;
      case 'cancelled':
      case 'superseded':
        break;
    }
  };
  void run();
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.scenario !== previous.scenario) void run();
  });
  return () => {
    unsubscribe();
    client.dispose();
  };
}
