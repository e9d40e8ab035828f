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

export function crashVerdict(detail?: string): string {
  const why = detail === undefined || detail === '' ? '' : ` (${detail})`;
  return (
    `the assignor ran out of memory (or crashed the worker)${why} — ` +
    'the worker was stopped and replaced'
  );
}
