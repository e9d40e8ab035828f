import { simulateConsumer } from './consumer';
import { simulateCooperative } from './cooperative';
import { simulateEager } from './eager';
import {
  DEFAULT_TIMINGS,
  type GenerationInput,
  type Protocol,
  type ProtocolRun,
  type ProtocolTimings,
} from './types';

/** One rebalance under `protocol`, with any timing not given taken from {@link DEFAULT_TIMINGS}. */
export function simulateGeneration(
  protocol: Protocol,
  input: GenerationInput,
  timings: Partial<ProtocolTimings> = {},
): ProtocolRun {
  const t = resolveTimings(timings);
  switch (protocol) {
    case 'eager':
      return simulateEager(input, t);
    case 'cooperative':
      return simulateCooperative(input, t);
    case 'consumer':
      return simulateConsumer(input, t);
  }
}

export function resolveTimings(timings: Partial<ProtocolTimings>): ProtocolTimings {
  const t = { ...DEFAULT_TIMINGS, ...timings };
  for (const [name, value] of Object.entries(t)) {
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`timing ${name} must be a number ≥ 0, got ${value}`);
  }
  if (t.heartbeatIntervalMs <= 0) throw new Error('timing heartbeatIntervalMs must be > 0');
  return t;
}
