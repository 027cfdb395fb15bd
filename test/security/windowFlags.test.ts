import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every `.ts` file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

/** The options literal of each `new BrowserWindow({...})`, by brace matching. */
function windowOptions(text: string): string[] {
  const found: string[] = []
  for (
    let at = text.indexOf('new BrowserWindow(');
    at >= 0;
    at = text.indexOf('new BrowserWindow(', at + 1)
  ) {
    const open = text.indexOf('{', at)
    let depth = 0
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') depth++
      else if (text[i] === '}' && --depth === 0) {
        found.push(text.slice(open, i + 1))
        break
      }
    }
  }
  return found
}

describe('Electron windows', () => {
  it('set contextIsolation, sandbox and nodeIntegration explicitly, every one of them', () => {
    const windows = sources('src').flatMap((file) =>
      windowOptions(readFileSync(file, 'utf8')).map((options) => ({ file, options }))
    )
    expect(windows.length).toBeGreaterThanOrEqual(1)
    for (const { file, options } of windows) {
      expect(options, file).toMatch(/contextIsolation:\s*true/)
      expect(options, file).toMatch(/sandbox:\s*true/)
      expect(options, file).toMatch(/nodeIntegration:\s*false/)
      expect(options, file).not.toMatch(/webSecurity:\s*false|allowRunningInsecureContent:\s*true/)
    }
  })

  it('the renderer page carries a CSP that allows only its own scripts', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).toMatch(/object-src 'none'/)
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })
})
