/**
 * How the built-in assignors treat aiokafka 0.14's known defects:
 * - `faithful` reproduces aiokafka byte for byte, defects included (what conformance checks);
 *   where aiokafka would loop forever it stops and reports that instead.
 * - `fixed` corrects the two sticky defects in the smallest way: a partition goes back to its
 *   previous owner only when that member still subscribes to its topic (and can take part), and
 *   a reassignment that starts repeating itself ends where the repetition was seen.
 * Range and roundrobin have no known defects and behave the same in both modes.
 */
export const ASSIGNOR_MODES = ['faithful', 'fixed'] as const;
export type AssignorMode = (typeof ASSIGNOR_MODES)[number];
export const DEFAULT_ASSIGNOR_MODE: AssignorMode = 'faithful';
