import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../helpers/tempDir'
import { useUiSession } from '../helpers/uiSession'

describe('contacts page in Chromium against the headless engine', () => {
  const tempDir = useTempDirs()
  const session = useUiSession()

  it('imports a CSV through the UI, shows the count and the rejected lines', async () => {
    const dir = tempDir()
    const serve = await session.serve(['--data-dir', join(dir, 'data'), '--no-demo'], {
      TICKBOARD_API_TOKEN: 'e2e-token'
    })
    const ui = await session.openUi(serve.ui)
    const { page } = ui
    await page.getByTestId('nav-contacts').click()
    await expect.poll(() => page.getByTestId('contacts-empty').isVisible()).toBe(true)

    const csvPath = join(dir, 'contacts.csv')
    const rows = ['phone,name,city']
    for (let i = 0; i < 120; i++) rows.push(`98123${String(45000 + i)},Person ${i},Pune`)
    rows.push('12,Too Short,Pune', '+919812345000,"Sharma, Asha",Mumbai')
    writeFileSync(csvPath, rows.join('\n'))
    await page.getByTestId('import-country').selectOption('IN')
    await page.getByTestId('import-contacts-file').setInputFiles(csvPath)

    await expect.poll(() => page.getByTestId('import-imported').textContent()).toBe('120')
    expect(await page.getByTestId('import-updated').textContent()).toBe('1')
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1')
    expect(await page.getByTestId('import-report').textContent()).toContain(
      'phone "12" is not a valid number'
    )
    await expect.poll(() => page.getByTestId('contacts-total').textContent()).toBe('120')
    expect(await page.getByTestId('pager-range').textContent()).toMatch(/1.50 of 120/)
    // Pages go by key: Next twice reaches the last 20, Previous comes back.
    await page.getByTestId('pager-next').click()
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toMatch(/51.100 of 120/)
    await page.getByTestId('pager-next').click()
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toMatch(/101.120 of 120/)
    expect(await page.getByTestId('pager-next').isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Previous' }).click()
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toMatch(/51.100 of 120/)

    await page.getByTestId('contacts-search').fill('Asha')
    await expect.poll(() => page.locator('[data-testid=contacts-table] tbody tr').count()).toBe(1)
    expect(ui.errors).toEqual([])
  })
})
