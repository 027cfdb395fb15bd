import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const REPO = resolve(__dirname, '../../..')
const CONFIG_FILES = ['eslint.config.mjs', 'tsconfig.node.json', 'tsconfig.web.json']

// A miniature tree with the app's folder names beside a copy of the app's own eslint.config.mjs
// (its zones and tsconfig paths are relative to the config file).
const FILES: Record<string, string> = {
  'src/main/stats/engine.ts':
    "import { drill } from './drill'\nexport const engine = (): number => drill()\n",
  'src/main/stats/drill.ts':
    "import { engine } from './engine'\nexport const drill = (): number => engine()\n",
  'src/main/db/openDb.ts': 'export const openDb = (): number => 1\n',
  'src/main/handlers/index.ts': 'export const handlers = (): number => 2\n',
  'src/shared/clean.ts': 'export const clean = (): number => 3\n',
  'src/shared/impure.ts':
    "import { openDb } from '../main/db/openDb'\nexport const impure = (): number => openDb()\n",
  'src/renderer/src/reach.ts':
    "import { openDb } from '../../main/db/openDb'\nexport const reach = (): number => openDb()\n",
  'src/main/db/upward.ts':
    "import { handlers } from '../handlers/index'\nexport const upward = (): number => handlers()\n",
  'src/main/engine/services.ts': 'export const services = (): number => 4\n',
  'src/main/tunnel/reachUp.ts':
    "import { services } from '../engine/services'\nexport const reachUp = (): number => services()\n",
  // The renderer: only stores (and lib/) call the engine through lib/api.ts.
  'src/renderer/src/lib/api.ts': 'export const api = { invoke: (): number => 5 }\n',
  'src/renderer/src/stores/thingStore.ts':
    "import { api } from '../lib/api'\nexport const loadThing = (): number => api.invoke()\n",
  'src/renderer/src/features/things/ThingPage.ts':
    "import { loadThing } from '../../stores/thingStore'\nexport const page = (): number => loadThing()\n",
  'src/renderer/src/features/things/DirectPage.ts':
    "import { api } from '../../lib/api'\nexport const direct = (): number => api.invoke()\n"
}

let root = ''
let results = new Map<string, string[]>()

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tickboard-lint-'))
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  for (const file of CONFIG_FILES) copyFileSync(join(REPO, file), join(root, file))
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir')
  const eslint = new ESLint({ cwd: root })
  const linted = await eslint.lintFiles(Object.keys(FILES))
  results = new Map(
    linted.map((r) => [
      r.filePath.slice(root.length + 1),
      r.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)
    ])
  )
}, 60_000)
afterAll(() => {
  // The shared node_modules is only linked: remove the link first, never what it points to.
  unlinkSync(join(root, 'node_modules'))
  rmSync(root, { recursive: true, force: true })
})

describe('lint enforces the layout', () => {
  it('fails on an import cycle', () => {
    expect(results.get('src/main/stats/engine.ts')).toEqual([
      expect.stringMatching(/^import-x\/no-cycle:/)
    ])
    expect(results.get('src/main/stats/drill.ts')).toEqual([
      expect.stringMatching(/^import-x\/no-cycle:/)
    ])
  })

  it('fails on cross-zone imports: shared → main, renderer → main, db → handlers, domain → services', () => {
    for (const file of [
      'src/shared/impure.ts',
      'src/renderer/src/reach.ts',
      'src/main/db/upward.ts',
      // Services are composed by engine/services.ts; a domain module never reaches back up to it.
      'src/main/tunnel/reachUp.ts'
    ])
      expect(results.get(file), file).toEqual(
        expect.arrayContaining([expect.stringMatching(/^import-x\/no-restricted-paths:/)])
      )
  })

  it('fails on a renderer feature file that calls the engine without a store', () => {
    expect(results.get('src/renderer/src/features/things/DirectPage.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*load data through stores/)
    ])
  })

  it('passes files that keep to their zone', () => {
    for (const file of [
      'src/renderer/src/stores/thingStore.ts',
      'src/renderer/src/features/things/ThingPage.ts',
      'src/shared/clean.ts',
      'src/main/db/openDb.ts',
      'src/main/handlers/index.ts'
    ])
      expect(results.get(file), file).toEqual([])
  })
})
