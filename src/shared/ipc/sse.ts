/**
 * Reads a server-sent event stream (`GET /api/events`) until it ends: each `event:`/`data:`
 * frame is handed over as the event's name and its JSON payload. The browser UI and the desktop
 * app on a team server read the same stream this one way.
 */
export async function readSseEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (name: string, payload: unknown) => void
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const name = /^event: (.+)$/m.exec(frame)?.[1]
      const data = /^data: (.+)$/m.exec(frame)?.[1]
      if (name && data !== undefined) onEvent(name, JSON.parse(data))
    }
  }
}
