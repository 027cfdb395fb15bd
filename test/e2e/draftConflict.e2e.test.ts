import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serveApi } from '../helpers/serveApi'
import { shootBothThemes } from '../helpers/screens'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

const TOKEN = 'draft-conflict-e2e-token'

describe('two people editing one draft, in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('the later save of an older version says who changed the draft and when, and keeps their edit', async () => {
    const serve = await session.serve(['--data-dir', join(tempDir(), 'data')], {
      TICKBOARD_API_TOKEN: TOKEN
    })
    const admin = serveApi(serve.api, TOKEN)
    const { providers } = await admin('providers.list', {})
    const providerId = providers.find((p) => p.type === 'sandbox')!.id
    const draft = {
      name: 'Spring drop',
      providerId,
      template: { name: 'diwali_offer', language: 'en', params: ['{{name}}', 'DIWALI20'] },
      audience: { all: true as const },
      controlGroupPercent: 10
    }
    const { id } = await admin('campaigns.create', draft)
    const asha = await admin('users.create', { name: 'Asha', role: 'operator' })

    const { page, errors } = await session.openUi(serve.ui)
    await page.goto(`${serve.api}/#/compose/${id}`)
    await expect.poll(() => page.getByTestId('compose-name').inputValue()).toBe('Spring drop')
    // Asha saves her edit while this window still shows version 1.
    await serveApi(serve.api, asha.token)('campaigns.update', {
      id,
      version: 1,
      draft: { ...draft, name: 'Spring drop (Asha)' }
    })
    await page.getByTestId('compose-name').fill('Spring drop (admin)')
    await page.getByTestId('compose-save').click()
    const error = page.getByTestId('compose-error')
    await expect
      .poll(() => error.textContent())
      .toMatch(
        /Spring drop \(Asha\) was changed by Asha at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(version 2; you edited version 1\): reload it/
      )
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.getByTestId('compose-save').scrollIntoViewIfNeeded()
    await shootBothThemes(page, 'compose-conflict')
    expect((await admin('campaigns.get', { id })).name).toBe('Spring drop (Asha)')
    // Chromium logs the refused request itself; nothing else went wrong on the page.
    expect(errors).toEqual([expect.stringMatching(/status of 409 \(Conflict\)/)])
  }, 90_000)
})
