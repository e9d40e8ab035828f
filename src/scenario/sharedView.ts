/**
 * What a viewer sees besides the scenario: the generation on screen, the assignors compared,
 * the protocol shown beside the scenario's own, the lesson and presentation mode. Scenario
 * files carry it as an optional `"view"` object (older playgrounds ignore it), and so do share
 * links, which carry the file; a built-in lesson's link, which carries no scenario, has it as
 * fragment parameters (`#lesson=…&g=3&a=sticky,range&vs=cooperative&present=1`). Whoever
 * opens either sees what the sender saw.
 */
import { z } from 'zod';
import { PROTOCOLS, type Protocol } from '../protocol/types';
import { BUILTIN_RUN_NAMES } from './builtinRuns';
import { JAVA_RUN_NAMES } from './javaRuns';
import { SERVER_RUN_NAMES } from './serverRuns';
import { quotedValue, unknownFieldError } from './zodIssues';

export interface SharedView {
  /** 0 is the group before its first rebalance. */
  generation?: number;
  /** Primary first; at most three. */
  assignors?: string[];
  comparedProtocol?: Protocol;
  /** A built-in lesson's id, or `AUTHORED_LESSON_ID` for the scenario's own lesson. */
  lesson?: string;
  presentation?: boolean;
}

/** How many assignors can be compared side by side: every rule about it reads this. */
export const MAX_COMPARED_ASSIGNORS = 3;

/** Names a view may show: the built-in, server-side and Java runs, and a custom assignor. */
export const VIEWABLE_ASSIGNORS: readonly string[] = [
  ...BUILTIN_RUN_NAMES,
  ...SERVER_RUN_NAMES,
  ...JAVA_RUN_NAMES,
  'custom',
];

export const sharedViewSchema = z.strictObject(
  {
    generation: z.number().int().min(0).max(100_000).optional(),
    assignors: z
      .array(
        z.enum(VIEWABLE_ASSIGNORS as [string, ...string[]], {
          error: (issue) =>
            `unknown assignor ${quotedValue(issue.input)}: expected one of ${VIEWABLE_ASSIGNORS.join(', ')}`,
        }),
      )
      .min(1)
      .max(MAX_COMPARED_ASSIGNORS, `at most ${MAX_COMPARED_ASSIGNORS} assignors are compared`)
      .optional(),
    comparedProtocol: z.enum(PROTOCOLS).optional(),
    lesson: z.string().min(1).max(100).optional(),
    presentation: z.boolean().optional(),
  },
  {
    error: unknownFieldError(
      'a view has generation, assignors, comparedProtocol, lesson, presentation',
    ),
  },
);

/** The view as fragment parameters (only what differs from a plain open). */
export function viewParams(view: SharedView): [string, string][] {
  const params: [string, string][] = [];
  if (view.generation !== undefined) params.push(['g', String(view.generation)]);
  if (view.assignors !== undefined && view.assignors.length > 0)
    params.push(['a', view.assignors.join(',')]);
  if (view.comparedProtocol !== undefined) params.push(['vs', view.comparedProtocol]);
  if (view.presentation === true) params.push(['present', '1']);
  return params;
}

/**
 * The view fragment parameters describe, and what in them could not be used (a damaged or
 * hand-edited link): the usable parts still apply, each problem is named.
 */
export function viewFromParams(params: URLSearchParams): {
  view: SharedView;
  problems: string[];
} {
  const view: SharedView = {};
  const problems: string[] = [];
  const g = params.get('g');
  if (g !== null) {
    const parsed = sharedViewSchema.shape.generation.safeParse(Number(g));
    if (g.trim() !== '' && parsed.success && parsed.data !== undefined)
      view.generation = parsed.data;
    else problems.push(`generation ${JSON.stringify(g.slice(0, 20))} is not a generation number`);
  }
  const a = params.get('a');
  if (a !== null) {
    const names = [...new Set(a.split(',').filter((name) => name !== ''))];
    const known = names
      .filter((name) => VIEWABLE_ASSIGNORS.includes(name))
      .slice(0, MAX_COMPARED_ASSIGNORS);
    const unknown = names.filter((name) => !VIEWABLE_ASSIGNORS.includes(name));
    if (unknown.length > 0)
      problems.push(
        `unknown assignor ${unknown.map((n) => JSON.stringify(n.slice(0, 40))).join(', ')}`,
      );
    if (known.length > 0) view.assignors = known;
  }
  const vs = params.get('vs');
  if (vs !== null) {
    if ((PROTOCOLS as readonly string[]).includes(vs)) view.comparedProtocol = vs as Protocol;
    else problems.push(`unknown protocol ${JSON.stringify(vs.slice(0, 20))}`);
  }
  const present = params.get('present');
  if (present !== null) view.presentation = present !== '0' && present !== 'false';
  return { view, problems };
}
