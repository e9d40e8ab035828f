import { BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import { MAX_COMPARED_ASSIGNORS } from '../store/viewSlice';

/** Assignors the page can show, in menu order. */
export const SHOWN_ASSIGNORS: readonly string[] = [...BUILTIN_ASSIGNOR_NAMES, 'custom'];

/**
 * Turns `name` on or off in the compared set, keeping at least one and at most
 * MAX_COMPARED_ASSIGNORS. At the limit, turning one more on changes nothing: the page says
 * so and disables the boxes, rather than dropping an assignor behind the user's back.
 * The primary (first) stays first; when it is turned off, the next one becomes primary.
 */
export function toggleAssignor(current: readonly string[], name: string, on: boolean): string[] {
  if (on) {
    if (current.includes(name) || current.length >= MAX_COMPARED_ASSIGNORS) return [...current];
    return [...current, name];
  }
  const rest = current.filter((n) => n !== name);
  return rest.length > 0 ? rest : [...current];
}
