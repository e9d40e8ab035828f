/**
 * JSON text in which `Map`s become objects with their insertion order kept. Plain objects
 * cannot promise that: JavaScript lists integer-like keys (member "10", topic "7") first.
 */
export function stringifyOrdered(value: unknown): string {
  if (value instanceof Map) {
    const fields = [...value].map(
      ([key, item]) => `${JSON.stringify(String(key))}:${stringifyOrdered(item)}`,
    );
    return `{${fields.join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(stringifyOrdered).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${stringifyOrdered(item)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
