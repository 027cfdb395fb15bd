import { parse, type Info } from 'csv-parse'
import { encodingProblem } from './textCheck'

export interface CsvRecord {
  /** 1-based line number in the file where the record starts (the header is line 1). */
  line: number
  values: Record<string, string>
}

export interface CsvProblem {
  line: number
  reason: string
}

export interface CsvBatchHandler {
  header(columns: string[]): void
  batch(records: CsvRecord[]): void
  problem(problem: CsvProblem): void
  progress?(processedBytes: number, totalBytes: number, processedLines: number): void
}

const BATCH = 2000
const CHUNK = 256 * 1024

/**
 * Streams a CSV text through a real parser in chunks (quoted fields, embedded commas and newlines,
 * BOM, CRLF) and hands records over in batches, so a 100k-row file never becomes one giant array
 * and the event loop breathes between chunks. Rows with the wrong number of cells become problems
 * with their line number; a fatal syntax error (an unclosed quote) ends the file as a problem
 * while every record before it is kept.
 */
export async function streamCsv(text: string, handler: CsvBatchHandler): Promise<void> {
  const encoding = encodingProblem(text)
  if (encoding) return handler.problem({ line: 1, reason: encoding })
  const parser = parse({
    bom: true,
    columns: false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: false,
    info: true,
    max_record_size: 1024 * 1024
  })
  let header: string[] | null = null
  let pending: CsvRecord[] = []
  let lastLine = 0
  const flush = (): void => {
    if (pending.length) handler.batch(pending)
    pending = []
  }
  const consume = (): void => {
    let item: { record: string[]; info: Info } | null
    while ((item = parser.read() as { record: string[]; info: Info } | null) !== null) {
      const line = item.info.lines - countNewlines(item.record)
      lastLine = item.info.lines
      if (!header) {
        header = item.record.map((c) => c.trim())
        handler.header(header)
        continue
      }
      if (item.record.length !== header.length) {
        handler.problem({
          line,
          reason: `expected ${header.length} cells as in the header, found ${item.record.length}`
        })
        continue
      }
      const values: Record<string, string> = {}
      header.forEach((col, i) => (values[col] = item!.record[i] ?? ''))
      pending.push({ line, values })
      if (pending.length >= BATCH) flush()
    }
  }
  await new Promise<void>((resolve, reject) => {
    let failed = false
    // A handler that throws (the database full, say) fails this import, never the process.
    const fail = (err: unknown): void => {
      if (failed) return
      failed = true
      parser.destroy()
      reject(err instanceof Error ? err : new Error(String(err)))
    }
    parser.on('readable', () => {
      try {
        consume()
      } catch (err) {
        fail(err)
      }
    })
    parser.on('error', (err: Error & { code?: string }) => {
      failed = true
      flush()
      // The parser's own line count is off with CRLF files; the broken record is the one that
      // starts right after the last complete record.
      const reason =
        err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted cell that starts on this line is never closed'
          : err.message
      handler.problem({
        line: lastLine + 1,
        reason: `CSV syntax error, the rest of the file was not read: ${reason}`
      })
      resolve()
    })
    parser.on('end', () => {
      if (failed) return
      try {
        flush()
        resolve()
      } catch (err) {
        fail(err)
      }
    })
    void (async () => {
      for (let offset = 0; offset < text.length && !failed; offset += CHUNK) {
        const ok = parser.write(text.slice(offset, offset + CHUNK))
        handler.progress?.(Math.min(offset + CHUNK, text.length), text.length, lastLine)
        if (!ok) await new Promise((r) => parser.once('drain', r))
        else await new Promise((r) => setImmediate(r))
      }
      if (!failed) parser.end()
    })().catch(fail)
  })
}

function countNewlines(record: string[]): number {
  // info.lines is the line the record ends on; a quoted cell can span lines.
  let n = 0
  for (const cell of record)
    for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) n++
  return n
}
