import { randomInt } from 'node:crypto'
import { InvalidCodeError } from './errors.js'

// No 0/o, 1/l/i: a code read aloud or copied from a screenshot survives.
export const CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz'
const SUFFIX_LENGTH = 4
const RANDOM_CODE_LENGTH = 8
const NAME_PART_MAX = 12
const VANITY_SHAPE = /^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$/
const RESERVED = new Set([
  'admin',
  'api',
  'r',
  'new',
  'null',
  'undefined',
  'playground',
  'healthz',
  'readyz',
])

export type CodeStyle = 'name' | 'random'
export type RandomIndex = (maxExclusive: number) => number

export const cryptoRandomIndex: RandomIndex = (max) => randomInt(max)

function randomChars(length: number, random: RandomIndex): string {
  let out = ''
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[random(CODE_ALPHABET.length)]
  return out
}

/** The name part of a memorable code: the first name, folded to ASCII letters and digits. */
export function codeNamePart(name: string | null | undefined): string {
  const first = (name ?? '').trim().split(/\s+/)[0] ?? ''
  const folded = first
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, NAME_PART_MAX)
  return folded.length >= 2 ? folded : 'friend'
}

/** A fresh candidate code; the caller claims it against the unique index and asks again on a clash. */
export function generateCode(
  name: string | null | undefined,
  style: CodeStyle,
  random: RandomIndex = cryptoRandomIndex,
): string {
  if (style === 'random') return randomChars(RANDOM_CODE_LENGTH, random)
  return `${codeNamePart(name)}-${randomChars(SUFFIX_LENGTH, random)}`
}

/** Codes are matched case-insensitively; this is the form stored in code_normalized. */
export function normalizeCode(code: string): string {
  return code.trim().toLowerCase()
}

export function validateVanityCode(code: string): string {
  const normalized = normalizeCode(code)
  if (!VANITY_SHAPE.test(normalized)) {
    throw new InvalidCodeError(
      'A code is 3 to 32 letters, digits or dashes, starting and ending with a letter or digit.',
    )
  }
  if (RESERVED.has(normalized)) throw new InvalidCodeError(`"${normalized}" is reserved.`)
  return code.trim()
}

/** True when text could be a code at all: cheap filter before a lookup of untrusted input. */
export function looksLikeCode(text: string): boolean {
  return text.length >= 3 && text.length <= 32 && /^[a-z0-9-]+$/i.test(text)
}
