// GET /api/health of the local engine (TICKBOARD_PORT, from the unit's EnvironmentFile).
// `node deploy/health.mjs` checks once; `--wait S` retries for up to S seconds (the unit's
// ExecStartPost, so "started" means answering). Exit 0 healthy, 1 not.
const port = process.env.TICKBOARD_PORT
if (!port) {
  console.error('health: TICKBOARD_PORT is not set (see deploy/tickboard.env.example)')
  process.exit(1)
}
const waitIndex = process.argv.indexOf('--wait')
const waitSeconds = waitIndex >= 0 ? Number(process.argv[waitIndex + 1]) : 0
const deadline = Date.now() + waitSeconds * 1000
const url = `http://127.0.0.1:${port}/api/health`

for (;;) {
  let problem
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
    const body = await res.json().catch(() => null)
    if (res.ok && body?.ok === true) {
      console.log(`health: ok, version ${body.version}`)
      process.exit(0)
    }
    problem = `HTTP ${res.status}`
  } catch (err) {
    problem = err.cause?.code ?? err.message
  }
  if (Date.now() >= deadline) {
    console.error(`health: ${url} is not answering (${problem})`)
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 250))
}
