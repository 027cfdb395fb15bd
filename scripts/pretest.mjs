#!/usr/bin/env node
// `npm test`'s pretest step: the end-to-end tests and the PDF export need a Chromium and poppler's
// pdftotext/pdftoppm. Found (CHROMIUM_PATH, then chromium, chromium-browser, google-chrome on
// PATH): nothing to do. Missing, as root on Debian/Ubuntu: installs them with apt-get. Otherwise
// stops before the build with one line naming the exact command.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import {
  APT_PACKAGES,
  aptInstallCommand,
  findOnPath,
  missingTestTools
} from '../src/main/system/systemTools.mjs'

function isDebianLike() {
  if (existsSync('/etc/debian_version')) return true
  try {
    const release = readFileSync('/etc/os-release', 'utf8')
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release)
  } catch {
    return false
  }
}

function stop(line) {
  console.error(`npm test: ${line}`)
  process.exit(1)
}

const missing = missingTestTools(process.env)
if (missing.length === 0) process.exit(0)
const what = missing.join(', ')
if (process.env.CHROMIUM_PATH && missing.some((m) => m.includes('CHROMIUM_PATH')))
  stop(`${what}: point CHROMIUM_PATH at a Chromium or Chrome executable, or unset it`)

const aptGet = findOnPath('apt-get', process.env)
const root = process.getuid?.() === 0
if (!root || !aptGet || !isDebianLike()) {
  const command = aptGet
    ? aptInstallCommand(!root)
    : "install Chromium and poppler (pdftotext, pdftoppm) with your system's package manager, or set CHROMIUM_PATH"
  stop(`${what} missing; run: ${command}`)
}

console.log(`npm test: ${what} missing; installing ${APT_PACKAGES.join(' ')} with apt-get`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [['update'], ['install', '-y', ...APT_PACKAGES]]) {
  const run = spawnSync(aptGet, args, { stdio: 'inherit', env })
  if (run.status !== 0)
    stop(`apt-get ${args.join(' ')} failed (exit ${run.status}); run: ${aptInstallCommand()}`)
}
const still = missingTestTools(process.env)
if (still.length)
  stop(`${still.join(', ')} still missing after apt-get install; run: ${aptInstallCommand()}`)
