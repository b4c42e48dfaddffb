import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'
import type { RequestHandler } from 'express'

export interface ClientBundle {
  readonly code: string
  readonly etag: string
}

/** Where scripts/build.mjs writes the dashboard's browser script: beside this module in dist/. */
export const BUILT_CLIENT_FILE = 'dashboard-client.min.js'

/** The browser entry of the dashboard (TypeScript, sharing the server's schemas). */
export const CLIENT_ENTRY = fileURLToPath(
  new URL('../../../dashboard-client/main.ts', import.meta.url),
)

/**
 * The other browser scripts, TypeScript in src/playground-client/ bundled the same way: the Canvas
 * Kit renderer (the playground's and the dashboard preview's) and the playground page's script.
 * Each is served at its URL name; the build writes it beside this module as `built`.
 */
export const PLAYGROUND_SCRIPTS = {
  'canvas-render.js': { entry: 'canvas-render-script.ts', built: 'canvas-render.min.js' },
  'playground.js': { entry: 'playground.ts', built: 'playground.min.js' },
} as const

export function playgroundScriptEntry(name: keyof typeof PLAYGROUND_SCRIPTS): string {
  return fileURLToPath(
    new URL(`../../../playground-client/${PLAYGROUND_SCRIPTS[name].entry}`, import.meta.url),
  )
}

/**
 * A browser script, loaded once by whoever serves it (see the dashboard routes): the file the
 * build wrote (production, no esbuild needed) or, when running from source, bundled on first use.
 */
export async function loadClientBundle(
  built: string = BUILT_CLIENT_FILE,
  entry: string = CLIENT_ENTRY,
): Promise<ClientBundle> {
  const code = await readFile(new URL(`./${built}`, import.meta.url), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return bundleDashboardClient(entry)
      throw error
    },
  )
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`
  return { code, etag }
}

/**
 * zod re-exports every language it speaks through one index; the dashboard speaks English (its
 * messages are its own words anyway), so that index becomes English only: the script is half as large.
 */
const englishOnlyZod: Plugin = {
  name: 'english-only-zod',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js"',
    }))
  },
}

/** Bundles the dashboard client with zod and the shared schemas for browsers (build time, or dev). */
export async function bundleDashboardClient(entry = CLIENT_ENTRY): Promise<string> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [englishOnlyZod],
  })
  const code = result.outputFiles[0]?.text
  if (!code) throw new Error('the dashboard client bundle came out empty')
  return code
}

/** Serves one of the playground scripts from memory with an ETag (loaded on first request). */
export function servePlaygroundScript(name: keyof typeof PLAYGROUND_SCRIPTS): RequestHandler {
  let script: Promise<ClientBundle> | undefined
  return async (req, res) => {
    script ??= loadClientBundle(PLAYGROUND_SCRIPTS[name].built, playgroundScriptEntry(name)).catch(
      (error: unknown) => {
        script = undefined
        throw error
      },
    )
    const { code, etag } = await script
    res.setHeader('Cache-Control', 'no-cache')
    res.setHeader('ETag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end()
      return
    }
    res.type('application/javascript').send(code)
  }
}
