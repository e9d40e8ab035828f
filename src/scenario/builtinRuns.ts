/**
 * Which built-in assignor, in which mode, a replay runs. `sticky` follows the scenario's
 * `assignorMode`; `sticky-faithful` and `sticky-fixed` pin a mode, so the page can show
 * aiokafka's behaviour and the corrected one side by side on the same scenario.
 */
import {
  BUILTIN_ASSIGNOR_NAMES,
  createBuiltinAssignor,
  DEFAULT_ASSIGNOR_MODE,
  type AssignorMode,
  type BuiltinAssignorName,
} from '../core/assignors';
import type { MemberAssignorFactory } from './replay';
import { isJavaRunName, javaRunLabel } from './javaRuns';
import { isServerRunName, serverRunLabel } from './serverRuns';
import type { Scenario } from './types';

const MODE_VARIANTS = {
  'sticky-faithful': { assignor: 'sticky', mode: 'faithful' },
  'sticky-fixed': { assignor: 'sticky', mode: 'fixed' },
} as const satisfies Record<string, { assignor: BuiltinAssignorName; mode: AssignorMode }>;

export type ModeVariantName = keyof typeof MODE_VARIANTS;
export type BuiltinRunName = BuiltinAssignorName | ModeVariantName;

export const MODE_VARIANT_NAMES = Object.keys(MODE_VARIANTS) as ModeVariantName[];
export const BUILTIN_RUN_NAMES: readonly BuiltinRunName[] = [
  ...BUILTIN_ASSIGNOR_NAMES,
  ...MODE_VARIANT_NAMES,
];

export function isModeVariantName(name: string): name is ModeVariantName {
  return Object.hasOwn(MODE_VARIANTS, name);
}

export function isBuiltinRunName(name: string): name is BuiltinRunName {
  return (BUILTIN_RUN_NAMES as readonly string[]).includes(name);
}

/** The scenario's mode; absent means faithful. */
export function scenarioMode(scenario: Pick<Scenario, 'assignorMode'>): AssignorMode {
  return scenario.assignorMode ?? DEFAULT_ASSIGNOR_MODE;
}

/** The assignor and mode that `name` runs on `scenario`. */
export function resolveBuiltinRun(
  name: BuiltinRunName,
  scenario: Pick<Scenario, 'assignorMode'>,
): { assignor: BuiltinAssignorName; mode: AssignorMode } {
  return isModeVariantName(name)
    ? MODE_VARIANTS[name]
    : { assignor: name, mode: scenarioMode(scenario) };
}

/** The sticky variant in the mode the scenario does not use: the one worth comparing with. */
export function otherModeVariant(mode: AssignorMode): ModeVariantName {
  return mode === 'faithful' ? 'sticky-fixed' : 'sticky-faithful';
}

/** How the page and the CLI name a run: `sticky (fixed)`. */
export function builtinRunLabel(name: string): string {
  if (isServerRunName(name)) return serverRunLabel(name);
  if (isJavaRunName(name)) return javaRunLabel(name);
  return isModeVariantName(name) ? `sticky (${MODE_VARIANTS[name].mode})` : name;
}

/** One member process per call, in the run's mode; `log` receives what the assignor reports. */
export function builtinRunFactory(
  name: BuiltinRunName,
  scenario: Pick<Scenario, 'assignorMode'>,
): MemberAssignorFactory {
  const { assignor, mode } = resolveBuiltinRun(name, scenario);
  return (_member, log) => createBuiltinAssignor(assignor, (_level, message) => log(message), mode);
}
