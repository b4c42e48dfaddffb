// Builds what production runs: the TypeScript of src/, canvas/ and db/ transpiled file by file to
// dist/ (no bundling, so every import.meta.url keeps its place), beside the files they read at run
// time, and the browser snippet bundled once. So production needs neither esbuild nor tsx (they are
// dev dependencies). Type checking is `npm run typecheck`'s job; this takes about a second.
// `--if-changed` (the tests' global setup) skips the build when dist/ was built from these very files.
import { createHash } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { build } from 'esbuild'

const SOURCE_DIRS = ['src', 'canvas', 'db']
const OUT = 'dist'
// Browser code: bundled below, not transpiled for Node.
const SNIPPET_SOURCE = join('src', 'snippet', 'referral-snippet.ts')
const DASHBOARD_CLIENT = join('src', 'dashboard-client')
const PLAYGROUND_CLIENT = join('src', 'playground-client')

const files = SOURCE_DIRS.flatMap(listFiles)
const typescript = files.filter(
  (file) =>
    file.endsWith('.ts') &&
    !file.endsWith('.d.ts') &&
    file !== SNIPPET_SOURCE &&
    !file.startsWith(DASHBOARD_CLIENT) &&
    !file.startsWith(PLAYGROUND_CLIENT),
)
// Data files read at run time next to the code.
const assets = files.filter((file) => !file.endsWith('.ts'))

const STAMP = join(OUT, '.source-hash')
const inputs = [
  ...files,
  ...listFiles('public'),
  'app-manifest.json',
  'scripts/build.mjs',
  'package-lock.json',
].sort()
const hash = createHash('sha256')
for (const file of inputs) hash.update(file).update('\0').update(readFileSync(file))
const sourceHash = hash.digest('hex')
if (process.argv.includes('--if-changed') && readOrNull(STAMP) === sourceHash) process.exit(0)

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
// The dashboard's set-up checklist quotes the webhook URL and topics from the manifest.
cpSync('app-manifest.json', join(OUT, 'app-manifest.json'))

// The snippet, with the same options the app uses when it runs from source.
const { bundleSnippet, BUILT_SNIPPET_FILE } = await import(`../${OUT}/src/snippet/bundle.js`)
writeFileSync(join(OUT, 'src', 'snippet', BUILT_SNIPPET_FILE), await bundleSnippet(SNIPPET_SOURCE))
// The dashboard's script, bundled with the schemas it shares with the server.
const { bundleDashboardClient, BUILT_CLIENT_FILE, PLAYGROUND_SCRIPTS } = await import(
  `../${OUT}/src/http/routes/admin-dashboard/client-bundle.js`
)
writeFileSync(
  join(OUT, 'src', 'http', 'routes', 'admin-dashboard', BUILT_CLIENT_FILE),
  await bundleDashboardClient(join(DASHBOARD_CLIENT, 'main.ts')),
)
// The Canvas Kit renderer and the playground's script, bundled the same way.
for (const { entry, built } of Object.values(PLAYGROUND_SCRIPTS)) {
  writeFileSync(
    join(OUT, 'src', 'http', 'routes', 'admin-dashboard', built),
    await bundleDashboardClient(join(PLAYGROUND_CLIENT, entry)),
  )
}
writeFileSync(STAMP, sourceHash)

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

function readOrNull(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}
