// Canvas Kit text components render markdown (https://developers.intercom.com/docs/references/canvas-kit/interactivecomponents/text):
// a contact named `[Re-authenticate](https://evil.example)` would be a link in the agent's panel.
// Anything a person typed (names, emails, codes, reasons) goes in through this, as literal text.

// CommonMark lets any ASCII punctuation be backslash-escaped (https://spec.commonmark.org/0.31.2/#backslash-escapes);
// these are the ones markdown (and GFM's autolinks, through `:`) gives a meaning to.
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~:&]/g

/** Text shown exactly as typed in a markdown text component: no link, emphasis or heading. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
}
