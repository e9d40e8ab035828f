import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples';

const fileOf = (id: string, language: string) =>
  new URL(`./examples/${id}.${language === 'typescript' ? 'ts' : 'js'}`, import.meta.url);

describe('example files', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    '%s shows its file, byte for byte',
    (id, example) => {
      expect(example.source).toBe(readFileSync(fileOf(id, example.language), 'utf8'));
    },
  );

  // The user copies an example into the editor, which has no modules to import: each file must
  // stand on its own there, even though here it could import project code and still typecheck.
  it.each(EXAMPLES.map((e) => [e.id, e.source] as const))(
    '%s is self-contained: no import or require',
    (_id, source) => {
      expect(source).not.toMatch(/^\s*import\b|\brequire\s*\(|\bimport\s*\(/m);
    },
  );
});
