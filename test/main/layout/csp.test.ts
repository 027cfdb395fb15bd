import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RENDERER_CSP, RENDERER_META_CSP } from '../../../src/main/http/csp'

describe('the renderer CSP has one definition', () => {
  it('index.html carries exactly the meta form of RENDERER_CSP', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(RENDERER_META_CSP)
    expect(RENDERER_CSP).toBe(
      `${RENDERER_META_CSP.replace(/; form-action/, "; frame-ancestors 'none'; form-action")}`
    )
  })
})
