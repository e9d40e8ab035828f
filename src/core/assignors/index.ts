import type { Assignor } from '../types';
import { RangeAssignor } from './range';
import { RoundRobinAssignor } from './roundrobin';
import { DEFAULT_ASSIGNOR_MODE, type AssignorMode } from './mode';
import type { AssignorLog } from './shared';
import { StickyAssignor } from './sticky/stickyAssignor';

export { RangeAssignor } from './range';
export { RoundRobinAssignor } from './roundrobin';
export { ASSIGNOR_MODES, DEFAULT_ASSIGNOR_MODE, type AssignorMode } from './mode';
export { NON_TERMINATION_MESSAGE, StickyNonTerminationError } from './sticky/cycleCheck';
export { AIOKAFKA_KEY_ERROR_MESSAGE } from './sticky/executor';
export { StickyAssignor, DEFAULT_GENERATION, type StickyRunDetails } from './sticky/stickyAssignor';
export {
  ASSIGNOR_VERSION,
  EMPTY_BYTES,
  memberAssignment,
  plainMetadata,
  type AssignorLog,
} from './shared';

export const BUILTIN_ASSIGNOR_NAMES = ['range', 'roundrobin', 'sticky'] as const;
export type BuiltinAssignorName = (typeof BUILTIN_ASSIGNOR_NAMES)[number];

export function isBuiltinAssignorName(name: string): name is BuiltinAssignorName {
  return (BUILTIN_ASSIGNOR_NAMES as readonly string[]).includes(name);
}

/**
 * A fresh instance of a built-in assignor: one per member, since sticky keeps member state.
 * `mode` chooses whether sticky reproduces aiokafka's defects or corrects them.
 */
export function createBuiltinAssignor(
  name: BuiltinAssignorName,
  log?: AssignorLog,
  mode: AssignorMode = DEFAULT_ASSIGNOR_MODE,
): Assignor {
  switch (name) {
    case 'range':
      return new RangeAssignor(log);
    case 'roundrobin':
      return new RoundRobinAssignor(log);
    case 'sticky':
      return new StickyAssignor(log, { mode });
  }
}
