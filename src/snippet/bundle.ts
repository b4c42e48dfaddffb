import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'

export interface SnippetBundle {
  readonly code: string
  readonly etag: string
}

let building: Promise<SnippetBundle> | undefined

/**
 * Bundles referral-snippet.ts (with @intercom/messenger-js-sdk) for browsers, once per process.
 * esbuild is loaded on first use, so a server that never serves the snippet never needs it.
 */
export function snippetBundle(): Promise<SnippetBundle> {
  building ??= build().catch((error: unknown) => {
    building = undefined
    throw error
  })
  return building
}

async function build(): Promise<SnippetBundle> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./referral-snippet.ts', import.meta.url))],
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
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`
  return { code, etag }
}
