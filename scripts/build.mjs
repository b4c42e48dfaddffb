// Builds what production runs: the TypeScript of src/, canvas/ and db/ transpiled file by file to
// dist/ (no bundling, so every import.meta.url keeps its place), beside the files they read at run
// time, and the browser snippet bundled once. So production needs neither esbuild nor tsx (they are
// dev dependencies). Type checking is `npm run typecheck`'s job; this takes about a second.
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const SOURCE_DIRS = ['src', 'canvas', 'db']
const OUT = 'dist'
// Browser code: bundled below, not transpiled for Node.
const SNIPPET_SOURCE = join('src', 'snippet', 'referral-snippet.ts')

const files = SOURCE_DIRS.flatMap((dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name)),
)
const typescript = files.filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== SNIPPET_SOURCE,
)
// Data files read at run time next to the code.
const assets = files.filter((file) => !file.endsWith('.ts'))

rmSync(OUT, { recursive: true, force: true })
await build({
  entryPoints: typescript,
  outdir: OUT,
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
})
for (const file of assets) cpSync(file, join(OUT, file))
cpSync('public', join(OUT, 'public'), { recursive: true })

// The snippet, with the same options the app uses when it runs from source.
const { bundleSnippet, BUILT_SNIPPET_FILE } = await import(`../${OUT}/src/snippet/bundle.js`)
writeFileSync(join(OUT, 'src', 'snippet', BUILT_SNIPPET_FILE), await bundleSnippet(SNIPPET_SOURCE))
