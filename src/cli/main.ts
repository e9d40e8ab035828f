import { conformanceCommand, conformanceUsage } from './conformance';
import { diffCommand, diffUsage } from './diff';
import { UsageError } from './io';
import { renderCommand, renderUsage } from './render';
import { replayCommand, replayUsage } from './replay';

/** Synchronous commands return their exit code; asynchronous ones a promise of it. */
type Command = (args: readonly string[], out: (text: string) => void) => number | Promise<number>;

const commands: Record<string, { run: Command; usage: string }> = {
  conformance: { run: conformanceCommand, usage: conformanceUsage },
  replay: { run: replayCommand, usage: replayUsage },
  diff: { run: diffCommand, usage: diffUsage },
  render: { run: renderCommand, usage: renderUsage },
};

function usage(): string {
  return [
    'usage: npm run cli -- COMMAND ...',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 a check failed, 2 bad input. A
 * synchronous command's code comes back at once, an asynchronous one's as a promise.
 */
export function main(
  argv: readonly string[],
  out = (text: string) => console.log(text),
  err = (text: string) => console.error(text),
): number | Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    err(`unknown command ${JSON.stringify(name)}\n${usage()}`);
    return 2;
  }
  const failed = (error: unknown): number => {
    if (error instanceof UsageError) {
      err(`error: ${error.message}`);
      return 2;
    }
    throw error;
  };
  try {
    const code = command.run(args, out);
    return typeof code === 'number' ? code : code.catch(failed);
  } catch (error) {
    return failed(error);
  }
}

if (
  import.meta.url === `file://${process.argv[1]}` ||
  process.argv[1]?.endsWith('src/cli/main.ts')
) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
