import { describe, expect, it } from 'vitest';
import { ASSIGNOR_MIGRATION_DOC } from './adapter';
import { StaticCluster } from '../core/cluster';
import type { GroupMembers } from '../core/types';
import { loadCustomAssignor, userLineOf, type LoadResult } from './evaluate';

const cluster = new StaticCluster({ t: 3 });
const members: GroupMembers = new Map([
  ['a', { version: 0, subscription: ['t'], userData: new Uint8Array() }],
  ['b', { version: 0, subscription: ['t'], userData: new Uint8Array() }],
]);

/** Everything to the first member: enough to tell the styles work. */
const ASSIGN_BODY = `{
    const ids = [...members.keys()];
    return new Map(ids.map((id, i) => [id, { assignment: i === 0 ? [['t', [0, 1, 2]]] : [] }]));
  }`;

function load(source: string, language: 'typescript' | 'javascript' = 'typescript'): LoadResult {
  return loadCustomAssignor({ language, source });
}

function loaded(source: string, language?: 'typescript' | 'javascript') {
  const result = load(source, language);
  if (!result.ok) throw new Error(`did not load: ${result.error.message}`);
  return result.factory;
}

function loadError(source: string, language?: 'typescript' | 'javascript') {
  const result = load(source, language);
  if (result.ok) throw new Error('loaded, but should not have');
  return result.error;
}

describe('loading the three styles', () => {
  it.each([
    [
      'static class',
      `export default class Mine { static name = 'mine'; static assign(cluster: unknown, members: Map<string, unknown>) ${ASSIGN_BODY} }`,
      'static-class',
    ],
    [
      'instance class',
      `export default class Mine { name = 'mine'; assign(cluster: unknown, members: Map<string, unknown>) ${ASSIGN_BODY} }`,
      'instance-class',
    ],
    [
      'object',
      `export default { name: 'mine', assign(cluster: unknown, members: Map<string, unknown>) ${ASSIGN_BODY} };`,
      'object',
    ],
  ])('%s', (_, source, style) => {
    const factory = loaded(source);
    expect(factory.style).toBe(style);
    expect(factory.assignorName).toBe('mine');
    const result = factory().assign(cluster, members);
    expect(result.get('a')?.assignment).toEqual([['t', [0, 1, 2]]]);
    expect(result.get('b')?.assignment).toEqual([]);
  });

  it('takes `module.exports =` in JavaScript', () => {
    const factory = loaded(
      `const mine = { name: 'cjs', assign(cluster, members) ${ASSIGN_BODY} };\nmodule.exports = mine;`,
      'javascript',
    );
    expect(factory.assignorName).toBe('cjs');
    expect(factory.style).toBe('object');
  });

  it('keeps state per member in the static style', () => {
    const factory = loaded(
      `export default class Counting {
        static name = 'counting';
        static rounds = 0;
        static assign() { return new Map(); }
        static metadata(topics: Iterable<string>) {
          return { subscription: [...topics], userData: new Uint8Array([this.rounds]) };
        }
        static onAssignment() { this.rounds += 1; }
      }`,
    );
    const first = factory();
    const second = factory();
    const nothing = { version: 0, assignment: [], userData: new Uint8Array() };
    first.onAssignment(nothing);
    first.onAssignment(nothing);
    second.onAssignment(nothing);
    expect([...first.metadata(['t']).userData]).toEqual([2]);
    expect([...second.metadata(['t']).userData]).toEqual([1]);
    expect([...factory().metadata(['t']).userData]).toEqual([0]);
  });
});

