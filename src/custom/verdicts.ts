/**
 * The words for a generation whose worker had to be stopped: one place, so the browser and
 * the CLI say the same. No imports: the page's runner uses these, and must not pull in the
 * compiler. What user code throws is put in words by userErrors.ts, inside the sandbox.
 */
export function timeoutVerdict(deadlineMs: number): string {
  return (
    `timed out after ${deadlineMs} ms: the assignor did not return (an infinite loop?) — ` +
    'the worker was stopped and replaced'
  );
}

/**
 * The worker reported an uncaught error or died. Not "out of memory" for sure: the detail
 * comes from the worker (user code can raise one with `reportError`), so it is quoted, and
 * the words claim no more than the runner saw.
 */
export function crashVerdict(detail?: string): string {
  const why = detail === undefined || detail === '' ? '' : ` (it said: ${detail})`;
  return (
    `the sandbox worker stopped: an uncaught error, or it ran out of memory${why} — ` +
    'the worker was stopped and replaced'
  );
}

/** The worker sent something outside the protocol; `problem` says what (messages.ts). */
export function protocolVerdict(problem: string): string {
  return `${problem} — the worker was stopped and replaced`;
}

export function budgetVerdict(budgetMs: number): string {
  return (
    `not run: the run used up its total time budget of ${budgetMs / 1000} s ` +
    '(every generation before this one counts) — the worker was stopped'
  );
}
