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
);
