import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  button,
  canvas,
  dataTable,
  divider,
  muted,
  spacer,
  submit,
  text,
} from '../../../canvas/components.js'
import { canvasResponse, component, content, MAX_CANVAS_BYTES } from '../../../canvas/schema.js'
import { errorScreen } from '../../../canvas/screens/error.js'
import { escapeHtml } from '../../../canvas/escape-html.js'
import { sharePage } from '../../../canvas/sheets/share-page.js'

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '{{7*7}}',
    '\u202e',
    '',
  ),
)
const nonEmpty = anyText.filter((s) => s.trim().length > 0)
const locale = fc.oneof(
  fc.constantFrom('en', 'es', 'fr', 'de', 'pt', 'pt-BR', 'zh', '', 'xx-YY'),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
)

describe('canvas builder (property)', () => {
  it('text, data tables and buttons built from any strings are valid Canvas Kit components', () => {
    fc.assert(
      fc.property(
        nonEmpty,
        nonEmpty,
        fc.array(fc.tuple(nonEmpty, nonEmpty), { minLength: 1, maxLength: 5 }),
        (a, b, rows) => {
          for (const built of [text(a), muted(b), dataTable(rows), divider(), spacer('m')]) {
            expect(component.safeParse(built).success).toBe(true)
          }
          const parsed = component.safeParse(button('copy_link', a || 'x', submit))
          if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the error screen is a valid canvas in every locale, whatever the reference', () => {
    fc.assert(
      fc.property(locale, anyText, (loc, reference) => {
        const components = errorScreen({ locale: loc, reference })
        expect(content.safeParse({ components }).success).toBe(true)
        const response = { canvas: canvas(components) }
        expect(canvasResponse.safeParse(response).success).toBe(true)
        expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(MAX_CANVAS_BYTES)
      }),
      { numRuns: 300 },
    )
  })
})

describe('share sheet page (property)', () => {
  it('never lets a code, link or colour break out of the HTML (no injected tag or attribute)', () => {
    const hostile = fc.oneof(
      anyText,
      fc.constantFrom(
        '</script><script>alert(1)</script>',
        "' onload='alert(1)",
        'javascript:alert(1)',
      ),
    )
    fc.assert(
      fc.property(
        locale,
        hostile,
        hostile,
        fc.option(hostile, { nil: null }),
        (loc, code, link, accent) => {
          const qrUrl = `https://referrals.example.test/r/${code}/qr.svg`
          const html = sharePage({
            locale: loc,
            code,
            link: `https://referrals.example.test/r/${link}`,
            qrUrl,
            nonce: 'TESTNONCE',
            offer: code,
            message: link,
            sheetLibraryUrl: 'https://js.intercomcdn.com/messenger-sheet-library.latest.js',
            accentColour: accent,
          })
          // Only the page's own scripts: the sheet library and the one nonce'd inline script.
          const scripts = html.match(/<script\b[^>]*>/gi) ?? []
          for (const tag of scripts)
            expect(tag).toMatch(/src="https:\/\/js\.intercomcdn\.com\/|nonce="TESTNONCE"/)
          // Escaped input contains no "<", so every tag in the page is the page's own; its one
          // image is the QR code, at the (escaped) URL it was given.
          const images = html.match(/<img\b(?:[^>"]|"[^"]*")*>/gi) ?? []
          expect(images).toHaveLength(1)
          expect(images[0]).toContain(`src="${escapeHtml(qrUrl)}"`)
          for (const raw of html.match(/<[a-z](?:[^>"]|"[^"]*")*>/gi) ?? []) {
            const tag = raw.replace(/"[^"]*"/g, '""')
            expect(tag).not.toMatch(/^<(iframe|object|embed|svg)\b/i)
            expect(tag).not.toMatch(/\son[a-z]+\s*=/i)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
