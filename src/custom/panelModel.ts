/**
 * What the custom assignor panel shows, as plain functions of the store's data, so the words
 * are tested without a browser.
 */
import { describeProblem } from '../core/metrics';
import type { GenerationResult } from '../scenario/replay';
import type { CustomLoadError } from './protocol';

/** One generation that went wrong, in words. */
export interface GenerationVerdict {
  generation: number;
  /** "timed out after 2000 ms: …", or "2 rule violations". */
  summary: string;
  /** The violations, one line each (empty for a failed rebalance). */
  details: string[];
}

/** The generations that failed or broke the rules, in order; healthy ones are left out. */
export function generationVerdicts(results: readonly GenerationResult[]): GenerationVerdict[] {
  const verdicts: GenerationVerdict[] = [];
  for (const result of results) {
    if (result.error !== undefined) {
      verdicts.push({ generation: result.generation, summary: result.error, details: [] });
    } else if (result.problems.length > 0) {
      const count = result.problems.length;
      verdicts.push({
        generation: result.generation,
        summary: `${count} rule violation${count === 1 ? '' : 's'}`,
        details: result.problems.map(describeProblem),
      });
    }
  }
  return verdicts;
}

/** "generation 3: timed out after …" — the line for lists and logs. */
export function verdictLine(verdict: GenerationVerdict): string {
  const details = verdict.details.length === 0 ? '' : ` — ${verdict.details.join('; ')}`;
  return `generation ${verdict.generation}: ${verdict.summary}${details}`;
}

/** "Line 2, column 13: Unexpected token" (or just the message without a position). */
export function loadErrorLine(error: CustomLoadError): string {
  if (error.line === undefined) return error.message;
  const column = error.column === undefined ? '' : `, column ${error.column}`;
  return `Line ${error.line}${column}: ${error.message}`;
}

/**
 * The assignor's `name` as written in the source (`name: 'x'`, `name = 'x'`,
 * `static name = 'x'`), to label the saved source; the sandbox reports the real one.
 */
export function assignorNameOf(source: string): string {
  const match = /\bname\s*[:=]\s*(['"`])([^'"`\n]{1,100})\1/.exec(source);
  return match?.[2] ?? 'custom';
}
