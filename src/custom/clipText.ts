/**
 * How much sandbox text is ever shown. No imports: the sandbox worker clips what it sends, and
 * the runner clips again what it receives (messages.ts), since it cannot trust the worker to.
 */

/** Longest text from the sandbox that is ever shown (verdicts, load errors), in characters. */
export const MAX_SHOWN_CHARS = 2000;

/** `text` cut to `max` characters, saying how much was left out. */
export function clipText(text: string, max = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
