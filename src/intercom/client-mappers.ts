import { z } from 'zod'
import type { Region } from '../config.js'
import type {
  IntercomContact,
  IntercomContactInput,
  IntercomContactPage,
  IntercomDataAttribute,
  IntercomSegment,
  IntercomWorkspaceInfo,
} from './api-types.js'

// Responses are checked at the edge: only the fields the app reads are required.
const contactSchema = z.looseObject({
  id: z.string(),
  role: z.enum(['user', 'lead']).catch('lead'),
  email: z.string().nullish(),
  name: z.string().nullish(),
  external_id: z.string().nullish(),
  updated_at: z.number().nullish(),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
})

const contactListSchema = z.looseObject({
  data: z.array(z.unknown()).default([]),
  total_count: z.number().nullish(),
  pages: z
    .looseObject({
      next: z.looseObject({ starting_after: z.string().nullish() }).nullish(),
    })
    .nullish(),
})

const meSchema = z.looseObject({
  email: z.string().nullish(),
  app: z.looseObject({
    id_code: z.string(),
    name: z.string().nullish(),
    region: z.string().nullish(),
  }),
})

const dataAttributeListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      name: z.string(),
      data_type: z.string(),
      custom: z.boolean(),
      full_name: z.string().nullish(),
      label: z.string().nullish(),
      archived: z.boolean().nullish(),
      options: z
        .array(z.union([z.string(), z.looseObject({ value: z.string() })]))
        .nullish()
        .catch(null),
    }),
  ),
})

const segmentListSchema = z.looseObject({
  segments: z.array(
    z.looseObject({ id: z.string(), name: z.string(), count: z.number().nullish() }),
  ),
})

export function toContact(raw: unknown): IntercomContact {
  const c = contactSchema.parse(raw)
  return {
    id: c.id,
    role: c.role,
    email: c.email ?? null,
    name: c.name ?? null,
    externalId: c.external_id ?? null,
    updatedAt: c.updated_at ?? null,
    customAttributes: c.custom_attributes ?? {},
    raw: c,
  }
}

export function toContactPage(raw: unknown): IntercomContactPage {
  const list = contactListSchema.parse(raw)
  const next = list.pages?.next?.starting_after
  return {
    contacts: list.data.map(toContact),
    totalCount: list.total_count ?? null,
    nextCursor: next ? next : null,
  }
}

export function toWorkspaceInfo(raw: unknown, fallbackRegion: Region): IntercomWorkspaceInfo {
  const me = meSchema.parse(raw)
  const region = me.app.region?.toUpperCase()
  return {
    workspaceId: me.app.id_code,
    name: me.app.name ?? null,
    region: region === 'US' || region === 'EU' || region === 'AU' ? region : fallbackRegion,
    adminEmail: me.email ?? null,
  }
}

export function toDataAttributes(raw: unknown): IntercomDataAttribute[] {
  return dataAttributeListSchema.parse(raw).data.map((a) => ({
    name: a.name,
    dataType: a.data_type,
    custom: a.custom,
    fullName: a.full_name ?? (a.custom ? `custom_attributes.${a.name}` : a.name),
    label: a.label || a.name,
    ...(a.options?.length
      ? { options: a.options.map((o) => (typeof o === 'string' ? o : o.value)) }
      : {}),
  }))
}

export function toSegments(raw: unknown): IntercomSegment[] {
  return segmentListSchema
    .parse(raw)
    .segments.map((s) => ({ id: s.id, name: s.name, count: s.count ?? null }))
}

/** camelCase input → Intercom's body; absent fields stay absent (PUT merges). */
export function contactBody(input: Partial<IntercomContactInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.role !== undefined) body.role = input.role
  if (input.email !== undefined) body.email = input.email
  if (input.name !== undefined) body.name = input.name
  if (input.externalId !== undefined) body.external_id = input.externalId
  if (input.customAttributes !== undefined) body.custom_attributes = input.customAttributes
  return body
}
