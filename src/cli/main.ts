import { conformanceCommand, conformanceUsage } from './conformance';
import { UsageError } from './io';

type Command = (args: readonly string[], out: (text: string) => void) => number;

const commands: Record<string, { run: Command; usage: string }> = {
  conformance: { run: conformanceCommand, usage: conformanceUsage },
};

function usage(): string {
  return [
    'usage: npm run cli -- COMMAND ...',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
}

/** Runs the CLI and returns its exit code: 0 success, 1 a check failed, 2 bad input. */
export function main(
  argv: readonly string[],
  out = (text: string) => console.log(text),
  err = (text: string) => console.error(text),
): number {
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
  try {
    return command.run(args, out);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (
  import.meta.url === `file://${process.argv[1]}` ||
  process.argv[1]?.endsWith('src/cli/main.ts')
) {
  process.exitCode = main(process.argv.slice(2));
}
