import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The repository stands alone: code, comments and docs cite public documentation by URL or the
// repository's own files, never a private briefing or a tracker's issue number.
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SCANNED = [
  'src',
  'canvas',
  'db',
  'docs',
  'test',
  'bench',
  'public',
  'scripts',
  '.ci',
  'deploy',
]
const TOP_FILES = [
  'README.md',
  'Dockerfile',
  'docker-compose.yml',
  'package.json',
  'eslint.config.js',
]
const TEXT = /\.(ts|js|mjs|css|html|md|json|yml|yaml|sh)$|^run$|^Dockerfile$|^Caddyfile$/
const OUTSIDE = [
  /intercom-platform(\.md)?/i,
  /CONTRACT\.md/,
  /STYLE\.md/,
  /platform §/,
  /\b[Ii]ssue #?\d+/,
  /\/work\/shared\b/,
]

function files(): string[] {
  const found = TOP_FILES.filter((file) => existsSync(join(ROOT, file)))
  for (const dir of SCANNED) {
    if (!existsSync(join(ROOT, dir))) continue
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      const path = relative(ROOT, join(entry.parentPath, entry.name))
      if (entry.isFile() && TEXT.test(entry.name)) found.push(path)
    }
  }
  return found
}

/** Lines naming a document outside the repository or an issue number. */
function outsideReferences(path: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, at) =>
      OUTSIDE.some((pattern) => pattern.test(line)) ? [`${path}:${at + 1}: ${line.trim()}`] : [],
    )
}

// Pages each area writes for itself, linked from the README's index before they exist here.
const PAGES_OF_OTHER_AREAS = [
  'docs/security.md',
  'docs/fin.md',
  'docs/payouts.md',
  'docs/contests.md',
]

/** Relative links of a Markdown file that name no file of the repository. */
function brokenLinks(path: string, text: string): string[] {
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!)
  return links
    .filter((link) => !/^[a-z]+:|^#/.test(link))
    .map((link) => link.split('#')[0]!)
    .filter((link) => !existsSync(resolve(ROOT, dirname(path), link)))
    .filter(
      (link) => !PAGES_OF_OTHER_AREAS.includes(relative(ROOT, resolve(ROOT, dirname(path), link))),
    )
    .map((link) => `${path}: ${link}`)
}

describe('the repository stands alone', () => {
  const scanned = files()
  // This file names the patterns it looks for.
  const self = relative(ROOT, fileURLToPath(import.meta.url))

  it('cites no document outside it and no issue number', () => {
    expect(scanned.length).toBeGreaterThan(200)
    const found = scanned
      .filter((path) => path !== self)
      .flatMap((path) => outsideReferences(path, readFileSync(join(ROOT, path), 'utf8')))
    expect(found).toEqual([])
  })

  it('links from its Markdown only to files it has', () => {
    const found = scanned
      .filter((path) => path.endsWith('.md'))
      .flatMap((path) => brokenLinks(path, readFileSync(join(ROOT, path), 'utf8')))
    expect(found).toEqual([])
  })

  it('would see one: a briefing section and an issue number are caught', () => {
    expect(
      outsideReferences('x.ts', '// see intercom-platform.md §5.3\n// Issue 14: the card'),
    ).toEqual(['x.ts:1: // see intercom-platform.md §5.3', 'x.ts:2: // Issue 14: the card'])
  })
})
