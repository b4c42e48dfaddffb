import { de } from './de.js'
import { type Catalog, en, type MessageKey } from './en.js'
import { es } from './es.js'
import { fr } from './fr.js'
import { pt } from './pt.js'

export type { MessageKey } from './en.js'

/** Catalogs by language; `satisfies Catalog` in each file makes a missing or extra key a type error. */
export const CATALOGS: Readonly<Record<string, Catalog>> = { en, es, fr, de, pt }

export const SUPPORTED_LOCALES = Object.keys(CATALOGS)

export type Translate = (
  key: MessageKey,
  values?: Readonly<Record<string, string | number>>,
) => string

/** The language for an Intercom locale such as `pt-BR`, `es_MX` or `FR`; English when unknown. */
export function languageOf(locale: string | null | undefined): string {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return language in CATALOGS ? language : 'en'
}

/** A translator for a locale; a missing placeholder value is left visible rather than dropped. */
export function translator(locale: string | null | undefined): Translate {
  const catalog = CATALOGS[languageOf(locale)] ?? en
  return (key, values = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    )
}
