// Lint rules, including the architectural boundaries (issue 10 item 7; each has a case in
// test/lint/boundaries.test.ts):
// - only src/adapters/bot may import the Bot Framework SDK (end of support: the move to the
//   Microsoft 365 Agents SDK must stay a one-folder change);
// - src/domain and src/policy are pure: no SDK, no I/O, no clock, and nothing above them;
// - src/repositories import no use cases, jobs, conversation or adapters;
// - src/usecases import no jobs, conversation or adapters (ports come in as arguments);
// - src/conversation imports no jobs, repositories or adapters (it calls use cases only);
// - src/jobs import no concrete adapters and no conversation;
// - no import cycles anywhere in src, type-only imports included (eslint-rules/no-import-cycle.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint-rules/no-import-cycle.js';

const botFramework = ['botbuilder', 'botbuilder-*', 'botframework-*', 'botbuilder/*'];
const nodeIo = ['node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'child_process', 'os', 'path', 'crypto', 'process', 'stream', 'url', 'worker_threads', 'dns', 'tls', 'zlib', 'events'];
const sdks = ['@azure/*', '@microsoft/*', 'restify', 'restify-*', 'hono', 'hono/*', '@hono/*', 'pdf-lib', 'adaptivecards', 'adaptivecards-templating', 'date-holidays', ...botFramework];

const onlyBotAdapter = { group: botFramework, message: 'Only src/adapters/bot may import the Bot Framework SDK.' };

/** A relative import that climbs out of the layer into one of these top-level folders of src. */
function upward(folders, message) {
  return { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message };
}

/** Pure layers: no SDK, no node I/O (node:crypto is pure computation: SHA-256 of canonical records). */
const pure = [
  { group: sdks, message: 'src/domain and src/policy are pure: no SDK imports.' },
  { group: [...nodeIo, '!node:crypto'], message: 'src/domain and src/policy are pure: no node I/O.' },
];

const layers = {
  'src/domain/**/*.ts': [...pure, upward(['usecases', 'jobs', 'conversation', 'adapters', 'repositories', 'sandbox', 'cards', 'cli', 'demo', 'config'], 'src/domain is the bottom layer: it imports only itself and src/policy.')],
  'src/policy/**/*.ts': [...pure, upward(['usecases', 'jobs', 'conversation', 'adapters', 'repositories', 'sandbox', 'cards', 'cli', 'demo', 'config'], 'src/policy imports only itself and src/domain.')],
  'src/repositories/**/*.ts': [onlyBotAdapter, upward(['usecases', 'jobs', 'conversation', 'adapters', 'sandbox', 'cards', 'cli', 'demo'], 'src/repositories sit on the storage ports: no use cases, jobs, conversation or adapters.')],
  'src/usecases/**/*.ts': [onlyBotAdapter, upward(['jobs', 'conversation', 'adapters', 'sandbox', 'cli', 'demo'], 'src/usecases import no jobs, conversation or adapters: take a port as an argument instead.')],
  'src/conversation/**/*.ts': [onlyBotAdapter, upward(['jobs', 'repositories', 'adapters', 'sandbox', 'cli', 'demo'], 'src/conversation calls use cases only: no jobs, repositories or adapters.')],
  'src/jobs/**/*.ts': [onlyBotAdapter, upward(['conversation', 'adapters', 'sandbox', 'cli', 'demo'], 'src/jobs import no concrete adapters and no conversation: the composition root passes ports in.')],
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'test-results/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [onlyBotAdapter] }],
    },
  },
  {
    files: ['src/adapters/bot/**/*.ts', 'test/adapters/bot/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  ...Object.entries(layers).map(([glob, patterns]) => ({ files: [glob], rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  {
    files: ['src/domain/**/*.ts', 'src/policy/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'Pure domain: no clock. Pass time in.' },
        { name: 'process', message: 'Pure domain: no globals.' },
        { name: 'fetch', message: 'Pure domain: no I/O.' },
        { name: 'setTimeout', message: 'Pure domain: no timers.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'local/no-import-cycle': 'error' },
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
