import {
  isBuiltinRunName,
  isModeVariantName,
  MODE_VARIANT_NAMES,
  type BuiltinRunName,
} from '../scenario/builtinRuns';
import { createReplayClient, type ReplayClient } from '../worker/client';
import { useAppStore } from '../store/store';

/**
 * Keeps the replay results in step with the scenario and the chosen assignors: every change
 * asks the worker again, and a newer request supersedes an older one.
 */
export function startReplayController(client: ReplayClient = createReplayClient()): () => void {
  const run = async () => {
    const { scenario, assignors } = useAppStore.getState();
    // The three built-ins are always computed: metrics and compare totals read them all.
    // A `sticky (…)` variant in the other mode only when it is being compared.
    const names = new Set<BuiltinRunName>(['sticky', 'range', 'roundrobin']);
    for (const name of assignors) if (isBuiltinRunName(name)) names.add(name);
    useAppStore.getState().setReplayRunning();
    const outcome = await client.replay(scenario, [...names], (progress) =>
      useAppStore.getState().setReplayProgress(progress),
    );
    const store = useAppStore.getState();
    switch (outcome.status) {
      case 'done':
        store.setReplayResults(
          { ...withoutVariants(store.results), ...outcome.results },
          outcome.elapsedMs,
        );
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
    // Ticking a variant that was not computed for this scenario asks for it.
    else if (
      state.assignors !== previous.assignors &&
      state.assignors.some((name) => isModeVariantName(name) && !Object.hasOwn(state.results, name))
    )
      void run();
  });
  return () => {
    unsubscribe();
    client.dispose();
  };
}

/** Results without the mode variants: those of an older scenario must not linger. */
function withoutVariants<T>(results: Record<string, T>): Record<string, T> {
  const kept = { ...results };
  for (const name of MODE_VARIANT_NAMES) delete kept[name];
  return kept;
}
