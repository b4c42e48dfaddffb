import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CODE_ALPHABET,
  codeNamePart,
  generateCode,
  looksLikeCode,
  normalizeCode,
  validateVanityCode,
} from '../../../src/ledger/codes.js'
import { InvalidCodeError } from '../../../src/ledger/errors.js'

// Any name a contact might carry: unicode, emoji, control characters, lone surrogates, huge.
const anyName = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ maxLength: 5000 }),
  fc.constantFrom(null, undefined, '', ' ', '\u0000', 'Zoë', 'Ørjan', '李小龙', '🙂🙂', "O'Brien"),
)
const randomIndex = fc.infiniteStream(fc.nat()).map((stream) => {
  const it = stream[Symbol.iterator]()
  return (max: number) => (it.next().value as number) % max
})

describe('generateCode (property)', () => {
  it('always yields a lookup-safe code made of the name part and the unambiguous alphabet', () => {
    fc.assert(
      fc.property(
        anyName,
        fc.constantFrom('name', 'random') as fc.Arbitrary<'name' | 'random'>,
        randomIndex,
        (name, style, random) => {
          const code = generateCode(name, style, random)
          expect(looksLikeCode(code)).toBe(true)
          expect(code).toBe(normalizeCode(code))
          expect(code).toMatch(/^[a-z0-9-]+$/)
          const suffix = style === 'random' ? code : code.slice(code.lastIndexOf('-') + 1)
          for (const ch of suffix) expect(CODE_ALPHABET).toContain(ch)
          expect(suffix).toHaveLength(style === 'random' ? 8 : 4)
          // A generated code is also acceptable as a vanity code: one shape everywhere.
          expect(() => validateVanityCode(code)).not.toThrow()
        },
      ),
      { numRuns: 500 },
    )
  })

  it('folds any name to 2–12 ASCII letters or digits, or "friend"', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const part = codeNamePart(name)
        expect(part).toMatch(/^[a-z0-9]{2,12}$/)
      }),
      { numRuns: 500 },
    )
  })
})

describe('validateVanityCode (property)', () => {
  it('either returns the trimmed input in a lookup-safe shape or throws InvalidCodeError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[a-zA-Z0-9-]{0,34}$/)),
        (input) => {
          try {
            const code = validateVanityCode(input)
            expect(code).toBe(input.trim())
            expect(looksLikeCode(normalizeCode(code))).toBe(true)
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidCodeError)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('normalizeCode is idempotent and case-insensitive', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (code) => {
        const once = normalizeCode(code)
        expect(normalizeCode(once)).toBe(once)
        expect(normalizeCode(code.toUpperCase())).toBe(normalizeCode(code.toLowerCase()))
      }),
      { numRuns: 500 },
    )
  })
})
