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
]

// One owner per folder under src/: what each may import (files directly in src/, such as
// context.ts and config.ts, are the kernel every folder may use). Anything else is refused, so
// dependencies point one way; test/unit/import-cycles.test.ts checks no two folders meet in a cycle.
// prettier-ignore
const ALL = ['billing', 'cli', 'contests', 'crypto', 'dashboard-client', 'experiments', 'export',
  'fin', 'http', 'intercom', 'jobs', 'ledger', 'money', 'outbound', 'playground-client', 'rewards', 'snippet',
  'sync', 'webhooks']
const SRC_FOLDERS = {
  money: [],
  crypto: [],
  snippet: [],
  jobs: [],
  ledger: ['money', 'jobs'],
  outbound: ['ledger'],
  export: ['ledger', 'money'],
  intercom: ['ledger', 'experiments', 'crypto', 'jobs', 'money', 'outbound', 'canvas'],
  sync: ['intercom', 'ledger', 'jobs', 'money'],
  experiments: ['ledger', 'money'],
  rewards: ['ledger', 'experiments', 'intercom', 'outbound', 'jobs', 'money', 'crypto'],
  contests: ['ledger', 'rewards', 'jobs', 'money'],
  billing: ['ledger', 'rewards', 'intercom', 'outbound', 'jobs', 'money', 'crypto'],
  webhooks: ['ledger', 'intercom', 'sync', 'rewards', 'jobs', 'money'],
  fin: ['ledger', 'intercom', 'jobs', 'crypto', 'money'],
  // The dashboard's browser script: shares the server's schemas and status words, nothing else.
  'dashboard-client': ['ledger', 'http'],
  // The playground's script and the Canvas Kit renderer (browser): the component types, nothing else.
  'playground-client': ['canvas'],
  http: ALL.filter((folder) => folder !== 'cli').concat(['canvas']),
  cli: ALL.filter((folder) => folder !== 'http'),
}

const folderRules = Object.entries(SRC_FOLDERS).flatMap(([folder, allowed]) => {
  const refused = ALL.filter((other) => other !== folder && !allowed.includes(other))
  const canvas = allowed.includes('canvas') ? [] : ['canvas']
  // A file d folders below src/<folder> reaches a sibling through d+1 "../" and canvas/ through d+2.
  return [1, 2, 3, 4].map((depth) => ({
    files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(refused.length > 0
              ? [
                  {
                    regex: `^(\\.\\./){${depth}}(${refused.join('|')})/`,
                    message: `src/${folder}/ may import only ${allowed.join(', ') || 'the kernel'} (eslint.config.js)`,
                  },
                ]
              : []),
            ...canvas.map(() => ({
              regex: `^(\\.\\./){${depth + 1}}canvas/`,
              message: `src/${folder}/ knows no Canvas Kit screens`,
            })),
            ...(folder === 'http'
              ? []
              : [{ group: ['express'], message: 'only src/http/ speaks HTTP' }]),
          ],
        },
      ],
    },
  }))
})

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
  ...folderRules,
  ...layerRules,
)
