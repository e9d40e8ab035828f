import { measure } from './metrics';
import type { GenerationInput, MemberEvent, Protocol, ProtocolRound, ProtocolRun } from './types';

/**
 * What every protocol's simulation ends with: its rounds and time-sorted events, the target as
 * the final assignment, and the metrics measured from them.
 */
export function completeRun(
  protocol: Protocol,
  input: GenerationInput,
  events: readonly MemberEvent[],
  rounds: readonly ProtocolRound[],
  groupEpoch: number,
): ProtocolRun {
  return {
    protocol,
    rounds,
    events,
    final: input.target,
    groupEpoch,
    metrics: measure(input.previous, input.members, input.target, events, rounds),
  };
}
