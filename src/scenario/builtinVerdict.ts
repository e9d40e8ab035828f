/**
 * What the page says about a built-in assignor's generation when aiokafka itself gets it
 * wrong: it never returns, or its assignment breaks the rules. The words attribute the fault
 * to aiokafka 0.14, since the port reproduces it on purpose (faithful mode).
 */
import { AIOKAFKA_KEY_ERROR_MESSAGE, NON_TERMINATION_MESSAGE } from '../core/assignors';
import { describeProblem } from '../core/metrics';
import type { GenerationResult } from './replay';

export interface BuiltinVerdict {
  kind: 'non-termination' | 'crash' | 'invalid';
  /** One sentence for the user. */
  summary: string;
  /** The violations, one line each (empty for non-termination). */
  details: string[];
}

/** The verdict for one generation, or undefined when the result is fine. */
export function builtinVerdict(
  result: Pick<GenerationResult, 'error' | 'problems'>,
): BuiltinVerdict | undefined {
  if (result.error?.includes(NON_TERMINATION_MESSAGE) === true) {
    return { kind: 'non-termination', summary: `${NON_TERMINATION_MESSAGE}.`, details: [] };
  }
  if (result.error?.includes(AIOKAFKA_KEY_ERROR_MESSAGE) === true) {
    return {
      kind: 'crash',
      summary:
        'aiokafka 0.14’s sticky assignor raises KeyError on this input (it moves a partition back to a member it had set aside), so the group gets no assignment — a known defect of the original.',
      details: [result.error],
    };
  }
  if (result.problems.length === 0) return undefined;
  const notSubscribed = new Map<string, Set<string>>();
  for (const problem of result.problems) {
    if (problem.kind !== 'not-subscribed') continue;
    const topics = notSubscribed.get(problem.member) ?? new Set<string>();
    topics.add(problem.topic);
    notSubscribed.set(problem.member, topics);
  }
  const members = [...notSubscribed.keys()];
  const others =
    result.problems.length - result.problems.filter((p) => p.kind === 'not-subscribed').length;
  const parts: string[] = [];
  if (members.length > 0) {
    const they = members.length === 1 ? 'it no longer subscribes' : 'they no longer subscribe';
    parts.push(`aiokafka 0.14 gives ${listOf(members)} partitions of topics ${they} to`);
  }
  if (others > 0) {
    parts.push(
      `${members.length > 0 ? 'and its' : "aiokafka 0.14's"} assignment breaks the rules ${others === 1 ? 'once more' : `${others} more times`}`,
    );
  }
  return {
    kind: 'invalid',
    summary: `${parts.join(', ')} — a known defect of the original.`,
    details: result.problems.map(describeProblem),
  };
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
