/**
 * Runs a compiled custom assignor module and turns what it exports into an assignor factory.
 * Only ever called inside a sandbox worker (or a test): this executes the user's code.
 *
 * The module is a function body with CommonJS-style `exports`, `module` and `require`, which
 * is what `compile.ts` produces for both `export default …` and `module.exports = …`.
 */
import { AssignorShapeError, toAssignorFactory, type AdaptedAssignorFactory } from './adapter';
import { compileAssignor } from './compile';
import type { CustomAssignorSource, CustomLoadError } from './protocol';

/**
 * The Function constructor, taken before the sandbox removes it from the global and from
 * `Function.prototype.constructor` (see harden.ts), so only this module can still use it.
 */
const FunctionConstructor = Function;

/** The file name stack traces show for user code; also how its frames are found. */
export const USER_SOURCE_URL = 'custom-assignor.js';

/** What the user is called in adapter messages: "Cannot use class X from your assignor …". */
export const DEFAULT_SOURCE_LABEL = 'your assignor';

/** A problem loading the module, with a position in the user's source when known. */
export class CustomLoadFailure extends Error {
  override readonly name = 'CustomLoadFailure';
  constructor(readonly error: CustomLoadError) {
    super(error.message);
  }
}

let lineOffset: number | undefined;

/**
 * How many lines the engine puts before the body of a `new Function` (2 in V8: the
 * `function anonymous(…` header), measured once rather than assumed per engine.
 */
function functionBodyLineOffset(): number {
  if (lineOffset === undefined) {
    const probe = new FunctionConstructor(
      `return new Error().stack;\n//# sourceURL=${PROBE_SOURCE_URL}`,
    ) as () => unknown;
    const line = firstFrameIn(String(probe()), PROBE_SOURCE_URL)?.line;
    lineOffset = line === undefined ? 0 : line - 1;
  }
  return lineOffset;
}

const PROBE_SOURCE_URL = 'custom-assignor-probe.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstFrameIn(stack: string, url: string): { line: number; column: number } | undefined {
  const match = new RegExp(`${escapeRegExp(url)}:(\\d+):(\\d+)`).exec(stack);
  return match === null ? undefined : { line: Number(match[1]), column: Number(match[2]) };
}

/**
 * The line of the user's source where `thrown` was raised (its innermost frame in user
 * code), or `undefined`. Only the line: sucrase keeps lines but removing types shifts columns.
 */
export function userLineOf(thrown: unknown): number | undefined {
  if (!(thrown instanceof Error) || typeof thrown.stack !== 'string') return undefined;
  const frame = firstFrameIn(thrown.stack, USER_SOURCE_URL);
  if (frame === undefined) return undefined;
  const line = frame.line - functionBodyLineOffset();
  return line >= 1 ? line : undefined;
}

function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

function parseError(body: string): string | undefined {
  try {
    // Only parses: a function is created, never called.
    new FunctionConstructor('exports', 'module', 'require', body);
    return undefined;
  } catch (thrown) {
    return describeThrown(thrown);
  }
}

/**
 * The line where the engine's syntax error is: the first line whose prefix of the code fails
 * with the same message as the whole (earlier prefixes fail differently: "end of input").
 * Binary search, so a handful of parses. Lines of compiled code are the source's lines.
 */
