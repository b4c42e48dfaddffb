// Runs a compiled entry point of dist/ in this very process (no tsx, no extra process), building
// dist/ first when it is missing: `node scripts/run-built.mjs src/cli/main.js [args…]`.
// The scripts `cli` and `migrate` use it; `cli:dev` runs the sources under tsx instead.
import { existsSync } from 'node:fs'
import process from 'node:process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = process.argv[2]
if (!entry) {
  process.stderr.write('usage: node scripts/run-built.mjs <entry in dist/> [args…]\n')
  process.exit(2)
}
const target = join(root, 'dist', entry)
if (!existsSync(target)) {
  process.stderr.write(`dist/${entry} is missing: building once (npm run build)\n`)
  process.chdir(root)
  try {
    await import('./build.mjs')
  } catch (error) {
    process.stderr.write(`the build failed (${error.message}); run npm run build\n`)
    process.exit(1)
  }
}
// The entry sees itself as the program run, with the arguments after it.
process.argv.splice(1, 2, target)
await import(pathToFileURL(target).href)
