/**
 * When members hear from the coordinator. The trigger is at time 0; member `i` of `n` has its
 * heartbeats at `interval * (i + 1) / n + k * interval`, so the group's heartbeats are spread
 * evenly and the last member hears a full interval later — deterministic, and the spread a real
 * group shows.
 */
export function heartbeatPhase(index: number, count: number, intervalMs: number): number {
  return (intervalMs * (index + 1)) / Math.max(count, 1);
}

/** The member's first heartbeat at or after `at`. */
export function nextHeartbeat(at: number, phase: number, intervalMs: number): number {
  if (at <= phase) return phase;
  return phase + Math.ceil((at - phase) / intervalMs) * intervalMs;
}

/** The member's first heartbeat strictly after `at`. */
export function nextHeartbeatAfter(at: number, phase: number, intervalMs: number): number {
  if (at < phase) return phase;
  return phase + (Math.floor((at - phase) / intervalMs) + 1) * intervalMs;
}
