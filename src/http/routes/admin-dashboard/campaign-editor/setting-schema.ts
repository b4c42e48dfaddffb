import type { z } from 'zod'
import type { SettingMeta } from '../../../../ledger/campaign-settings.js'

/** A campaign setting as the editor sees it: its words, its shape and whether it may be empty. */
export type SettingShape =
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | {
      readonly type: 'number'
      readonly integer: boolean
      readonly min: number | null
      readonly max: number | null
    }
  | { readonly type: 'text' | 'url' | 'lines' }
  | { readonly type: 'object'; readonly fields: readonly [string, z.ZodType][] }
  | { readonly type: 'composite' }

export interface SettingInfo {
  readonly meta: Partial<SettingMeta> & { options?: Record<string, string> }
  readonly nullable: boolean
  readonly shape: SettingShape
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; format?: string }

function defOf(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def
}

/** Unwraps default/nullable/optional, keeping the outermost metadata (where `.meta` is put). */
export function settingInfo(schema: z.ZodType): SettingInfo {
  let meta: SettingInfo['meta'] = {}
  let nullable = false
  let current: z.ZodType = schema
  for (;;) {
    const own = current.meta() as SettingInfo['meta'] | undefined
    if (own && !meta.title) meta = own
    const def = defOf(current)
    if (def.type === 'nullable') nullable = true
    if (['default', 'nullable', 'optional', 'prefault'].includes(def.type) && def.innerType) {
      current = def.innerType
      continue
    }
    break
  }
  return { meta, nullable, shape: shapeOf(current) }
}

function shapeOf(schema: z.ZodType): SettingShape {
  const def = defOf(schema)
  switch (def.type) {
    case 'boolean':
      return { type: 'boolean' }
    case 'enum':
      return { type: 'enum', values: (schema as z.ZodEnum).options.map(String) }
    case 'number': {
      const number = schema as z.ZodNumber
      return {
        type: 'number',
        integer: number.format === 'safeint' || number.isInt === true,
        min: Number.isFinite(number.minValue) ? number.minValue : null,
        max: Number.isFinite(number.maxValue) ? number.maxValue : null,
      }
    }
    case 'string':
      return { type: def.format === 'url' ? 'url' : 'text' }
    case 'array':
      return def.element && defOf(def.element).type === 'string'
        ? { type: 'lines' }
        : { type: 'composite' }
    case 'object':
      return {
        type: 'object',
        fields: Object.entries((schema as z.ZodObject).shape) as [string, z.ZodType][],
      }
    default:
      return { type: 'composite' }
  }
}

/** Every setting below an object schema, as [path, schema], leaves and sections alike. */
export function allSettings(schema: z.ZodType, prefix = ''): [string, z.ZodType][] {
  const info = settingInfo(schema)
  if (info.shape.type !== 'object') return []
  const out: [string, z.ZodType][] = []
  for (const [key, child] of info.shape.fields) {
    const path = prefix ? `${prefix}.${key}` : key
    out.push([path, child])
    out.push(...allSettings(child, path))
    const element = arrayElement(child)
    if (element) out.push(...allSettings(element, `${path}.#`))
  }
  return out
}

function arrayElement(schema: z.ZodType): z.ZodType | null {
  let current = schema
  while (defOf(current).innerType) current = defOf(current).innerType as z.ZodType
  const def = defOf(current)
  return def.type === 'array' && def.element ? def.element : null
}
