import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

/** Debian's Chromium; browser tests skip (with a message) where it is not installed. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const hasChromium = existsSync(CHROMIUM_PATH)

/** Why browser tests are skipped, or null when they can run. Use with `describe.skipIf(...)`. */
export const browserSkipReason: string | null = hasChromium
  ? null
  : `browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`

if (browserSkipReason) process.stderr.write(`${browserSkipReason}\n`)

// Quiet, offline, reproducible: no GPU, no QUIC, no first-run UI, no background fetches or updates.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchedBrowser {
  readonly context: BrowserContext
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>
}

/** Launches Chromium with a fresh, throw-away --user-data-dir. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  if (!hasChromium) throw new Error(browserSkipReason ?? 'no chromium')
  const userDataDir = await mkdtemp(join(tmpdir(), 'referrals-chromium-'))
  // launchPersistentContext is how playwright passes --user-data-dir (it refuses it in args).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
