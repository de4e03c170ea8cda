import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/web/**', '**/web'], message: 'server/ must not import web/.' }] },
      ],
    },
  },
);
