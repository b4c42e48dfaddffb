import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../db/migrations/index.js'

// Merged migrations are frozen: a database that ran one never runs it again, so an edit would
// leave old and new databases different. Each one's code (comments and layout aside: what runs)
// has a recorded SHA-256. A new migration gets its checksum with
//   RECORD_MIGRATION_CHECKSUMS=1 npx vitest run test/unit/migration-checksums.test.ts
// which adds missing ones and never replaces a recorded one.
const DIR = new URL('../../db/migrations/', import.meta.url)
const RECORD = new URL('checksums.json', DIR)

/** The JavaScript a migration runs as: types, comments and layout gone. */
function codeOf(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: {
      removeComments: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
    },
  }).outputText
}

function checksum(name: string): string {
  const source = readFileSync(new URL(`${name}.ts`, DIR), 'utf8')
  return createHash('sha256').update(codeOf(source)).digest('hex')
}

describe('merged migrations', () => {
  const recorded = JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, string>
  const names = Object.keys(migrations)

  if (process.env.RECORD_MIGRATION_CHECKSUMS) {
    const added = Object.fromEntries(
      names.filter((name) => !recorded[name]).map((name) => [name, checksum(name)]),
    )
    writeFileSync(RECORD, `${JSON.stringify({ ...recorded, ...added }, null, 2)}\n`)
    Object.assign(recorded, added)
  }

  it('each has a recorded checksum', () => {
    expect(names.filter((name) => !recorded[name])).toEqual([])
  })

  it.each(names)('%s is unchanged', (name) => {
    expect(checksum(name), `${name} changed after it was merged: add a new migration instead`).toBe(
      recorded[name],
    )
  })

  it('ignores comments but sees code', () => {
    const base = 'export async function up(db) { await db.schema.createTable("a").execute() }'
    expect(codeOf(`// why\n${base}`)).toBe(codeOf(base))
    expect(codeOf(base.replace('"a"', '"b"'))).not.toBe(codeOf(base))
  })
})
