import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeEmail, tryNormalizeEmail } from '../../../src/ledger/emails.js'
import { InvalidEmailError } from '../../../src/ledger/errors.js'

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.emailAddress(),
  fc.emailAddress().map((e) => `  ${e.toUpperCase()}\t`),
  fc
    .tuple(fc.emailAddress(), fc.string({ maxLength: 10 }))
    .map(([e, tag]) => e.replace('@', `+${tag}@`)),
)

describe('normalizeEmail (property)', () => {
  it('returns a lower-case, trimmed, bounded address with one @, or throws InvalidEmailError', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        let result
        try {
          result = normalizeEmail(raw)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEmailError)
          expect(tryNormalizeEmail(raw)).toBeNull()
          return
        }
        expect(result.normalized).toBe(result.normalized.trim().toLowerCase())
        expect(result.normalized.length).toBeLessThanOrEqual(254)
        expect(result.normalized.split('@')).toHaveLength(2)
        expect([...result.normalized].some((ch) => ch.charCodeAt(0) < 0x20 || /\s/.test(ch))).toBe(
          false,
        )
        expect(result.base.endsWith(result.normalized.slice(result.normalized.indexOf('@')))).toBe(
          true,
        )
        expect(result.plusAddressed).toBe(result.base !== result.normalized)
        // A leading + is part of the name, not a tag; any later + starts the tag that base drops.
        expect(result.base.slice(1)).not.toMatch(/\+.*@/)
        expect(result.normalized.startsWith(result.base.split('@')[0]!)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('is idempotent: normalizing a normalized address changes nothing', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const first = tryNormalizeEmail(raw)
        if (!first) return
        expect(normalizeEmail(first.normalized)).toEqual(first)
      }),
      { numRuns: 1000 },
    )
  })

  it('accepts every ordinary generated address, whatever its case and surrounding space', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        // fast-check's RFC addresses include quoted locals we deliberately refuse; keep plain ones.
        fc.pre(
          /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9.-]+$/i.test(email) && !/\.\.|^\.|\.@/.test(email),
        )
        fc.pre(email.length <= 254 && email.split('@')[0]!.length <= 64)
        fc.pre(/\.[a-z]/i.test(email.split('@')[1]!))
        const result = normalizeEmail(` ${email.toUpperCase()} `)
        expect(result.normalized).toBe(email.toLowerCase())
      }),
      { numRuns: 1000 },
    )
  })

  it('sees one mailbox behind every +alias', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,20}$/),
        fc.stringMatching(/^[a-z0-9]{1,10}$/),
        (local, tag) => {
          const plain = normalizeEmail(`${local}@example.com`)
          const alias = normalizeEmail(`${local}+${tag}@example.com`)
          expect(alias.base).toBe(plain.normalized)
          expect(alias.plusAddressed).toBe(true)
        },
      ),
    )
  })
})
