import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { analyzeAxe } from './axe-results-page.js'

/** A phone (390 px) and a laptop: the widths every dashboard state is checked at. */
export const PHONE_AND_LAPTOP = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
] as const

/**
 * The page as it is now, at a phone's width and then a laptop's: no serious or critical axe-core
 * violation (WCAG 2.1 A and AA, colour contrast among the rules that ran) and nothing that scrolls
 * sideways. Leaves the viewport at the laptop's width.
 */
export async function expectAccessibleAtBothWidths(page: Page, what: string): Promise<void> {
  for (const size of PHONE_AND_LAPTOP) {
    await page.setViewportSize(size)
    const result = await analyzeAxe(
      new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']),
    )
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    expect(serious, `${what} at ${size.width}`).toEqual([])
    expect(result.passes.map((p) => p.id)).toContain('color-contrast')
    const wider = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(wider, `${what} scrolls sideways at ${size.width}`).toBeLessThanOrEqual(0)
  }
}
