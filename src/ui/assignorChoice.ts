import { BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';

/** Assignors the page can show, in menu order. */
export const SHOWN_ASSIGNORS: readonly string[] = [...BUILTIN_ASSIGNOR_NAMES, 'custom'];

/** Turns `name` on or off in the compared set, keeping at least one and at most three. */
export function toggleAssignor(current: readonly string[], name: string, on: boolean): string[] {
  if (on) {
    if (current.includes(name)) return [...current];
    // The first one is the primary (metrics, inspector, diff): make room after it.
    const [primary, ...others] = current;
    return primary === undefined ? [name] : [primary, ...others.slice(-1), name].slice(0, 3);
  }
  const rest = current.filter((n) => n !== name);
  return rest.length > 0 ? rest : [...current];
}
