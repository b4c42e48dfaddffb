import type { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>

/** The parts of AxeBuilder (4.x) that `analyze()` goes through to combine its frames' results. */
interface BuilderInternals {
  readonly page: Page
  readonly option: unknown
  script(): string
  axeConfigure(): Promise<string>
  finishRun(partials: unknown[]): Promise<AxeResults>
}

/** Each browser context's results page (closed with its context). */
const resultsPages = new WeakMap<BrowserContext, Promise<Page>>()

/**
 * `builder.analyze()`, with one blank page per browser context where axe-core combines the
 * results of the page and its frames (`axe.finishRun`). AxeBuilder opens, loads axe into and
 * closes a new page for that on every `analyze()`: in a file that runs axe sixty times, that was
 * a third of its time. The rules, the frames (cross-origin ones included) and the results are the
 * same.
 */
export function analyzeAxe(builder: AxeBuilder): Promise<AxeResults> {
  const internals = builder as unknown as BuilderInternals
  if (typeof internals.finishRun !== 'function' || typeof internals.script !== 'function')
    return builder.analyze()
  internals.finishRun = async (partials) => {
    const context = internals.page.context()
    let resultsPage = resultsPages.get(context)
    if (!resultsPage) {
      resultsPage = (async () => {
        const blank = await context.newPage()
        await blank.evaluate(internals.script())
        await blank.evaluate(await internals.axeConfigure())
        return blank
      })()
      resultsPages.set(context, resultsPage)
    }
    const blank = await resultsPage
    return blank.evaluate(
      ({ partials, options }) =>
        (
          window as unknown as {
            axe: { finishRun(partials: unknown, options: unknown): Promise<AxeResults> }
          }
        ).axe.finishRun(partials, options),
      { partials: partials as unknown, options: internals.option },
    )
  }
  return builder.analyze()
}
