import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * server/modules in dependency order: a module imports only modules before it,
 * so no two modules import each other (a module that must react to a later
 * one's change subscribes to its domain event: server/platform/events.ts).
 */
const MODULE_ORDER = [
  'settings',
  'notices',
  'audit',
  'health',
  'topics',
  'org',
  'calendar',
  'meetings',
  'record',
  'distribution',
  'minutes',
  'tracking',
  'inspections',
  'accountability',
  'search',
  'integrity',
  'registers',
  'oversight',
  'archive',
  'workbench',
  'me',
  'auth',
];
const NO_WEB = { group: ['**/web/**', '**/web'], message: 'server/ must not import web/.' };

/** The import patterns every file of module `m` (at index `i` of MODULE_ORDER) obeys. */
function modulePatterns(m, i) {
  return [
    NO_WEB,
    ...(i + 1 < MODULE_ORDER.length
      ? [
          {
            group: MODULE_ORDER.slice(i + 1).flatMap((later) => [`**/modules/${later}/**`, `../${later}/**`]),
            message: `server/modules/${m} may import only modules before it in MODULE_ORDER (eslint.config.js); react to a later module through a domain event.`,
          },
        ]
      : []),
  ];
}

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os', 'http', 'net'];
const SERVER_ONLY = ['fastify', '@fastify/*', 'kysely', 'pg', 'better-sqlite3', 'nodemailer'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // core/ is pure: no I/O, and it imports neither the server nor the web.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server'], message: 'core/ must not import server/.' },
            { group: ['**/web/**', '**/web'], message: 'core/ must not import web/.' },
            {
              group: [...NODE_BUILTINS, ...SERVER_ONLY, 'react', 'react-dom', 'antd'],
              message: 'core/ is pure: no I/O, no frameworks.',
            },
          ],
        },
      ],
    },
  },
  {
    // web/ runs in the browser and talks to the server over HTTP only.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/vitest.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server'], message: 'web/ must not import server/: use the API.' },
            { group: [...NODE_BUILTINS, ...SERVER_ONLY], message: 'web/ runs in the browser.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_WEB] }] },
  },
  {
    // platform/ is the floor the modules stand on: it imports none of them.
    files: ['server/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NO_WEB, { group: ['**/modules/**'], message: 'server/platform/ must not import a module.' }] },
      ],
    },
  },
  ...MODULE_ORDER.map((m, i) => ({
    files: [`server/modules/${m}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: modulePatterns(m, i) }] },
  })),
  ...MODULE_ORDER.map((m, i) => ({
    // Issue 11: a route parses, calls one use case and returns its DTO. Queries and
    // writes live in the module's repository, transactions in its use cases.
    files: [`server/modules/${m}/**/*.routes.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '../../platform/services.js',
              importNames: ['inTransaction'],
              message: 'A route opens no transaction: call a use case (modules/…/verb-noun.ts).',
            },
          ],
          patterns: [
            ...modulePatterns(m, i),
            {
              group: ['**/platform/db/**', 'kysely'],
              allowTypeImports: true,
              message: "A route does not touch the database: use the module's repository through a use case.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...['selectFrom', 'updateTable', 'insertInto', 'deleteFrom', 'transaction'].map((name) => ({
          selector: `CallExpression > MemberExpression.callee[property.name="${name}"]`,
          message: `No ${name}() in a route: queries belong in the module's repository, writes in a use case.`,
        })),
      ],
    },
  })),
);
