import { z } from 'zod'
import { finLanguage } from './phrases.js'

// What Intercom sends when it runs one of our connectors: the body template of each connector
// (pack.ts) fills these from the contact in the conversation ({{user.…}}), never from what the
// customer typed. Only the invite adds inputs Fin collected: the friend's email and name.

const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.trim())
    .optional()
    .default('')

export const finRequestBody = z.object({
  contact_id: text(100),
  email: text(320),
  name: text(200),
  language: text(40),
  browser_language: text(40),
  friend_email: text(320),
  friend_name: text(200),
})
type FinRequestBody = z.infer<typeof finRequestBody>

/** The contact a call is for, as Intercom identified them, and the language to answer in. */
export interface FinCaller {
  readonly contactId: string
  readonly email: string | null
  readonly name: string | null
  readonly language: string
}

export function callerOf(body: FinRequestBody): FinCaller | null {
  if (!body.contact_id) return null
  return {
    contactId: body.contact_id,
    email: body.email || null,
    name: body.name || null,
    language: finLanguage(body.language, body.browser_language),
  }
}
