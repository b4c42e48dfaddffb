import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// Layer boundaries from the README's architecture section: dependencies point inward.
const layerRules = [
  {
    files: ['canvas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', 'express', 'kysely', 'pg'],
              message: 'canvas/ is pure: zod and the money module only',
            },
            {
              regex: '(^|/)src/(?!money/)',
              message: 'canvas/ is pure: zod and the money module only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '**/canvas/**', 'express'], message: 'db/ knows no app code' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['express', '**/canvas/**', '**/http/**'],
              message: 'the ledger knows no HTTP and no canvas',
            },
          ],
        },
      ],
    },
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'public/build',
      'test-results',
      'scratch',
      'test/support/admin-api.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type X } from 'm'` still loads m (verbatimModuleSyntax keeps `import {} from 'm'`),
      // which undid the lazy loads of PGlite and intercom-client; type-only imports are `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'read configuration through src/config.ts',
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'vitest.config.ts', 'db/migrate.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Migrations are typed over Kysely<any> on purpose: they are frozen and must not follow schema.ts.
    files: ['db/migrations/**/*.ts', 'db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        navigator: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        EventSource: 'readonly',
      },
    },
  },
  ...layerRules,
)
