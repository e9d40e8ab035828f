/** The rebalance-protocol model: eager, cooperative (KIP-429), consumer (KIP-848), static membership (KIP-345). */
export * from './types';
export { simulateGeneration, resolveTimings } from './simulate';
export {
  simulateRestart,
  staticRestartRun,
  expulsionRun,
  type RestartInput,
  type RestartRun,
} from './staticMembership';
