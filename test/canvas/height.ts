// A rough height model of Intercom's renderer, to keep the first Inbox canvas within its
// 400 px cap (https://developers.intercom.com/docs/canvas-kit). The figures are generous estimates, not measurements.
const HEIGHT: Record<string, (c: Record<string, unknown>) => number> = {
  text: (c) => (c.style === 'header' ? 28 : 22),
  'data-table': (c) => 26 * ((c.items as unknown[] | undefined)?.length ?? 0) + 8,
  button: () => 44,
  input: () => 64,
  textarea: () => 96,
  'single-select': () => 64,
  dropdown: () => 64,
  checkbox: (c) => 24 + 26 * ((c.option as unknown[] | undefined)?.length ?? 0),
  list: (c) => 52 * ((c.items as unknown[] | undefined)?.length ?? 0),
  divider: () => 17,
  spacer: () => 12,
  image: (c) => Number(c.height ?? 0),
}

export function estimatedHeight(components: Record<string, unknown>[]): number {
  return components.reduce((sum, c) => sum + (HEIGHT[String(c.type)]?.(c) ?? 40), 0)
}
