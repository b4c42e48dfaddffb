import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export interface SnippetBundle {
  readonly code: string
  readonly etag: string
}

/** Where scripts/build.mjs writes the browser bundle: beside this module in dist/. */
export const BUILT_SNIPPET_FILE = 'referral-snippet.min.js'

let loading: Promise<SnippetBundle> | undefined

/**
 * The browser snippet, once per process: the file the build wrote (production, no esbuild
 * needed), or, when running from source (development, tests), bundled on first use.
 */
export function snippetBundle(): Promise<SnippetBundle> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return loading
}

async function load(): Promise<SnippetBundle> {
  const code = await readFile(new URL(`./${BUILT_SNIPPET_FILE}`, import.meta.url), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return bundleSnippet()
      throw error
    },
  )
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`
  return { code, etag }
}

/** Bundles referral-snippet.ts with @intercom/messenger-js-sdk for browsers (build time, or dev). */
export async function bundleSnippet(
  entry = fileURLToPath(new URL('./referral-snippet.ts', import.meta.url)),
): Promise<string> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2019'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.text
  if (!code) throw new Error('the snippet bundle came out empty')
  return code
}
