import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A failure caused by the user's input: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a directory, not a file`);
    throw new UsageError(`${path}: cannot read (${(error as Error).message})`);
  }
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's `args` with Node's `parseArgs` in strict mode: positionals allowed,
 * `--name value` and `--name=value` for strings, bare `--name` for booleans. Its errors become
 * UsageErrors (exit code 2) with our short messages, not Node's paragraphs.
 */
export function parseCommandArgs<const T extends OptionSpecs>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(error);
  }
}

function usageErrorOf(error: unknown): unknown {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return error;
  // Node names the option in quotes: "Unknown option '--bogus'", "Option '--out <value>' …".
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) {
      return new UsageError(`${option} takes no value`);
    }
    // Missing, or the next argument looks like an option (`--out --mode`): strict mode will
    // not guess. A value that starts with "-" can still be given as `--name=-value`.
    const hint = message.includes('ambiguous')
      ? ` (for one starting with "-", write ${option}=…)`
      : '';
    return new UsageError(`${option} needs a value${hint}`);
  }
  return error;
}
