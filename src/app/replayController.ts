import { isBuiltinRunName, isModeVariantName, MODE_VARIANT_NAMES } from '../scenario/builtinRuns';
import type { Protocol } from '../protocol';
import { isJavaRunName } from '../scenario/javaRuns';
import { SERVER_RUN_NAMES } from '../scenario/serverRuns';
import { createReplayClient, type ReplayClient } from '../worker/client';
import type { ReplayRunName } from '../worker/protocol';
import { selectComparedProtocol, selectProtocol } from '../store/selectors';
import { useAppStore } from '../store/store';

/**
 * Keeps the replay results in step with the scenario and the chosen assignors: every change
 * asks the worker again, and a newer request supersedes an older one.
 */
export function startReplayController(client: ReplayClient = createReplayClient()): () => void {
  const run = async () => {
    const state = useAppStore.getState();
    const { scenario, assignors } = state;
    const protocol = selectProtocol(state);
    const comparedProtocol = selectComparedProtocol(state);
    const protocols: Protocol[] = [];
    if (protocol !== undefined) protocols.push(protocol);
    if (comparedProtocol !== undefined) protocols.push(comparedProtocol);
    // The three built-ins are always computed: metrics and compare totals read them all.
    // A `sticky (…)` variant in the other mode only when it is being compared.
    const names = new Set<ReplayRunName>(['sticky', 'range', 'roundrobin']);
    for (const name of assignors)
      if (isBuiltinRunName(name) || isJavaRunName(name)) names.add(name);
    // The consumer protocol's assignment comes from the coordinator's server-side assignors.
    if (protocols.includes('consumer')) for (const name of SERVER_RUN_NAMES) names.add(name);
    useAppStore.getState().setReplayRunning();
    const outcome = await client.replay(
      scenario,
      [...names],
      (progress) => useAppStore.getState().setReplayProgress(progress),
      { protocols, ...(scenario.protocol?.timings ? { timings: scenario.protocol.timings } : {}) },
    );
    const store = useAppStore.getState();
    switch (outcome.status) {
      case 'done':
        store.setReplayResults(
          { ...withoutVariants(store.results), ...outcome.results },
          outcome.elapsedMs,
        );
        store.setProtocolRuns(outcome.protocolRuns);
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
    if (
      state.scenario !== previous.scenario ||
      state.comparedProtocol !== previous.comparedProtocol
    )
      void run();
    // Ticking a variant that was not computed for this scenario asks for it.
    else if (
      state.assignors !== previous.assignors &&
      state.assignors.some(
        (name) =>
          (isModeVariantName(name) ||
            isJavaRunName(name) ||
            SERVER_RUN_NAMES.some((s) => s === name)) &&
          !Object.hasOwn(state.results, name),
      )
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
