// Builds what production runs: the TypeScript of src/, canvas/ and db/ transpiled file by file to
// dist/ (no bundling, so every import.meta.url keeps its place), beside the files they read at run
// time. Type checking is `npm run typecheck`'s job; this takes about a second.
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const SOURCE_DIRS = ['src', 'canvas', 'db']
const OUT = 'dist'

const files = SOURCE_DIRS.flatMap((dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name)),
)
const typescript = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
// Read at run time next to the code: data files, and the snippet's source, which the app bundles
// for browsers when it starts.
const assets = files.filter(
  (file) => !file.endsWith('.ts') || file.startsWith(join('src', 'snippet', '')),
)

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
