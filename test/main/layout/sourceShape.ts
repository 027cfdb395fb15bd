import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/**
 * A static reading of `src/main` (issue #21's "Shape" measurement): which files write which
 * tables, which files hold SQL, which call routes and which read the environment.
 *
 * A repository is any file under `src/main/db/` (db/repos/** and the storage layer beside it:
 * open, migrate, backup, restore); migrations are schema, not writers. SQL is an uppercase
 * statement head in code (comments are skipped): SELECT … FROM, INSERT INTO, UPDATE … SET,
 * DELETE FROM, CREATE/DROP, PRAGMA, or a connection (`db`, `…Db`, `reader`) used directly.
 */
export interface SourceFile {
  /** Path relative to `src/main`, with forward slashes. */
  path: string
  text: string
}

const CODE = /\.(ts|mts|mjs|js)$/

export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (CODE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts'))
        out.push({
          path: relative(root, full).split(sep).join('/'),
          text: stripComments(readFileSync(full, 'utf8'))
        })
    }
  }
  walk(root)
  return out
}

/** Drops `//` and `/* *\/` comments outside string literals (good enough for our own sources). */
export function stripComments(text: string): string {
  let out = ''
  let quote: string | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      out += c
      if (c === '\\') out += text[++i] ?? ''
      else if (c === quote) quote = null
      continue
    }
    if (c === "'" || c === '"' || c === '`') {
      quote = c
      out += c
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      out += '\n'
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end < 0 ? text.length : end + 1
    } else out += c
  }
  return out
}

export const isRepository = (path: string): boolean => path.startsWith('db/')

const WRITES = [
  /\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\s+([a-z_][a-z0-9_]*)/g,
  /\bREPLACE\s+INTO\s+([a-z_][a-z0-9_]*)/g,
  /\bUPDATE\s+(?:OR\s+[A-Z]+\s+)?([a-z_][a-z0-9_]*)\s+SET\b/g,
  /\bDELETE\s+FROM\s+([a-z_][a-z0-9_]*)/g
]
const SQL = [
  /\bSELECT\b[^;]*?\bFROM\b/,
  /\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b/,
  /\bUPDATE\s+[a-z_]+\s+SET\b/,
  /\bDELETE\s+FROM\b/,
  /\b(?:CREATE|DROP)\s+(?:TABLE|INDEX|VIEW|TRIGGER)\b/,
  /\bPRAGMA\b/,
  // A connection used directly (named db, reader, …Db): statements prepared, pragmas, raw exec.
  /\b(?:db|[a-z]\w*Db|reader)\.(?:prepare|pragma|exec|transaction)\b/
]

/** Tables each file writes (by its SQL text). */
export function tablesWritten(file: SourceFile): Set<string> {
  const tables = new Set<string>()
  for (const re of WRITES) for (const m of file.text.matchAll(re)) tables.add(m[1]!)
  return tables
}

export const holdsSql = (file: SourceFile): boolean => SQL.some((re) => re.test(file.text))

export interface Shape {
  /** Table → the files that write it, for tables written from more than one file. */
  sharedTables: Record<string, string[]>
  /** Files outside `db/` that hold SQL. */
  sqlOutsideRepositories: string[]
  /** Files that call routes through the context (`ctx.call(`). */
  routeCalls: string[]
  /** Files outside `kernel/environment.ts` that read `process.env`. */
  envReads: string[]
  /** Files outside `db/` and the composition root that get the raw connection. */
  connectionHolders: string[]
  /** Files that define or take the old `EngineContext` (gone: a master key to everything, #21). */
  contextUsers: string[]
  /** Files outside `db/` and the composition root that build a repository (`createXRepo(`). */
  repositoriesBuiltOutsideRoot: string[]
  /** Repository factories the composition root calls more than once (one instance each). */
  repositoriesBuiltTwice: string[]
}

/** The composition root: the only place outside `db/` that opens and hands out the connection. */
export const COMPOSITION_ROOT = ['engine/createEngine.ts', 'engine/services.ts']

/** A repository factory called (`createXRepo(`, `createXRepos(`), not its definition. */
const REPO_BUILD = /(?<!\bfunction\s+)\b(create[A-Z]\w*Repos?)\(/g

function repositoryBuilds(text: string): string[] {
  return [...text.matchAll(REPO_BUILD)].map((m) => m[1]!)
}

const CONNECTION = /\bfrom '[./]*(?:db\/)?openDb'|\bfrom 'better-sqlite3'|\bctx\.db\b/

export function measureShape(files: SourceFile[]): Shape {
  const writers = new Map<string, string[]>()
  for (const f of files)
    for (const t of tablesWritten(f)) writers.set(t, [...(writers.get(t) ?? []), f.path])
  const sharedTables: Record<string, string[]> = {}
  for (const [t, paths] of [...writers].sort(([a], [b]) => a.localeCompare(b)))
    if (paths.length > 1) sharedTables[t] = paths
  return {
    sharedTables,
    sqlOutsideRepositories: files
      .filter((f) => !isRepository(f.path) && holdsSql(f))
      .map((f) => f.path),
    routeCalls: files.filter((f) => /\bctx\.call\(/.test(f.text)).map((f) => f.path),
    envReads: files
      .filter((f) => f.path !== 'kernel/environment.ts' && /\bprocess\.env\b/.test(f.text))
      .map((f) => f.path),
    connectionHolders: files
      .filter((f) => !isRepository(f.path) && !COMPOSITION_ROOT.includes(f.path))
      .filter((f) => CONNECTION.test(f.text))
      .map((f) => f.path),
    contextUsers: files.filter((f) => /\bEngineContext\b/.test(f.text)).map((f) => f.path),
    repositoriesBuiltOutsideRoot: files
      .filter((f) => !isRepository(f.path) && !COMPOSITION_ROOT.includes(f.path))
      .filter((f) => repositoryBuilds(f.text).length > 0)
      .map((f) => f.path),
    repositoriesBuiltTwice: builtTwice(
      files
        .filter((f) => COMPOSITION_ROOT.includes(f.path))
        .flatMap((f) => repositoryBuilds(f.text))
    )
  }
}

function builtTwice(factories: string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const name of factories) (seen.has(name) ? twice : seen).add(name)
  return [...twice].sort()
}
