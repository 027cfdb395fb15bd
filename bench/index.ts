/**
 * `npm run bench [-- name ...]`: runs every `bench/*.bench.ts` (or the named ones) one after
 * another and prints their numbers. Each module default-exports `{ name, run(): Promise<void> }`
 * and prints its own results; benches never run in `npm test`.
 */
interface Bench {
  name: string
  description: string
  run(): Promise<void>
}

const modules = import.meta.glob('./*.bench.ts', { eager: true, import: 'default' }) as Record<
  string,
  Bench
>

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
  const benches = Object.values(modules).filter(
    (b) => wanted.length === 0 || wanted.includes(b.name)
  )
  if (benches.length === 0) {
    console.error(
      `No bench named ${wanted.join(', ')}. Known: ${Object.values(modules)
        .map((b) => b.name)
        .join(', ')}`
    )
    process.exit(2)
  }
  for (const bench of benches) {
    console.log(`\n=== ${bench.name}: ${bench.description}`)
    await bench.run()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
