#!/usr/bin/env node
// CI gate: runs Electronegativity over the sources and fails on any HIGH finding or on a file it
// could not parse (unscanned code proves nothing). Writes a CSV report for the CI log/artifacts.
//   node scripts/electronegativityGate.mjs [input=src] [report.csv]
// It runs Electronegativity's own runner rather than reading the CLI's `-o x.csv`: in 1.10.3 the
// CLI writes the CSV header and the rows with two racing async writes, so the header can overwrite
// the first finding (severity included), which a gate must not silently lose.
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity')
const electronVersion = require('electron/package.json').version

const input = process.argv[2] ?? 'src'
const report = process.argv[3] ?? null
/** Network-only: it downloads Electron's release list, which CI (and this sandbox) cannot reach. */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck']

const result = await run({
  input,
  excludeFromScan: EXCLUDED,
  electronVersionOverride: electronVersion,
  isRelative: true
})

const issues = result.issues.map((i) => ({
  id: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: i.file,
  location: `${i.location.line}:${i.location.column}`,
  sample: i.sample ?? '',
  description: i.description,
  manualReview: Boolean(i.manualReview)
}))

if (report) {
  const cell = (v) => `"${String(v).replace(/"/g, '""')}"`
  const lines = [
    'issue,severity,confidence,filename,location,sample,description,manual_review',
    ...issues.map((i) =>
      [i.id, i.severity, i.confidence, i.file, i.location, i.sample, i.description, i.manualReview]
        .map(cell)
        .join(',')
    )
  ]
  writeFileSync(report, `${lines.join('\n')}\n`)
}

const bySeverity = {}
for (const i of issues) bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + 1
console.log(
  `electronegativity (Electron ${electronVersion}, ${result.atomicChecks} atomic + ${result.globalChecks} global checks, excluded ${EXCLUDED.join(', ')}) on ${input}: ${
    Object.entries(bySeverity)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ') || 'no findings'
  }`
)
for (const i of issues)
  console.log(`  ${i.severity.padEnd(13)} ${i.id.padEnd(28)} ${i.file}:${i.location}`)

const high = issues.filter((i) => i.severity === 'HIGH')
const unparsed = result.errors ?? []
for (const e of unparsed) console.error(`  could not scan ${e.file ?? ''}: ${e.message ?? e}`)
if (high.length || unparsed.length) {
  console.error(
    `electronegativity gate FAILED: ${high.length} HIGH finding(s), ${unparsed.length} unscanned file(s). See SECURITY.md.`
  )
  process.exit(1)
}
console.log(
  'electronegativity gate passed: no HIGH finding (remaining ones are explained in SECURITY.md)'
)
