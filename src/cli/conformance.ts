import { ConformanceFormatError, parseConformanceFile } from '../conformance/formats';
import { stringifyOrdered } from '../conformance/orderedJson';
import { NON_TERMINATION_MESSAGE } from '../core/assignors';
import { runConformance } from '../conformance/run';
import { parseCommandArgs, readTextFile, UsageError } from './io';

export const conformanceUsage =
  'conformance FILE [--json]   check our core against an aiokafka conformance file';

/** `conformance FILE [--json]`: exit 0 when everything matches, 1 on any mismatch. */
export function conformanceCommand(args: readonly string[], out: (text: string) => void): number {
  const { positionals, values } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) throw new UsageError(`usage: ${conformanceUsage}`);
  let file;
  try {
    file = parseConformanceFile(readTextFile(path));
  } catch (error) {
    if (error instanceof ConformanceFormatError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
  const run = runConformance(file);
  if (values.json === true) {
    out(stringifyOrdered(run.computed));
  } else {
    for (const line of run.lines) out(line);
    out(`${run.kind} conformance (${path}): ${run.passed} passed, ${run.failed} failed`);
  }
  // Not a mismatch to count: the input is one on which aiokafka itself never returns.
  const endless = run.lines.filter((line) => line.includes(NON_TERMINATION_MESSAGE));
  if (endless.length > 0) {
    throw new UsageError(
      `${path}: ${NON_TERMINATION_MESSAGE} (${endless.length} generation${endless.length === 1 ? '' : 's'})`,
    );
  }
  return run.failed === 0 ? 0 : 1;
}
