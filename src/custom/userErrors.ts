/**
 * Words for what user code threw, inside the sandbox: "assign() threw TypeError: … (line 12)",
 * "recursed without end", "returned an invalid result: …".
 */
import { AssignorResultError } from './adapter';
import { clipText } from './clipText';
import { userLineOf } from './evaluate';

/** V8 and JavaScriptCore say "Maximum call stack size exceeded", Firefox "too much recursion". */
export function isStackOverflow(thrown: unknown): boolean {
  return (
    thrown instanceof Error &&
    (thrown.name === 'RangeError' || thrown.name === 'InternalError') &&
    /call stack|too much recursion/i.test(thrown.message)
  );
}

/**
 * What happened when user code threw: `where` is the call, e.g. "assign()" or
 * "C1's onAssignment()". Names the line of the user's source when the stack shows it.
 */
export function thrownVerdict(thrown: unknown, where: string): string {
  try {
    return clipText(describeVerdict(thrown, where));
  } catch {
    // A getter on `message` or a `toString` that throws: the value cannot be put in words.
    return `${where} threw a value that cannot be described`;
  }
}

function describeVerdict(thrown: unknown, where: string): string {
  if (isStackOverflow(thrown)) {
    return `${where} recursed without end (${describe(thrown)})`;
  }
  if (thrown instanceof AssignorResultError) {
    // The adapter prefixes `assignor "x", assign() result: `; `where` already says that.
    const detail = thrown.message.replace(/^assignor ".*?", \w+\(\) result: /s, '');
    return `${where} returned an invalid result: ${detail}`;
  }
  const line = userLineOf(thrown);
  return `${where} threw ${describe(thrown)}${line === undefined ? '' : ` (line ${line})`}`;
}

function describe(thrown: unknown): string {
  // Clipped before joining: a 50 MB message is not copied again.
  return clipText(
    thrown instanceof Error
      ? `${clipText(String(thrown.name), 200)}: ${clipText(String(thrown.message))}`
      : String(thrown),
  );
}
