import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SOURCE_DIRS = ['src', 'canvas', 'db', 'bench']

/** Every relative import (type-only ones included) of every TypeScript file of the app. */
function importGraph(): Map<string, string[]> {
  const files = SOURCE_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name)),
  )
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    graph.set(
      relative(ROOT, file),
      importedFiles
        .map((imported) => imported.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => relative(ROOT, resolve(dirname(file), name.replace(/\.js$/, '.ts')))),
    )
  }
  return graph
}

/** Each cycle once, as the path that closes it (depth-first search, grey/black marking). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    path.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next])
      else if (!state.has(next) && graph.has(next)) visit(next)
    }
    path.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return found
}

/**
 * The same graph between owners: each folder directly under src/ is one (src/rewards, src/sync…),
 * and so are canvas/, db/ and bench/. Files directly in src/ (context, config, server…) are the
 * kernel and the composition root, not owners, and are left out.
 */
function folderGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const owner = (file: string): string | null => {
    const parts = file.split('/')
    if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : null
    return SOURCE_DIRS.includes(parts[0]!) ? parts[0]! : null
  }
  const folders = new Map<string, Set<string>>()
  for (const [file, imports] of graph) {
    const from = owner(file)
    if (!from) continue
    const targets = folders.get(from) ?? new Set<string>()
    folders.set(from, targets)
    for (const imported of imports) {
      const to = owner(imported)
      if (to && to !== from) targets.add(to)
    }
  }
  return new Map([...folders].map(([folder, targets]) => [folder, [...targets].sort()]))
}

describe('module structure', () => {
  it('has no import cycle in src/, canvas/, db/ or bench/ (the composition root owns the worker list)', () => {
    const graph = importGraph()
    expect(graph.size).toBeGreaterThan(100)
    expect(cycles(graph).map((cycle) => cycle.join(' > '))).toEqual([])
  })

  it('has no cycle between folders: each folder under src/ depends one way on the others', () => {
    const folders = folderGraph(importGraph())
    expect(folders.size).toBeGreaterThan(10)
    expect(cycles(folders).map((cycle) => cycle.join(' > '))).toEqual([])
  })

  it('would see a cycle: the search finds one in a made-up graph', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ])
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })
})
