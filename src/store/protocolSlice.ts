import type { StateCreator } from 'zustand';
import { isServerRunName } from '../scenario/serverRuns';
import { selectLastReachable } from './selectors';
import type { AppState, ProtocolSlice } from './types';

/**
 * The rebalance protocol the page plays generations under, an optional second protocol shown
 * beside it, and where playback is inside a generation when it steps by round.
 * (Held in the store until the scenario file format carries the protocol.)
 */
export const createProtocolSlice: StateCreator<AppState, [], [], ProtocolSlice> = (set, get) => ({
  protocol: undefined,
  comparedProtocol: undefined,
  stepRounds: false,
  roundAt: undefined,
  protocolRuns: {},
  setProtocol: (protocol) => {
    const { assignors, comparedProtocol } = get();
    const primary = assignors[0] ?? 'sticky';
    // The consumer protocol's assignment is computed by the coordinator, with a server-side
    // assignor; the other two run a client assignor in the group leader.
    const server = protocol === 'consumer';
    const next =
      server === isServerRunName(primary) ? assignors : server ? ['server-uniform'] : ['sticky'];
    set({
      protocol,
      assignors: next,
      roundAt: undefined,
      comparedProtocol:
        protocol === undefined || comparedProtocol === protocol ? undefined : comparedProtocol,
    });
  },
  setComparedProtocol: (comparedProtocol) => {
    const { protocol } = get();
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
  if (state.protocol === undefined) return 0;
  const run =
    state.protocolRuns[protocolAssignor(state.assignors, state.protocol)]?.[state.protocol]?.[
      generation - 1
    ];
  return run?.rounds.length ?? 0;
}

/**
 * Which assignor's replay a protocol is played on: the primary when it fits the protocol (a
 * server-side assignor for the consumer protocol, a client one for the others), else the usual
 * counterpart (uniform, the coordinator's default; sticky, aiokafka's stickiest).
 */
export function protocolAssignor(assignors: readonly string[], protocol: string): string {
  const primary = assignors[0] ?? 'sticky';
  if (protocol === 'consumer') return isServerRunName(primary) ? primary : 'server-uniform';
  return isServerRunName(primary) ? 'sticky' : primary;
}
