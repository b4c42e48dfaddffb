import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app.js'

describe('GET /api/openapi.json', () => {
  let doc: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    const { app } = await testApp()
    const res = await supertest(app).get('/api/openapi.json')
    expect(res.status).toBe(200)
    doc = res.body
  })

  it('is an OpenAPI 3.1 document with every admin resource', () => {
    expect(doc.openapi).toBe('3.1.0')
    const paths = Object.keys(doc.paths)
    for (const path of [
      '/workspaces',
      '/workspaces/{workspaceId}/campaigns',
      '/workspaces/{workspaceId}/campaigns/{campaignId}',
      '/workspaces/{workspaceId}/referrers',
      '/workspaces/{workspaceId}/referrals',
      '/workspaces/{workspaceId}/referrals/{referralId}/qualify',
      '/workspaces/{workspaceId}/rewards/{rewardId}/approve',
      '/workspaces/{workspaceId}/coupon-pools',
      '/workspaces/{workspaceId}/sync-runs',
      '/workspaces/{workspaceId}/dead-letters',
      '/workspaces/{workspaceId}/analytics',
      '/workspaces/{workspaceId}/exports/{kind}.csv',
    ]) {
      expect(paths).toContain(path)
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it('describes bodies and responses with the zod schemas, by reference', () => {
    const settings = doc.components.schemas.CampaignSettings
    expect(settings.type).toBe('object')
    expect(Object.keys(settings.properties)).toEqual(
      expect.arrayContaining([
        'qualification',
        'rewards',
        'fraud',
        'import',
        'intercom',
        'attributes',
      ]),
    )
    expect(settings.properties.codeStyle.enum ?? settings.properties.codeStyle.anyOf).toBeDefined()
    const patch = doc.paths['/workspaces/{workspaceId}/campaigns/{campaignId}'].patch
    expect(patch.requestBody.content['application/json'].schema.$ref).toMatch(
      /^#\/components\/schemas\//,
    )
    expect(patch.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Campaign',
    )
    expect(patch.responses['400'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Error',
    )
    const list = doc.paths['/workspaces/{workspaceId}/referrers'].get
    const names = list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)
    expect(names).toEqual(
      expect.arrayContaining(['path:workspaceId', 'query:q', 'query:cursor', 'query:limit']),
    )
    // every $ref resolves
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[\w]+/g) ?? []
    for (const ref of new Set(refs))
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined()
  })
})
