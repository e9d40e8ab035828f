import type { MemberEvent } from './types';

/** Events by time; `Array.prototype.sort` is stable, so same-time events keep their causal order. */
export function byTime(events: readonly MemberEvent[]): MemberEvent[] {
  return [...events].sort((a, b) => a.at - b.at);
}
