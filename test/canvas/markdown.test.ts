import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeMarkdown } from '../../canvas/markdown.js'
import { inboxPanel, type InboxPanelState } from '../../canvas/screens/inbox-panel.js'

const LINK_NAME = '[Re-authenticate…](https://evil.example/login)'

const panel: InboxPanelState = {
  locale: 'en',
  name: LINK_NAME,
  link: 'https://ref.test/r/jane-k7p2',
  code: 'jane-k7p2',
  joined: 1,
  converted: 0,
  pending: 1,
  rewards: { count: 0, money: [], points: 0 },
  referredBy: null,
  notice: null,
  blockedReason: '**urgent** <b>x</b>',
}

/** Markdown text of the components that render it (text, whatever its style). */
function markdownTexts(components: unknown[]): string[] {
  return (components as { type?: string; text?: string }[])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
}

/** Whether `text` holds a markdown link or emphasis that is not backslash-escaped. */
function hasLiveMarkdown(text: string): boolean {
  return /(?<!\\)\[[^\]]*(?<!\\)\]\s*(?<!\\)\(/.test(text) || /(?<!\\)\*\*|(?<!\\)__/.test(text)
}

describe('names and other typed text are literal in canvas text components', () => {
  it('a contact named like a link is no link in the agent’s panel', () => {
    const texts = markdownTexts(inboxPanel(panel))
    expect(texts.some((t) => t.includes('Re\\-authenticate'))).toBe(true)
    expect(texts.filter(hasLiveMarkdown)).toEqual([])
  })

  it('property: escaped text has no unescaped markdown punctuation and reads back as typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (typed) => {
        const escaped = escapeMarkdown(typed)
        expect(hasLiveMarkdown(escaped)).toBe(false)
        // Removing the escapes gives back the text (line breaks become spaces).
        expect(escaped.replace(/\\(.)/g, '$1')).toBe(typed.replace(/[\r\n]+/g, ' '))
      }),
      { numRuns: 300, seed: 20261207 },
    )
  })
})
