import { describeDiff, diffResults, ResultsDiffError } from '../results/diff';
import { parseResultsFile, ResultsFileError, type ResultsFile } from '../results/resultsFile';
import { parseCommandArgs, readTextFile, UsageError } from './io';

export const diffUsage =
  'diff A.json B.json   compare two results files: exit 0 identical, 1 different';

function readResults(path: string): ResultsFile {
  try {
    return parseResultsFile(readTextFile(path));
  } catch (error) {
    if (error instanceof ResultsFileError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}

/** `diff A.json B.json`: per generation, the partitions whose owner differs and metric deltas. */
export function diffCommand(args: readonly string[], out: (text: string) => void): number {
  const { positionals } = parseCommandArgs(args, {});
  const [pathA, pathB, ...extra] = positionals;
  if (pathA === undefined || pathB === undefined || extra.length > 0) {
    throw new UsageError(`usage: ${diffUsage}`);
  }
  const a = readResults(pathA);
  const b = readResults(pathB);
  const labels = { a: pathA, b: pathB };
  let diff;
  try {
    diff = diffResults(a, b, labels);
  } catch (error) {
    if (error instanceof ResultsDiffError) throw new UsageError(error.message);
    throw error;
  }
  for (const line of describeDiff(diff, labels)) out(line);
  return diff.identical ? 0 : 1;
}
