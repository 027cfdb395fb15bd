import { join } from 'node:path'
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
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

// The layout of the README, as import zones: `target` files must not import `from` files.
// Every folder of src/main and what it is: the kernel and the leaves below every domain, the
// domains, and the composition root with its transports on top.
const MAIN_FOLDERS = [
  'bridge',
  'callbacks',
  'campaigns',
  'contacts',
  'db',
  'demo',
  'dispatch',
  'electron',
  'engine',
  'engineProcess.ts',
  'handlers',
  'headless',
  'http',
  'index.ts',
  'kernel',
  'optOuts',
  'pricing',
  'providers',
  'reconcile',
  'registration',
  'reports',
  'secrets',
  'stats',
  'system',
  'templates',
  'tunnel'
]
/** What every domain may import besides `shared/`: the kernel, the repositories and leaf helpers. */
export const DOMAIN_BASE = ['kernel', 'db', 'http', 'system']
/**
 * Each domain folder and the neighbours it may import (issue #21). Lower layers come first and
 * the graph has no loop (the layout test checks it): templates are below the provider adapters
 * that list and send them, dispatch is below the campaigns that give it work, and so on.
 */
export const DOMAIN_NEIGHBOURS = {
  secrets: [],
  templates: [],
  contacts: [],
  reports: [],
  optOuts: ['reports'],
  providers: ['templates', 'secrets'],
  pricing: ['providers', 'templates'],
  registration: ['providers'],
  callbacks: ['contacts', 'optOuts', 'pricing', 'providers', 'templates'],
  reconcile: ['callbacks', 'providers'],
  dispatch: ['callbacks', 'pricing', 'providers', 'templates'],
  stats: ['reconcile'],
  campaigns: ['dispatch', 'pricing', 'providers', 'registration', 'templates'],
  tunnel: ['callbacks', 'providers', 'registration'],
  demo: ['providers'],
  users: []
}
const MAIN_DOMAINS = [...Object.keys(DOMAIN_NEIGHBOURS), 'db', 'http'].map((d) => `./src/main/${d}`)
const path = (folder) => `./src/main/${folder}`
const domainZones = Object.entries(DOMAIN_NEIGHBOURS).map(([domain, neighbours]) => {
  const allowed = new Set([domain, ...DOMAIN_BASE, ...neighbours])
  return {
    // engine/ (the composition root) included: a domain gets what it uses from it, never imports it.
    target: path(domain),
    from: MAIN_FOLDERS.filter((f) => !allowed.has(f)).map(path),
    message: `${domain}/ imports the kernel, shared, db/, http/, system/ and its declared neighbours (${neighbours.join(', ') || 'none'}) only: DOMAIN_NEIGHBOURS in eslint.config.mjs.`
  }
})
const kernelZone = {
  target: path('kernel'),
  from: MAIN_FOLDERS.filter((f) => f !== 'kernel' && f !== 'system').map(path),
  message: 'kernel/ is the bottom of the engine: shared/ and system/ only.'
}
export const layoutZones = [
  {
    target: './src/shared',
    from: ['./src/main', './src/renderer', './src/preload'],
    message: 'shared/ is pure: zod and itself only.'
  },
  {
    target: './src/renderer',
    from: ['./src/main', './src/preload'],
    message: 'The renderer talks to the engine only through lib/api.ts and the shared contract.'
  },
  {
    target: './src/preload',
    from: ['./src/main', './src/renderer'],
    message: 'The preload exposes invoke/on over the shared channels, nothing else.'
  },
  {
    target: './src/main',
    from: ['./src/renderer', './src/preload'],
    message: 'The engine never imports the renderer or the preload.'
  },
  {
    target: [
      ...MAIN_DOMAINS,
      './src/main/bridge',
      './src/main/engine',
      './src/main/engineProcess.ts',
      './src/main/handlers',
      './src/main/headless'
    ],
    from: ['./src/main/electron', './src/main/index.ts'],
    message: 'Only the Electron shell (electron/, index.ts) may import the Electron shell.'
  },
  {
    target: MAIN_DOMAINS,
    from: [
      './src/main/handlers',
      './src/main/headless',
      './src/main/engine/createEngine.ts',
      './src/main/engine/services.ts'
    ],
    message:
      'Domain modules are composed by createEngine; they never import a transport or handlers.'
  },
  {
    target: './src/main/db',
    from: './src/main',
    except: ['./db'],
    message: 'db/ is the storage layer: shared types and itself only.'
  },
  {
    target: './src/main/http',
    from: './src/main',
    except: ['./http'],
    message: 'http/ holds leaf HTTP helpers (body, answers, CSP, static files): node only.'
  },
  kernelZone,
  ...domainZones
]

const rendererPatterns = [
  {
    group: ['node:*', '**/main/**', '**/preload/**'],
    message: 'The renderer talks to the engine only through lib/api.ts.'
  }
]

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
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these import-x skips .ts files when it follows imports (no cycle would be seen).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          // Absolute, so the layout test can lint a planted tree in a temp dir with this config.
          project: ['tsconfig.node.json', 'tsconfig.web.json'].map((f) =>
            join(import.meta.dirname, f)
          ),
          alwaysTryTypes: true,
          noWarnOnMultipleProjects: true
        }),
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })
      ]
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        { zones: layoutZones, basePath: import.meta.dirname }
      ]
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
      'no-restricted-imports': ['error', { paths: electronOnly.paths, patterns: rendererPatterns }]
    }
  },
  {
    // Data loads through stores only: pages and components never call the engine themselves.
    files: ['src/renderer/src/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/stores/**', 'src/renderer/src/lib/**', 'src/renderer/src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            ...rendererPatterns,
            {
              group: ['**/lib/api', '**/lib/api.ts'],
              message:
                'Feature files load data through stores (src/renderer/src/stores), not lib/api.ts.'
            }
          ]
        }
      ]
    }
  }
)
