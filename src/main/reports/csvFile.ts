import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { placeFile, type FileTarget } from '../db/placeFile'
import { csvLine, toCell, type CellValue } from './csvCell'

/** UTF-8 byte order mark: spreadsheet apps need it to read the file as UTF-8. */
const BOM = '\uFEFF'
const BATCH_ROWS = 2000

export interface CsvWriteOptions {
  /** Called every `progressEvery` rows and once at the end with the rows written so far. */
  onProgress?: (rows: number) => void
  progressEvery?: number
}

/**
 * Writes a CSV file (UTF-8 with BOM, every cell neutralised) from a row source that may be a
 * lazy database iterator: rows are joined into small batches and written with backpressure,
 * so memory stays flat however many rows there are. The file appears at `path` only when
 * complete (written to a side file, then renamed), so a failed export never leaves half a file
 * or destroys an earlier one.
 */
export async function writeCsvFile(
  target: FileTarget,
  header: string[],
  rows: Iterable<CellValue[]>,
  options: CsvWriteOptions = {}
): Promise<{ path: string; bytes: number; rows: number }> {
  function* lines() {
    for (const row of rows) yield csvLine(row.map(toCell))
  }
  return writeCsvLines(target, csvLine(header.map((h) => toCell(h))), lines(), options)
}

/** The same, from records already formatted by `csvLine` (or an equivalent, tested writer). */
export async function writeCsvLines(
  target: FileTarget,
  headerLine: string,
  lines: Iterable<string>,
  options: CsvWriteOptions = {}
): Promise<{ path: string; bytes: number; rows: number }> {
  const { path } = target
  const partial = `${path}.${randomBytes(4).toString('hex')}.part`
  const out = createWriteStream(partial, { flags: 'wx' })
  const failed = new Promise<never>((_, reject) => out.once('error', reject))
  failed.catch(() => undefined)
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed])
  }
  const every = options.progressEvery ?? 50_000
  let count = 0
  try {
    await Promise.race([once(out, 'open'), failed])
    await write(BOM + headerLine)
    let batch = ''
    let inBatch = 0
    for (const line of lines) {
      batch += line
      count++
      if (++inBatch === BATCH_ROWS) {
        await write(batch)
        batch = ''
        inBatch = 0
      }
      if (options.onProgress && count % every === 0) options.onProgress(count)
    }
    if (batch) await write(batch)
    out.end()
    await Promise.race([once(out, 'finish'), failed])
    await placeFile(partial, target)
  } catch (err) {
    out.destroy()
    await rm(partial, { force: true })
    throw err
  }
  options.onProgress?.(count)
  return { path, bytes: (await stat(path)).size, rows: count }
}
