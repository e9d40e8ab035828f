/**
 * The header every file of ours starts with: `"format"` names the kind, `"version"` its
 * revision. One check, so scenario and results files explain a wrong file the same way.
 */
export function versionedHeaderProblem(
  json: unknown,
  expected: { format: string; version: number; noun: string },
): string | undefined {
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== expected.format) {
    return `not a ${expected.noun}: "format" is ${JSON.stringify(format) ?? 'missing'}, expected "${expected.format}"`;
  }
  if (typeof version === 'number' && version > expected.version) {
    return `${expected.noun} version ${version} is newer than this playground understands (${expected.version})`;
  }
  return undefined;
}
