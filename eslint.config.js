import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const AMBIENT_NONDETERMINISM = [
  { object: 'Date', property: 'now', message: 'src/engine uses the simulated clock (env.now()), never Date.now.' },
  { object: 'Math', property: 'random', message: 'src/engine uses the seeded Rng, never Math.random.' },
  { object: 'performance', property: 'now', message: 'src/engine uses the simulated clock, never performance.now.' },
];

const BROWSER_AND_TIMER_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'self', 'globalThis',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'requestAnimationFrame',
  'queueMicrotask', 'postMessage', 'fetch', 'XMLHttpRequest', 'WebSocket', 'Worker', 'performance', 'process', 'crypto',
].map((name) => ({ name, message: `src/engine is pure and deterministic: no ${name}. Inject what you need through SimEnv.` }));

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'playwright-report', 'test-results', 'test-results-*', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'no eval' }, { selector: "NewExpression[callee.name='Function']", message: 'no new Function' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-properties': ['error', ...AMBIENT_NONDETERMINISM],
      'no-restricted-globals': ['error', ...BROWSER_AND_TIMER_GLOBALS],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', '@xyflow/*', 'zustand', 'zustand/*', 'mermaid', 'node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/engine is pure: no UI, no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/engine/**', '**/engine'], message: 'src/ui reaches the engine only through src/protocol.' }] }],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', '**/worker/**', 'react'], message: 'src/protocol depends on engine types only.' }] }],
    },
  },
);
