// Lint rules, including the two architectural boundaries from the foundation issue:
// only src/adapters/bot may import the Bot Framework SDK (end of support: the move to the
// Microsoft 365 Agents SDK must stay a one-folder change), and src/domain stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const botFramework = ['botbuilder', 'botbuilder-*', 'botframework-*', 'botbuilder/*'];
const nodeIo = ['node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'child_process', 'os', 'path', 'crypto', 'process', 'stream', 'url', 'worker_threads', 'dns', 'tls', 'zlib', 'events'];
const sdks = ['@azure/*', '@microsoft/*', 'restify', 'restify-*', 'adaptivecards', 'adaptivecards-templating', 'date-holidays', ...botFramework];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'test-results/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: botFramework, message: 'Only src/adapters/bot may import the Bot Framework SDK.' }] }],
    },
  },
  {
    files: ['src/adapters/bot/**/*.ts', 'test/adapters/bot/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/domain/**/*.ts', 'src/policy/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: sdks, message: 'src/domain and src/policy are pure: no SDK imports.' },
        // node:crypto is pure computation (SHA-256 of canonical records), not I/O.
        { group: [...nodeIo, '!node:crypto'], message: 'src/domain and src/policy are pure: no node I/O.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'Pure domain: no clock. Pass time in.' },
        { name: 'process', message: 'Pure domain: no globals.' },
        { name: 'fetch', message: 'Pure domain: no I/O.' },
        { name: 'setTimeout', message: 'Pure domain: no timers.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