function engineSyntaxErrorLine(code: string, message: string): number | undefined {
  const lines = code.split('\n');
  const failsAsWhole = (count: number) => parseError(lines.slice(0, count).join('\n')) === message;
  let low = 1;
  let high = lines.length;
  if (!failsAsWhole(high)) return undefined;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsAsWhole(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function importNotAvailable(specifier: unknown): never {
  throw new Error(
    `cannot import ${JSON.stringify(specifier)}: a custom assignor runs on its own, without ` +
      'modules; keep everything in this one file (type-only imports are fine)',
  );
}

function isObjectLike(value: unknown): value is Record<PropertyKey, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** The line of `export default` or `module.exports =`, where shape errors are marked. */
function exportLine(source: string): number | undefined {
  const match = /^[ \t]*(?:export[ \t]+default\b|module\.exports[ \t]*=)/m.exec(source);
  if (match === null) return undefined;
  return source.slice(0, match.index).split('\n').length;
}

/**
 * Runs compiled module `code` and returns what it exports: `module.exports` when the module
 * replaced it, else `exports.default`.
 *
 * @throws CustomLoadFailure when the top-level code throws or nothing suitable is exported.
 */
export function evaluateModule(code: string): unknown {
  const exports: Record<string, unknown> = {};
  const module: { exports: unknown } = { exports };
  let body: (exports: unknown, module: unknown, require: unknown) => void;
  try {
    body = new FunctionConstructor(
      'exports',
      'module',
      'require',
      `${code}\n//# sourceURL=${USER_SOURCE_URL}`,
    ) as typeof body;
  } catch (thrown) {
    // Sucrase assumes valid code and lets some mistakes through (e.g. `{ a: 1,, }`); the
    // engine's SyntaxError has no position, so find the line by parsing prefixes.
    const message = describeThrown(thrown);
    const line = thrown instanceof SyntaxError ? engineSyntaxErrorLine(code, message) : undefined;
    throw new CustomLoadFailure(line === undefined ? { message } : { message, line });
  }
  try {
    body.call(undefined, exports, module, importNotAvailable);
  } catch (thrown) {
    const line = userLineOf(thrown);
    const message = `the module threw while loading: ${describeThrown(thrown)}`;
    throw new CustomLoadFailure(line === undefined ? { message } : { message, line });
  }

  const replaced = module.exports;
  if (replaced !== exports) {
    // `module.exports = …`, possibly set to another module's ES-style exports object.
    if (isObjectLike(replaced) && replaced.__esModule === true && 'default' in replaced) {
      return replaced.default;
    }
    return replaced;
  }
  if (Object.hasOwn(exports, 'default')) return exports.default;
  const names = Object.keys(exports);
  throw new CustomLoadFailure({
    message:
      names.length === 0
        ? 'the module exports nothing: end it with `export default yourAssignor` ' +
          '(or `module.exports = yourAssignor`)'
        : `the module has no default export (it exports ${names.map((n) => `\`${n}\``).join(', ')}): ` +
          'export the assignor with `export default`',
  });
}

export type LoadResult =
  { ok: true; factory: AdaptedAssignorFactory } | { ok: false; error: CustomLoadError };

/**
 * Compiles, runs and adapts a custom assignor: the whole load, as one result. Shape errors
 * carry the adapter's message (what is missing, and the pointer to the migration notes in
 * docs/assignors.md) and are marked on the `export` line.
 */
export function loadCustomAssignor(
  assignor: Pick<CustomAssignorSource, 'language' | 'source'>,
  options: { label?: string } = {},
): LoadResult {
  const compiled = compileAssignor(assignor.source, assignor.language);
  if (!compiled.ok) return compiled;
  return adaptModule(compiled.code, assignor.source, options.label ?? DEFAULT_SOURCE_LABEL);
}

/** The second half of {@link loadCustomAssignor}: run compiled code and adapt its export. */
export function adaptModule(code: string, source: string, label: string): LoadResult {
  try {
    const candidate = evaluateModule(code);
    return { ok: true, factory: toAssignorFactory(candidate, { source: label }) };
  } catch (thrown) {
    if (thrown instanceof CustomLoadFailure) return { ok: false, error: thrown.error };
    if (thrown instanceof AssignorShapeError) {
      const line = exportLine(source);
      return {
        ok: false,
        error: line === undefined ? { message: thrown.message } : { message: thrown.message, line },
      };
    }
    // toAssignorFactory reads the user's getters and may run a constructor: anything goes.
    const line = userLineOf(thrown);
    const message = `loading the assignor failed: ${describeThrown(thrown)}`;
    return { ok: false, error: line === undefined ? { message } : { message, line } };
  }
}
