import type { Express } from 'express'
import request from 'supertest'
import { signedCanvas } from '../support/intercom.js'

/** POSTs a body to a Canvas Kit route, signed with X-Body-Signature as Intercom would. */
export function postSigned(app: Express, path: string, body: unknown, secret?: string) {
  const { raw, headers } = signedCanvas(body, secret)
  return request(app).post(path).set(headers).send(raw)
}

type Tree = { type?: string; id?: string; items?: unknown[]; [key: string]: unknown }

/** Every component in a canvas response, whatever the wrapper (canvas.content or content). */
export function componentsOf(body: unknown): Tree[] {
  const b = body as {
    canvas?: { content?: { components?: Tree[] } }
    content?: { components?: Tree[] }
  }
  return b.canvas?.content?.components ?? b.content?.components ?? []
}

export function byId(body: unknown, id: string): Tree | undefined {
  return componentsOf(body).find((c) => c.id === id)
}

/** All visible text of a canvas (texts, data-table fields and values, labels, list titles). */
export function textOf(body: unknown): string {
  return JSON.stringify(componentsOf(body))
}

export function tableValue(body: unknown, field: string): string | undefined {
  for (const c of componentsOf(body)) {
    if (c.type !== 'data-table') continue
    const row = (c.items as { field: string; value: string }[]).find((item) => item.field === field)
    if (row) return row.value
  }
  return undefined
}
