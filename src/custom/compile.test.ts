import { describe, expect, it } from 'vitest';
import { compileAssignor, offsetAt, positionAt } from './compile';

function compiled(source: string, language: 'typescript' | 'javascript'): string {
  const result = compileAssignor(source, language);
  if (!result.ok) throw new Error(`did not compile: ${result.error.message}`);
  return result.code;
}

describe('compileAssignor', () => {
  it('strips TypeScript types and turns `export default` into `exports.default`', () => {
    const code = compiled(
      [
        'interface Cluster { topics(): Set<string> }',
        'type Id = string;',
        'export default class Mine {',
        "  static name: string = 'mine';",
        '  static assign(cluster: Cluster, members: Map<Id, unknown>): Map<Id, unknown> {',
        '    return new Map<Id, unknown>();',
        '  }',
        '}',
      ].join('\n'),
      'typescript',
    );
    expect(code).not.toMatch(/interface|: Cluster|<Id, unknown>/);
    expect(code).toContain('exports.default = Mine');
    // A real class field: assigning to a class's built-in `name` would silently do nothing.
    expect(code).toContain("static name = 'mine'");
  });

  it('keeps every line on its line, so stack line numbers point into the source', () => {
    const source = [
      'interface A {',
      '  x: number;',
      '}',
      'const a: A = { x: 1 };',
      'export default { name: "n", assign() { throw new Error(String(a.x)); } };',
    ].join('\n');
    const lines = compiled(source, 'typescript').split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain('const a = { x: 1 }');
    expect(lines[4]).toContain('throw new Error');
  });

  it('accepts JavaScript with `module.exports =` as it is', () => {
    const code = compiled(
      "module.exports = { name: 'js', assign() { return new Map(); } };",
      'javascript',
    );
    expect(code).toContain("module.exports = { name: 'js'");
  });

  it('turns `import()` into `require()`, which the sandbox refuses', () => {
    expect(compiled("const m = import('https://example.com/x.js');", 'javascript')).toContain(
      "require('https://example.com/x.js')",
    );
  });

  it('drops type-only imports', () => {
    const code = compiled(
      "import type { Assignor } from './types';\nimport { Cluster } from './x';\nlet c: Cluster;\nexport default {} as Assignor;",
      'typescript',
    );
    expect(code).not.toContain('require');
  });

  it('reports a TypeScript syntax error with its 1-based line and column', () => {
    const result = compileAssignor('const a = 1;\nconst b: number = ;\n', 'typescript');
    expect(result).toEqual({
      ok: false,
      error: { message: 'Unexpected token', line: 2, column: 19 },
    });
  });

  it('reports a JavaScript syntax error with its position', () => {
    const result = compileAssignor(
      "export default {\n  name: 'x'\n  assign() {}\n};",
      'javascript',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line: 3, column: 3 });
    expect(result.error.message).toMatch(/Unexpected token/);
  });

  it('reports an unterminated string where it starts', () => {
    const result = compileAssignor("const s = 'abc\nexport default s;", 'javascript');
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 11 } });
  });

  it('says so when TypeScript is compiled as JavaScript', () => {
    const result = compileAssignor('const n: number = 1;\nexport default n;', 'javascript');
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 8 } });
    if (result.ok) return;
    expect(result.error.message).toContain('switch the language to TypeScript');
  });
});

describe('positions', () => {
  const text = 'ab\ncde\n\nf';

  it('positionAt gives 1-based line and column', () => {
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(text, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, 8)).toEqual({ line: 4, column: 1 });
    expect(positionAt(text, 99)).toEqual({ line: 4, column: 2 });
  });

  it('offsetAt is its inverse, clamped to the line', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = positionAt(text, offset);
      expect(offsetAt(text, line, column)).toBe(offset);
    }
    expect(offsetAt(text, 2, 99)).toBe(6);
    expect(offsetAt(text, 9)).toBe(text.length);
  });
});
