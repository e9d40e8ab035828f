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
    // Quote at most the start of what was found: a hostile file can make it megabytes long.
    const found = JSON.stringify(format) ?? 'missing';
    const quoted = found.length > 80 ? `${found.slice(0, 80)}…` : found;
    return `not a ${expected.noun}: "format" is ${quoted}, expected "${expected.format}"`;
  }
  if (typeof version === 'number' && version > expected.version) {
    return `${expected.noun} version ${version} is newer than this playground understands (${expected.version})`;
  }
  return undefined;
}
