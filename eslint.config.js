// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// src/core is the pure algorithm: it runs in a Web Worker, in Node (CLI, bench) and in tests.
// It may not import UI, state or rendering libraries, may not reach outside src/core, and may
// not touch browser globals.
// ---------------------------------------------------------------------------------------------

const CORE_MESSAGE = 'src/core is pure TypeScript: no React, zustand or d3.';

/** Bare-module bans that apply to every file in src/core, tests included. */
const coreLibraryBans = {
  paths: ['react', 'react-dom', 'zustand', 'd3'].map((name) => ({ name, message: CORE_MESSAGE })),
  patterns: [
    { group: ['react/*', 'react-dom/*', 'zustand/*', 'd3/*', 'd3-*'], message: CORE_MESSAGE },
  ],
};

/**
 * A relative import that climbs out of src/core from a file `depth` folders below it, e.g.
 * `../ui/App` from src/core/x.ts, or `../../store/s` from src/core/sub/x.ts. Also catches
 * `..` alone at the top level, and `src/<not core>` in case a path alias is ever added.
 */
function escapeCorePattern(depth) {
  const up = `(?:\\.\\./){${depth}}`;
  return {
    regex: `^(?:${up}\\.\\.(?:/|$)|src/(?!core(?:/|$)))`,
    message:
      'src/core must not import from outside src/core (../ui, ../store, ../render, ../worker, …).',
  };
}

const MAX_CORE_DEPTH = 5;
const coreImportConfigs = Array.from({ length: MAX_CORE_DEPTH + 1 }, (_, depth) => ({
  files: [`src/core/${'*/'.repeat(depth)}*.{ts,tsx,js,mjs}`],
  ignores: ['**/*.test.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      { ...coreLibraryBans, patterns: [...coreLibraryBans.patterns, escapeCorePattern(depth)] },
    ],
  },
}));

const coreForbiddenGlobals = ['window', 'document', 'localStorage', 'navigator'].map((name) => ({
  name,
  message: 'src/core is pure: no DOM or browser globals. Pass what you need in as arguments.',
}));

// ---------------------------------------------------------------------------------------------
// Layers. Every folder under src may import only the folders listed for it (all lower in
//   core ← scenario/protocol ← conformance/results ← worker/custom ← store ← render ← ui ← app
// plus cli, the Node composition root beside app). Siblings on one level do not import each
// other. Tests are exempt (they may build fixtures from any layer), as in the core fence.
// docs/architecture.md explains the map.
// ---------------------------------------------------------------------------------------------

/** @type {Record<string, string[]>} layer → the layers it may import */
export const LAYERS = {
  core: [],
  // Typed worker connections shared by the replay client and the sandbox runner; knows no domain.
  messaging: [],
  // The protocol model is pure rounds over assignments; scenarios replay through it.
  protocol: ['core'],
  scenario: ['core', 'protocol'],
  conformance: ['core', 'scenario', 'protocol'],
  results: ['core', 'scenario', 'protocol'],
  worker: ['core', 'messaging', 'scenario', 'protocol', 'results'],
  custom: ['core', 'messaging', 'scenario', 'protocol', 'results'],
  store: ['core', 'messaging', 'scenario', 'protocol', 'results', 'worker', 'custom'],
  render: ['core', 'messaging', 'scenario', 'protocol', 'results', 'worker', 'custom', 'store'],
  ui: [
    'core',
    'messaging',
    'scenario',
    'protocol',
    'results',
    'worker',
    'custom',
    'store',
    'render',
  ],
  app: [
    'core',
    'messaging',
    'scenario',
    'protocol',
    'results',
    'worker',
    'custom',
    'store',
    'render',
    'ui',
  ],
  cli: ['core', 'messaging', 'scenario', 'protocol', 'conformance', 'results', 'custom', 'render'],
};

/**
 * For a file `depth` folders below src/<layer>: a relative import that climbs to src/ and
 * enters a layer not in `allowed`, or leaves src/ altogether (e2e/, bench/, dev/, test/).
 */
function layerPatterns(layer, depth) {
  const forbidden = Object.keys(LAYERS).filter(
    (other) => other !== layer && !LAYERS[layer].includes(other),
  );
  const toSrc = `(?:\\.\\./){${depth + 1}}`;
  const patterns = [
    {
      regex: `^(?:${toSrc}|src/)(?:${forbidden.join('|')})(?:/|$)`,
      message: `Layer rule: src/${layer} may import only ${
        LAYERS[layer].length === 0 ? 'itself' : LAYERS[layer].map((l) => `src/${l}`).join(', ')
      } (see docs/architecture.md).`,
    },
    {
      regex: `^${toSrc}\\.\\.(?:/|$)`,
      message: `Layer rule: src/${layer} may not import from outside src (e2e/, bench/, dev/, test/).`,
    },
  ];
  return patterns;
}

const layerImportConfigs = Object.keys(LAYERS)
  .filter((layer) => layer !== 'core')
  .flatMap((layer) =>
    Array.from({ length: MAX_CORE_DEPTH + 1 }, (_, depth) => ({
      files: [`src/${layer}/${'*/'.repeat(depth)}*.{ts,tsx,js,mjs}`],
      ignores: ['**/*.test.{ts,tsx}', 'src/custom/examples/**'],
      rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(layer, depth) }] },
    })),
  );

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'coverage/',
      'test/conformance/',
    ],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Browser code (app, worker, render, store). Not the core: it gets plain ES globals only.
  {
    files: ['src/**/*.{ts,tsx}', 'dev/**/*.{ts,tsx}'],
    ignores: ['src/core/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // React code: rules of hooks (+ the React Compiler checks that ship with v7).
  {
    files: [
      'src/ui/**/*.{ts,tsx}',
      'src/render/**/*.{ts,tsx}',
      'src/app/**/*.{ts,tsx}',
      'dev/**/*.tsx',
    ],
    ...reactHooks.configs.flat['recommended-latest'],
  },

  // zustand the documented way: outside the store, state changes only through its actions, so
  // every write has a name (and undo, autosave and the replay controller see the same ones).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/store/**', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='useAppStore'][property.name='setState']",
          message: 'Write through a store action (src/store), not useAppStore.setState.',
        },
      ],
    },
  },

  // Node-side code: tooling configs, CLI, bench, tests, e2e.
  {
    files: [
      '*.{js,mjs,cjs,ts}',
      'src/cli/**/*.ts',
      'bench/**/*.ts',
      'test/**/*.ts',
      'e2e/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'src/**/*.test.{ts,tsx}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },

  // The editor's example assignors (src/custom/examples.ts imports them as text). They spell
  // out the assignor interface's full signatures, so an unused parameter there is on purpose;
  // the aiokafka-style one is CommonJS (module.exports) because that is what it demonstrates.
  {
    files: ['src/custom/examples/**/*.{ts,js}'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }] },
  },
  {
    files: ['src/custom/examples/**/*.js'],
    languageOptions: { globals: { ...globals.commonjs } },
  },

  // The algorithm core.
  {
    files: ['src/core/**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': ['error', coreLibraryBans],
      'no-restricted-globals': ['error', ...coreForbiddenGlobals],
    },
  },
  // Non-test core files additionally may not leave src/core (tests may read test/conformance).
  ...coreImportConfigs,
  // Every other layer (core's own rule above already forbids leaving src/core).
  ...layerImportConfigs,
);
