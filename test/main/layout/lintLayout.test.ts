import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { DOMAIN_BASE, DOMAIN_NEIGHBOURS } from '../../../eslint.config.mjs'
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
  // A folder loop: providers may use templates, so templates reaching back up is refused.
  'src/main/providers/lister.ts':
    "import { format } from '../templates/format'\nexport const lister = (): number => format()\n",
  'src/main/templates/format.ts': 'export const format = (): number => 5\n',
  'src/main/templates/loopBack.ts':
    "import { lister } from '../providers/lister'\nexport const loopBack = (): number => lister()\n",
  // Cross-zone: stats has no neighbours; the kernel imports no domain.
  'src/main/dispatch/ourId.ts': 'export const ourId = (): number => 6\n',
  'src/main/stats/crossZone.ts':
    "import { ourId } from '../dispatch/ourId'\nexport const crossZone = (): number => ourId()\n",
  'src/main/kernel/upward.ts':
    "import { ourId } from '../dispatch/ourId'\nexport const kernelUp = (): number => ourId()\n",
  'src/main/kernel/kernel.ts': 'export const kernel = (): number => 7\n',
  'src/main/stats/usesKernel.ts':
    "import { kernel } from '../kernel/kernel'\nimport { openDb } from '../db/openDb'\nexport const k = (): number => kernel() + openDb()\n",
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

  it('fails on a folder loop (templates → providers while providers → templates) and on domains reaching across their zone', () => {
    for (const file of [
      'src/main/templates/loopBack.ts',
      'src/main/stats/crossZone.ts',
      'src/main/kernel/upward.ts'
    ])
      expect(results.get(file), file).toEqual([
        expect.stringMatching(/^import-x\/no-restricted-paths: .*(neighbours|kernel)/)
      ])
  })

  it('declares domain neighbours without a loop, for every domain folder of src/main', () => {
    const seen = new Map<string, 'open' | 'done'>()
    const visit = (domain: string, path: string[]): void => {
      if (seen.get(domain) === 'done') return
      expect(seen.get(domain), `loop: ${[...path, domain].join(' → ')}`).toBeUndefined()
      seen.set(domain, 'open')
      for (const n of DOMAIN_NEIGHBOURS[domain as keyof typeof DOMAIN_NEIGHBOURS] ?? [])
        visit(n, [...path, domain])
      seen.set(domain, 'done')
    }
    for (const domain of Object.keys(DOMAIN_NEIGHBOURS)) visit(domain, [])
    const folders = readdirSync(join(REPO, 'src/main'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
    const composition = ['bridge', 'electron', 'engine', 'handlers', 'headless']
    const leaves = [...DOMAIN_BASE]
    for (const folder of folders)
      expect(
        folder in DOMAIN_NEIGHBOURS || composition.includes(folder) || leaves.includes(folder),
        `src/main/${folder} has no zone`
      ).toBe(true)
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
      'src/main/providers/lister.ts',
      'src/main/stats/usesKernel.ts',
      'src/main/handlers/index.ts'
    ])
      expect(results.get(file), file).toEqual([])
  })
})
