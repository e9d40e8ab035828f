import type { StateCreator } from 'zustand';
import type { Protocol, ProtocolRun } from '../protocol';
import { isJavaRunName, javaRunFits } from '../scenario/javaRuns';
import { isServerRunName } from '../scenario/serverRuns';
import type { Scenario, ScenarioProtocol } from '../scenario/types';
import { recordHistory } from './history';
import { selectLastReachable, selectProtocol } from './selectors';
import type { AppState, ProtocolSlice } from './types';

/**
 * The rebalance protocol the page plays generations under (kept in the scenario, so it is
 * undoable and travels with autosave, export and share links), an optional second protocol
 * shown beside it, and where playback is inside a generation when it steps by round.
 */
export const createProtocolSlice: StateCreator<AppState, [], [], ProtocolSlice> = (set, get) => ({
  comparedProtocol: undefined,
  stepRounds: false,
  roundAt: undefined,
  protocolRuns: {},
  setProtocol: (protocol) => {
    const { assignors, comparedProtocol, scenario } = get();
    if (protocol === selectProtocol(get())) return;
    const next = assignorsFor(protocol, assignors);
    // Recorded like a load: undo gives back the assignors the switch replaced too.
    recordHistory(
      get,
      set,
      'load',
      protocol === undefined ? 'Protocol off' : `Protocol: ${protocol}`,
      () =>
        set({
          scenario: withProtocol(scenario, protocol, next[0]),
          assignors: next,
          roundAt: undefined,
          comparedProtocol:
            protocol === undefined || comparedProtocol === protocol ? undefined : comparedProtocol,
        }),
    );
  },
  setProtocolTimings: (timings) => {
    const { scenario } = get();
    const current = scenario.protocol;
    if (current === undefined) return;
    const merged = { ...current.timings, ...timings };
    const changed = Object.keys(timings).some(
      (key) =>
        current.timings?.[key as keyof typeof timings] !== merged[key as keyof typeof timings],
    );
    if (!changed) return;
    recordHistory(get, set, 'edit', 'Protocol timings changed', () =>
      set({ scenario: { ...scenario, protocol: { ...current, timings: merged } } }),
    );
  },
  setComparedProtocol: (comparedProtocol) => {
    const protocol = selectProtocol(get());
    if (protocol === undefined) return;
    set({ comparedProtocol: comparedProtocol === protocol ? undefined : comparedProtocol });
  },
  setStepRounds: (stepRounds) => set({ stepRounds, roundAt: undefined }),
  setRound: (generation, round) => set({ generation, roundAt: { generation, round } }),
  setProtocolRuns: (protocolRuns) => set({ protocolRuns }),
  stepRound: (delta) => {
    const state = get();
    const rounds = (generation: number): number => roundsAt(state, generation);
    let generation = state.generation;
    // Positions in a generation: round 1 … R, then settled (round undefined).
    let round = state.roundAt?.generation === generation ? state.roundAt.round : undefined;
    const last = selectLastReachable(state);
    if (delta > 0) {
      const r = rounds(generation);
      if (round !== undefined && round < r) round++;
      else if (round !== undefined) round = undefined;
      else if (generation < last) {
        generation++;
        round = rounds(generation) > 0 ? 1 : undefined;
      } else return;
    } else if (delta < 0) {
      if (round !== undefined && round > 1) round--;
      else if (round !== undefined) {
        if (generation === 0) return;
        generation--;
        round = undefined;
      } else {
        const r = rounds(generation);
        if (r > 0) round = r;
        else if (generation > 0) generation--;
        else return;
      }
    }
    set({ generation, roundAt: { generation, round }, playing: false });
  },
});

/** Rounds of `generation` under the primary protocol for the primary assignor (0 when none). */
function roundsAt(state: AppState, generation: number): number {
  return selectPrimaryRun(state, generation)?.rounds.length ?? 0;
}

/**
 * Generation `generation` as the primary protocol plays it on the assignor it plays on
 * ({@link protocolAssignor}); undefined with no protocol or no run.
 */
export function selectPrimaryRun(
  state: Pick<AppState, 'scenario' | 'assignors' | 'protocolRuns'>,
  generation: number,
): ProtocolRun | undefined {
  const protocol = selectProtocol(state);
  if (protocol === undefined) return undefined;
  return state.protocolRuns[protocolAssignor(state.assignors, protocol)]?.[protocol]?.[
    generation - 1
  ];
}

/**
 * Whether `assignor` can be shown under `protocol`: the consumer protocol's assignment is
 * computed by the coordinator with a server-side assignor; the other two (and none) run a
 * client assignor in the group leader — Kafka's Java ones only under the protocol a Java group
 * runs them with.
 */
export function fitsProtocol(assignor: string, protocol: Protocol | undefined): boolean {
  if (isJavaRunName(assignor)) return javaRunFits(assignor, protocol);
  return isServerRunName(assignor) === (protocol === 'consumer');
}

/**
 * The assignors shown under `protocol`: the chosen ones that fit it, else its usual one
 * (uniform, the coordinator's default; sticky, aiokafka's stickiest).
 */
export function assignorsFor(protocol: Protocol | undefined, assignors: string[]): string[] {
  const fitting = assignors.filter((name) => fitsProtocol(name, protocol));
  if (fitting.length > 0) return fitting;
  return protocol === 'consumer' ? ['server-uniform'] : ['sticky'];
}

/**
 * `scenario` played under `protocol`, keeping its timings; under the consumer protocol it
 * names the server-side assignor the coordinator runs (the primary one shown).
 */
export function withProtocol(
  scenario: Scenario,
  protocol: Protocol | undefined,
  primary: string | undefined,
): Scenario {
  const { protocol: previous, ...rest } = scenario;
  if (protocol === undefined) return rest;
  const serverAssignor =
    protocol === 'consumer' && primary !== undefined && isServerRunName(primary)
      ? primary
      : undefined;
  const next: ScenarioProtocol = {
    name: protocol,
    ...(serverAssignor === undefined ? {} : { serverAssignor }),
    ...(previous?.timings === undefined ? {} : { timings: previous.timings }),
  };
  return { ...rest, protocol: next };
}

/**
 * Which assignor's replay a protocol is played on: the primary when it fits the protocol (a
 * server-side assignor for the consumer protocol, a client one for the others), else the usual
 * counterpart (uniform, the coordinator's default; sticky, aiokafka's stickiest).
 */
export function protocolAssignor(assignors: readonly string[], protocol: string): string {
  const primary = assignors[0] ?? 'sticky';
  if (protocol === 'consumer') return isServerRunName(primary) ? primary : 'server-uniform';
  return fitsProtocol(primary, protocol as Protocol) ? primary : 'sticky';
}
