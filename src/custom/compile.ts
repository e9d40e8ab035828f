/**
 * Compiles a custom assignor's source, TypeScript or JavaScript, into a CommonJS-style script
 * body that `evaluate.ts` runs. Pure: no DOM, no Node; runs in the sandbox worker, in Node
 * and in tests.
 *
 * Sucrase does the work: it strips types (without checking them) and turns ES module syntax
 * into `exports.default = …` / `require(…)`. It keeps every line on its line, so a line number
 * in the compiled code is the same line in the user's source, and a stack trace needs no map.
 * Its syntax errors carry the offset of the offending character.
 */
import { transform, type Transform } from 'sucrase';
import type { CustomLoadError } from './protocol';

export type AssignorLanguage = 'typescript' | 'javascript';

export type CompileResult = { ok: true; code: string } | { ok: false; error: CustomLoadError };

/** 1-based line and column of a 0-based character offset into `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/** 0-based offset of a 1-based line and column, clamped into `text`. */
export function offsetAt(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, column - 1), end);
}

function run(source: string, transforms: Transform[]): string {
  return transform(source, {
    transforms,
    // Keep modern syntax as written: `static name = '…'` must stay a real class field, since
    // assigning to a class's built-in `name` afterwards would silently do nothing.
    disableESTransforms: true,
  }).code;
}

/** Sucrase's message without its own " (line:column)" suffix, which we report separately. */
function messageOf(error: Error): string {
  return error.message.replace(/\s*\(\d+:\d+\)$/, '');
}

function offsetOf(error: unknown): number | undefined {
  const pos = (error as { pos?: unknown }).pos;
  return typeof pos === 'number' && Number.isInteger(pos) ? pos : undefined;
}

/**
 * Compiles `source`. A syntax error comes back as `{ message, line, column }` (1-based) at
 * the character the parser stopped on; TypeScript types are not checked.
 */
export function compileAssignor(source: string, language: AssignorLanguage): CompileResult {
  const transforms: Transform[] =
    language === 'typescript' ? ['typescript', 'imports'] : ['imports'];
  try {
    return { ok: true, code: run(source, transforms) };
  } catch (thrown) {
    if (!(thrown instanceof Error)) {
      return { ok: false, error: { message: `could not compile: ${String(thrown)}` } };
    }
    const offset = offsetOf(thrown);
    let message = messageOf(thrown);
    if (language === 'javascript' && looksLikeTypeScript(source)) {
      message += ' (this looks like TypeScript: switch the language to TypeScript)';
    }
    const error: CustomLoadError =
      offset === undefined ? { message } : { message, ...positionAt(source, offset) };
    return { ok: false, error };
  }
}

function looksLikeTypeScript(source: string): boolean {
  try {
    run(source, ['typescript', 'imports']);
    return true;
  } catch {
    return false;
  }
}
