import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnly = {
  paths: [
    {
      name: 'electron',
      message: 'Only src/main/electron, src/main/index.ts and src/preload may import electron.'
    }
  ]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }]
    }
  },
  {
    // Business logic never imports electron: only the shell folder, the entry and the preload do.
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', electronOnly] }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            {
              group: ['node:*', '**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ is pure: zod and itself only.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            {
              group: ['node:*', '**/main/**', '**/preload/**'],
              message: 'The renderer talks to the engine only through lib/api.ts.'
            }
          ]
        }
      ]
    }
  }
)
