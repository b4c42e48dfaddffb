import { readFileSync } from 'node:fs'
import type { Express } from 'express'

export interface PublicRoute {
  readonly method: string
  /** A concrete path: parameters (`:code`, `*rest`) are filled with a sample value. */
  readonly path: string
  /** The pattern as mounted, for messages. */
  readonly pattern: string
}

interface Layer {
  rawPath?: unknown
  route?: { path: unknown; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
}

const manifest = JSON.parse(
  readFileSync(new URL('../../app-manifest.json', import.meta.url), 'utf8'),
)

function manifestPaths(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string' && node.startsWith('/')) out.push(node)
  else if (node && typeof node === 'object')
    for (const v of Object.values(node)) manifestPaths(v, out)
  return out
}

function concrete(pattern: string): string {
  return pattern
    .replace(/\{([^}]*)\}/g, '$1')
    .replace(/:(\w+)/g, (_m, name: string) => `sample-${name}`)
    .replace(/\*(\w+)/g, 'sample/rest')
}

function walk(stack: Layer[], prefix: string, out: PublicRoute[]): void {
  for (const layer of stack) {
    const raw = typeof layer.rawPath === 'string' ? layer.rawPath : ''
    if (layer.route && typeof layer.route.path === 'string') {
      const pattern = `${prefix}${layer.route.path}`.replace(/\/+/g, '/')
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue
        out.push({ method: method.toUpperCase(), path: concrete(pattern), pattern })
      }
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, raw === '/' ? prefix : `${prefix}${raw}`, out)
    }
  }
}

/**
 * Every route the app serves, found at run time: the Express router stack (so routes other
 * people add later are covered) plus every path app-manifest.json promises to Intercom, and the
 * referral link with a sample code.
 */
export function publicRoutes(app: Express): PublicRoute[] {
  const out: PublicRoute[] = []
  const stack = (app as unknown as { router?: { stack: Layer[] } }).router?.stack ?? []
  walk(stack, '', out)
  for (const path of manifestPaths(manifest)) {
    const target = path === manifest.referral_link_prefix ? `${path}/sample-code` : path
    out.push({ method: 'POST', path: target, pattern: path })
    out.push({ method: 'GET', path: target, pattern: path })
  }
  const seen = new Set<string>()
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
