import { resolve } from 'node:path'
import { openDemoFile } from '../db/demoStore'
import { generateDemoCampaign } from './generate'

const USAGE = 'usage: npm run demo -- --data-dir DIR [--recipients N] [--seed S]'

/** `npm run demo`: writes a synthetic completed campaign and prints its id on the last line. */
function main(): void {
  const args = process.argv.slice(2)
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
  }
  const dataDir = value('--data-dir')
  const recipients = Number(value('--recipients') ?? 10_000)
  const seed = Number(value('--seed') ?? 20261127)
  if (!dataDir) return fail(`--data-dir is required\n${USAGE}`)
  if (!Number.isInteger(recipients) || recipients < 1 || recipients > 10_000_000)
    return fail(`--recipients must be a whole number from 1 to 10,000,000\n${USAGE}`)
  if (!Number.isInteger(seed)) return fail(`--seed must be a whole number\n${USAGE}`)
  const file = openDemoFile(resolve(dataDir))
  try {
    if (file.shared)
      console.log('the data file is open in another process (app or serve): loading beside it')
    const result = generateDemoCampaign(file.store, {
      recipients,
      seed,
      // Beside a running engine, short write transactions keep its callback commits from waiting.
      rowsPerTransaction: file.shared ? 5_000 : undefined,
      onProgress: (done, total) => {
        if (done % 50_000 === 0 || done === total) console.log(`rows ${done}/${total}`)
      }
    })
    console.log(`provider ${result.providerId} (sandbox)`)
    console.log(
      `generated ${recipients} recipients in ${result.seconds.toFixed(1)} s (stats counted in ${result.countSeconds.toFixed(1)} s)`
    )
    console.log(result.campaignId)
  } finally {
    file.close()
  }
}

function fail(message: string): void {
  console.error(message)
  process.exitCode = 2
}

try {
  main()
} catch (err) {
  // A damaged or foreign data file, a full disk: one line, not a stack trace.
  console.error(`tickboard demo: ${(err as Error).message}`)
  process.exitCode = 1
}