describe('load errors', () => {
  it('names what is missing and points to the migration notes', () => {
    const error = loadError("export default { name: 'no-assign', partition_assign() {} };");
    expect(error.message).toContain('`assign` is not a function (found undefined)');
    expect(error.message).toContain('from your assignor');
    expect(error.message).toContain(ASSIGNOR_MIGRATION_DOC);
    expect(error.line).toBe(1);
  });

  it('lists every aiokafka spelling it finds, marked on the export line', () => {
    const error = loadError(
      [
        '// ported from Python',
        'class HalfPorted {',
        '  static assign() { return new Map(); }',
        '  static on_assignment() {}',
        '  static on_generation_assignment() {}',
        '}',
        'export default HalfPorted;',
      ].join('\n'),
      'javascript',
    );
    expect(error.message).toContain('found `on_assignment`; rename it to `onAssignment`');
    expect(error.message).toContain(
      'found `on_generation_assignment`; rename it to `onGenerationAssignment`',
    );
    expect(error.line).toBe(7);
  });

  it('refuses a value that is no assignor at all', () => {
    const error = loadError('export default 42;');
    expect(error.message).toContain('expected a class or an object with `name` and `assign`');
    expect(error.message).toContain(ASSIGNOR_MIGRATION_DOC);
  });

  it('says when the module exports nothing', () => {
    expect(loadError("const a = { name: 'a', assign() {} };").message).toMatch(
      /exports nothing: end it with `export default yourAssignor`/,
    );
  });

  it('says when there is no default export, naming the exports it found', () => {
    expect(loadError("export const mine = { name: 'a', assign() {} };").message).toBe(
      'the module has no default export (it exports `mine`): export the assignor with `export default`',
    );
  });

  it('reports top-level code that throws, with its line', () => {
    const error = loadError(
      ['const table = { a: 1 };', '', 'const x = (table as any).b.c;', 'export default {};'].join(
        '\n',
      ),
    );
    expect(error.message).toMatch(/^the module threw while loading: TypeError: /);
    expect(error.line).toBe(3);
  });

  it('refuses imports with a message that says why', () => {
    const error = loadError("import { x } from 'lodash';\nconsole.log(x);\nexport default {};");
    expect(error.message).toContain('cannot import "lodash"');
    expect(error.message).toContain('keep everything in this one file');
    expect(error.line).toBe(1);
  });

  it('refuses dynamic imports too: they become require calls', async () => {
    const factory = loaded(
      "export default { name: 'dynamic', assign() { (globalThis as any).imported = import('node:fs'); return new Map(); } };",
    );
    factory().assign(cluster, members);
    const imported = (globalThis as { imported?: Promise<unknown> }).imported;
    await expect(imported).rejects.toThrow('cannot import "node:fs"');
  });

  it('reports an instance-style constructor that throws', () => {
    const error = loadError(
      "export default class Needy { name = 'needy'; constructor(config: { n: number }) { if (!config) throw new Error('config required'); } assign() { return new Map(); } }",
    );
    expect(error.message).toContain('`new Needy()` threw (config required)');
    expect(error.message).toContain(ASSIGNOR_MIGRATION_DOC);
  });

  it('passes syntax errors through with their position', () => {
    expect(loadError('export default {\n  name: "x"\n  assign() {}\n};')).toMatchObject({
      line: 3,
      column: 3,
    });
  });

  it('finds the line of a syntax error only the engine catches', () => {
    // Sucrase lets `,,` in an object literal through; the engine does not.
    expect(loadError('const a = 1;\nexport default {\n  name: "x",,\n};\n')).toEqual({
      message: "SyntaxError: Unexpected token ','",
      line: 3,
    });
  });
});

describe('userLineOf', () => {
  it('finds the line of the innermost user frame', () => {
    const factory = loaded(
      [
        'function helper(): never {',
        "  throw new Error('deep');",
        '}',
        'export default {',
        "  name: 'x',",
        '  assign() {',
        '    return helper();',
        '  },',
        '};',
      ].join('\n'),
    );
    let thrown: unknown;
    try {
      factory().assign(cluster, members);
    } catch (error) {
      thrown = error;
    }
    expect(userLineOf(thrown)).toBe(2);
  });

  it('is undefined for errors from elsewhere', () => {
    expect(userLineOf(new Error('ours'))).toBeUndefined();
    expect(userLineOf('a string')).toBeUndefined();
  });
});
