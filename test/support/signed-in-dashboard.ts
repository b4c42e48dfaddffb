import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ADMIN_KEY } from './admin.js'
import { testApp, testConfig } from './app.js'
import { launchBrowser, type LaunchedBrowser } from './browser.js'
import { startServer, type RunningServer } from '../../src/server.js'

export interface SignedInDashboard {
  readonly sut: Awaited<ReturnType<typeof testApp>>
  readonly origin: string
  readonly browser: LaunchedBrowser
  /** Closes the browser and stops the server. */
  close(): Promise<void>
}

/**
 * Where a dashboard test in Chromium starts: the app on a free local port, and a browser whose
 * operator signed in with the admin key as a person would, through the sign-in form.
 */
export async function signedInDashboard(
  env: Record<string, string | undefined> = {},
): Promise<SignedInDashboard> {
  const sut = await testApp({ PUBLIC_URL: 'http://127.0.0.1', ...env })
  const server = await new Promise<Server>((resolve) => {
    const listening = sut.app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await signedInBrowser(origin)
  return {
    sut,
    origin,
    browser,
    async close() {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A browser whose operator signed in with the admin key, through the sign-in form. */
async function signedInBrowser(origin: string): Promise<LaunchedBrowser> {
  const browser = await launchBrowser()
  const signIn = await browser.context.newPage()
  await signIn.goto(`${origin}/admin`)
  await signIn.getByLabel('Admin API key').fill(ADMIN_KEY)
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await signIn.getByRole('button', { name: 'Sign out' }).waitFor()
  await signIn.close()
  return browser
}

export interface SignedInServer {
  readonly sut: RunningServer
  readonly origin: string
  readonly browser: LaunchedBrowser
  close(): Promise<void>
}

/**
 * The same, on the whole server as production composes it (job queue and workers running), for
 * pages whose actions end in a job: a reward delivered again, a data event sent to Intercom.
 */
export async function signedInServer(
  env: Record<string, string | undefined> = {},
): Promise<SignedInServer> {
  const sut = await startServer(testConfig({ PUBLIC_URL: 'http://127.0.0.1', ...env }), {
    host: '127.0.0.1',
  })
  const browser = await signedInBrowser(sut.url)
  return {
    sut,
    origin: sut.url,
    browser,
    async close() {
      await browser.close()
      await sut.close()
    },
  }
}
