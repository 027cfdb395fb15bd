import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_FIX, findChromium } from '../../src/main/system/systemTools.mjs'
import { useTempDirs } from '../helpers/tempDir'

/**
 * `npm test`'s pretest step (scripts/pretest.mjs), run as a process with PATH pointed at folders
 * without Chromium and poppler (nothing is uninstalled). As root on this Debian machine the
 * install branch runs a recording `apt-get` stand-in; the non-root branch runs as `nobody`.
 */
const tempDir = useTempDirs()
const SCRIPT = resolve('scripts/pretest.mjs')
const NOBODY = 65534
/** The script and the one module it imports, at the same relative places. */
const SCRIPT_FILES = ['scripts/pretest.mjs', 'src/main/system/systemTools.mjs']

/**
 * A copy of the script that `nobody` can read: the checkout may live where only its owner can
 * (a clone under /root or in `mktemp -d`, mode 0700), and the script is the same file there.
 */
function readableScript(): string {
  const root = tempDir()
  for (const file of SCRIPT_FILES) {
    mkdirSync(dirname(join(root, file)), { recursive: true, mode: 0o755 })
    copyFileSync(resolve(file), join(root, file))
    chmodSync(join(root, file), 0o644)
  }
  for (const dir of ['', 'scripts', 'src', 'src/main', 'src/main/system'])
    chmodSync(join(root, dir), 0o755)
  return join(root, SCRIPT_FILES[0]!)
}

function run(env: Record<string, string>, asUser?: number) {
  const script = asUser === undefined ? SCRIPT : readableScript()
  const result = spawnSync(process.execPath, [script], {
    env: { HOME: '/tmp', ...env },
    encoding: 'utf8',
    ...(asUser === undefined ? {} : { uid: asUser, gid: asUser })
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

/** A folder with an `apt-get` that records its arguments and, on install, provides the tools. */
function fakeApt(fail = false): { bin: string; calls: () => string[] } {
  const bin = tempDir()
  const log = join(bin, 'apt.log')
  writeFileSync(log, '')
  const tool = '#!/bin/sh\nexit 0\n'
  const script = [
    '#!/bin/sh',
    `echo "$*" >> ${log}`,
    fail ? 'exit 100' : '',
    'if [ "$1" = install ]; then',
    ...['chromium', 'pdftotext', 'pdftoppm'].map(
      (t) => `  printf '${tool.replace(/\n/g, '\\n')}' > ${bin}/${t}; /bin/chmod 755 ${bin}/${t}`
    ),
    'fi'
  ].join('\n')
  writeFileSync(join(bin, 'apt-get'), `${script}\n`)
  chmodSync(join(bin, 'apt-get'), 0o755)
  return { bin, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) }
}

describe('pretest: Chromium and poppler before the tests', () => {
  it('finds them on this machine and says nothing', () => {
    expect(findChromium(process.env)).not.toBeNull()
    const result = run({ PATH: process.env.PATH ?? '' })
    expect(result).toMatchObject({ code: 0, out: '', err: '' })
  })

  it('as a non-root user without them: stops with one line naming the exact command', () => {
    const { bin } = fakeApt()
    chmodSync(bin, 0o755)
    const result = run({ PATH: bin }, NOBODY)
    expect(result.code).toBe(1)
    const lines = result.err.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(
      'run: sudo apt-get update && sudo apt-get install -y chromium poppler-utils'
    )
    expect(lines[0]).toMatch(/Chromium, poppler's pdftotext, poppler's pdftoppm missing/)
  })

  it('without apt-get: one line naming what to install', () => {
    const result = run({ PATH: tempDir() }, NOBODY)
    expect(result.code).toBe(1)
    expect(result.err.trim().split('\n')).toHaveLength(1)
    expect(result.err).toMatch(/install Chromium and poppler \(pdftotext, pdftoppm\)/)
  })

  it('as root on Debian: installs them with apt-get update then install -y, then passes', () => {
    const apt = fakeApt()
    const result = run({ PATH: apt.bin })
    expect(result.code, result.err).toBe(0)
    expect(apt.calls()).toEqual(['update', 'install -y chromium poppler-utils'])
    expect(result.out).toMatch(/installing chromium poppler-utils with apt-get/)
  })

  it('as root when apt-get fails: one line with the command, non-zero', () => {
    const apt = fakeApt(true)
    const result = run({ PATH: apt.bin })
    expect(result.code).toBe(1)
    expect(apt.calls()).toEqual(['update'])
    expect(result.err.trim().split('\n').at(-1)).toMatch(
      /apt-get update failed \(exit 100\); run: apt-get update && apt-get install -y chromium poppler-utils/
    )
  })

  it('a CHROMIUM_PATH that is not an executable is named, not replaced by another browser', () => {
    const bin = tempDir()
    mkdirSync(join(bin, 'sub'))
    const result = run({ PATH: process.env.PATH ?? '', CHROMIUM_PATH: join(bin, 'nope') })
    expect(result.code).toBe(1)
    expect(result.err).toMatch(/CHROMIUM_PATH=.*nope is not an executable.*point CHROMIUM_PATH/)
    expect(findChromium({ PATH: process.env.PATH, CHROMIUM_PATH: join(bin, 'nope') })).toBeNull()
  })

  it('the fix named by the PDF printer is the same command', () => {
    expect(CHROMIUM_FIX).toContain(
      'sudo apt-get update && sudo apt-get install -y chromium poppler-utils'
    )
    expect(CHROMIUM_FIX).toContain('CHROMIUM_PATH')
  })
})
