import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Module-level variables of src/ that may change after load, with the reason each is not an
 * instance's state: a deferred `import` (the module system caches those anyway) or the browser
 * page's own script, where one page is one instance. Everything else an instance remembers or
 * notifies is created by the composition root (src/server.ts) and passed in.
 */
const ALLOWED: Record<string, string> = {
  'src/intercom/sdk.ts loading': 'the Intercom SDK, imported on first use (a deferred import)',
  'src/intercom/sdk.ts loaded': 'the Intercom SDK, imported on first use (a deferred import)',
  'src/billing/stripe-client.ts loading':
    'the Stripe SDK, imported on first use (a deferred import)',
  'src/billing/stripe-client.ts loaded':
    'the Stripe SDK, imported on first use (a deferred import)',
  'src/snippet/bundle.ts loading': 'the shipped browser snippet, read or bundled on first use',
  'src/ledger/fraud/disposable-domains.ts domains': 'the shipped domain list, read on first use',
  'src/dashboard-client/confirm.ts dialog': 'browser script: the page’s one confirmation dialog',
  'src/dashboard-client/rows.ts ruleSerial':
    'browser script: unique ids for rows added on the page',
  'src/playground-client/playground.ts created':
    'browser script: the contacts the visitor made on the playground page',
}

const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array'])

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'),
    )
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

function unwrap(node: ts.Expression): ts.Expression {
  let at = node
  while (
    ts.isAsExpression(at) ||
    ts.isSatisfiesExpression(at) ||
    ts.isParenthesizedExpression(at) ||
    ts.isTypeAssertionExpression(at)
  )
    at = at.expression
  return at
}

/**
 * Why a top-level declaration holds state that changes at run time, or null: a `let`/`var`, or a
 * `const` starting out as an empty collection (a registry, a listener list, a cache). A collection
 * filled at load (`new Set([...])`, `['a', 'b']`) is a lookup table, a constant.
 */
function mutableState(list: ts.VariableDeclarationList, declaration: ts.VariableDeclaration) {
  if (!(list.flags & ts.NodeFlags.Const)) return 'a module-level let/var'
  if (!declaration.initializer) return null
  const value = unwrap(declaration.initializer)
  if (ts.isArrayLiteralExpression(value) && value.elements.length === 0)
    return 'an empty array filled at run time'
  if (ts.isObjectLiteralExpression(value) && value.properties.length === 0)
    return 'an empty object filled at run time'
  if (
    ts.isNewExpression(value) &&
    ts.isIdentifier(value.expression) &&
    COLLECTIONS.has(value.expression.text) &&
    (value.arguments?.length ?? 0) === 0
  )
    return `an empty ${value.expression.text} filled at run time`
  return null
}

function moduleState(): Array<{ key: string; why: string }> {
  const found: Array<{ key: string; why: string }> = []
  for (const file of sourceFiles('src')) {
    const source = ts.createSourceFile(
      file,
      readFileSync(join(ROOT, file), 'utf8'),
      ts.ScriptTarget.Latest,
    )
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue
      for (const declaration of statement.declarationList.declarations) {
        const why = mutableState(statement.declarationList, declaration)
        if (why) found.push({ key: `${file} ${declaration.name.getText(source)}`, why })
      }
    }
  }
  return found
}

describe('module-level state in src/', () => {
  const found = moduleState()

  it('has none: listeners and caches are created by the composition root and passed in', () => {
    const unexpected = found
      .filter(({ key }) => !(key in ALLOWED))
      .map(({ key, why }) => `${key}: ${why}`)
    expect(unexpected).toEqual([])
  })

  it('allows only what is still there (the allow-list does not outlive its entries)', () => {
    const present = new Set(found.map(({ key }) => key))
    expect(Object.keys(ALLOWED).filter((key) => !present.has(key))).toEqual([])
  })

  it('catches a registry, a cache and a flag', () => {
    const probe = ts.createSourceFile(
      'probe.ts',
      'const listeners: Array<() => void> = []\nconst cache = new Map<string, number>()\nlet installed = false\nconst CODES = new Set(["USD"])\nconst NAMES = ["a"] as const',
      ts.ScriptTarget.Latest,
    )
    const flagged = probe.statements
      .filter(ts.isVariableStatement)
      .flatMap((s) => s.declarationList.declarations.map((d) => mutableState(s.declarationList, d)))
    expect(flagged.map((why) => why !== null)).toEqual([true, true, true, false, false])
  })
})
