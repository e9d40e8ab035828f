import { BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';

/** Assignors the page can show, in menu order. */
export const SHOWN_ASSIGNORS: readonly string[] = [...BUILTIN_ASSIGNOR_NAMES, 'custom'];

/** Turns `name` on or off in the compared set, keeping at least one and at most three. */
export function toggleAssignor(current: readonly string[], name: string, on: boolean): string[] {
  if (on) return current.includes(name) ? [...current] : [...current, name].slice(-3);
  const rest = current.filter((n) => n !== name);
  return rest.length > 0 ? rest : [...current];
}
