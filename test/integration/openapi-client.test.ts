import { readFileSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import createClient from 'openapi-fetch'
import openapiTS, { astToString } from 'openapi-typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BEARER } from '../support/admin.js'
import type { paths } from '../support/admin-api.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

// The admin API as a client generated from /api/openapi.json sees it: types from
// openapi-typescript (checked in as test/support/admin-api.d.ts, so `npm run typecheck` checks
// every call below against the document), requests from openapi-fetch with the document's own
// server URL, against the app listening on a port.
const TYPES_FILE = new URL('../support/admin-api.d.ts', import.meta.url)

type JsonObject = Record<string, unknown>

describe('a client generated from the OpenAPI document', () => {
  let server: Server
  let origin: string
  let doc: { servers: { url: string }[]; paths: Record<string, Record<string, JsonObject>> }
  let workspaceId: string
  let client: ReturnType<typeof createClient<paths>>

  beforeAll(async () => {
    const { app, ctx } = await testApp()
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    doc = await (await fetch(`${origin}/api/openapi.json`)).json()
    workspaceId = (await newWorkspace(ctx.db)).workspaceId
    await newReferrer(ctx.db, workspaceId, 'Rita Referrer', 'rita@example.test')
    // The document names the public URL (PUBLIC_URL); here the same path on the test's port.
    const baseUrl = new URL(new URL(doc.servers[0]!.url).pathname, origin).toString()
    client = createClient<paths>({ baseUrl, headers: BEARER })
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('validates as OpenAPI 3.1 (Redocly’s structural rules)', async () => {
    const config = await createConfig({
      rules: { struct: 'error', 'no-path-trailing-slash': 'error' },
    })
    const problems = await lintFromString({ source: JSON.stringify(doc), config })
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([])
    expect(doc).toMatchObject({ openapi: '3.1.0' })
  })

  it('has paths relative to its server URL, as OpenAPI 3.1 resolves them', () => {
    expect(doc.servers[0]!.url).toBe('https://referrals.example.test/api/v1')
    for (const path of Object.keys(doc.paths)) expect(path).not.toMatch(/^\/api\//)
  })

  it('generates the checked-in types from the live document', async () => {
    const generated = astToString(await openapiTS(doc as never))
    // UPDATE_API_TYPES=1 rewrites the file after an API change; otherwise it must match.
    if (process.env.UPDATE_API_TYPES) writeFileSync(TYPES_FILE, generated)
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(generated)
  })

  it('calls every operation that needs only a workspace id, typed end to end', async () => {
    const path = { workspaceId }
    const calls = {
      getWorkspace: () => client.GET('/workspaces/{workspaceId}', { params: { path } }),
      listCampaigns: () => client.GET('/workspaces/{workspaceId}/campaigns', { params: { path } }),
      listReferrers: () => client.GET('/workspaces/{workspaceId}/referrers', { params: { path } }),
      listReferrals: () => client.GET('/workspaces/{workspaceId}/referrals', { params: { path } }),
      listRewards: () => client.GET('/workspaces/{workspaceId}/rewards', { params: { path } }),
      listCouponPools: () =>
        client.GET('/workspaces/{workspaceId}/coupon-pools', { params: { path } }),
      listSyncRuns: () => client.GET('/workspaces/{workspaceId}/sync-runs', { params: { path } }),
      listDeadLetters: () =>
        client.GET('/workspaces/{workspaceId}/dead-letters', { params: { path } }),
      getAnalytics: () => client.GET('/workspaces/{workspaceId}/analytics', { params: { path } }),
      getStripeConnection: () =>
        client.GET('/workspaces/{workspaceId}/billing/stripe', { params: { path } }),
      listUnmatchedBillingEvents: () =>
        client.GET('/workspaces/{workspaceId}/billing/unmatched', { params: { path } }),
      // Each identifier is optional in the schema; the route wants one of them.
      exportPerson: () =>
        client.GET('/workspaces/{workspaceId}/privacy/export', {
          params: { path, query: { email: 'rita@example.test' } },
        }),
      disconnectStripe: () =>
        client.DELETE('/workspaces/{workspaceId}/billing/stripe', { params: { path } }),
    }

    // Every such operation in the document is called here: a new one fails this line until added.
    const onlyWorkspace = Object.values(doc.paths).flatMap((operations) =>
      Object.values(operations).filter((operation) => {
        const required = (operation.parameters as { name: string; required: boolean }[])
          .filter((parameter) => parameter.required)
          .map((parameter) => parameter.name)
        return !operation.requestBody && required.join() === 'workspaceId'
      }),
    )
    expect(onlyWorkspace.map((operation) => operation.operationId).sort()).toEqual(
      Object.keys(calls).sort(),
    )

    for (const [operationId, call] of Object.entries(calls)) {
      const { response, error } = await call()
      expect(response.status, `${operationId}: ${JSON.stringify(error)}`).toBeLessThan(300)
    }

    // The typed results are the server's: fields read without casts.
    const { data: campaigns } = await calls.listCampaigns()
    expect(campaigns?.items[0]?.settings.rewards.rules).toBeInstanceOf(Array)
    const { data: workspace } = await calls.getWorkspace()
    expect(workspace?.id).toBe(workspaceId)
  })
})
