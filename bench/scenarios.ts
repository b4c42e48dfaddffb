import { contestScenario } from './contest-scenario.js'
import { enrolmentScenario } from './enrolment-scenario.js'
import { exportScenario } from './export-scenario.js'
import { importScenario } from './import-scenario.js'
import type { Figure } from './report.js'
import { errorText, notAvailable, type ScenarioContext } from './scenario-support.js'
import { writebackScenario } from './writeback-scenario.js'

type Scenario = (ctx: ScenarioContext) => Promise<Figure[]>

/**
 * Enrolment into the ledger alone, write-back against the rate limit, import from the fake Intercom, and CSV export memory. The
 * export runs first, on the seeded data as it is; the import last, in a database of its own. A
 * scenario that fails prints why in its row and the others still run.
 */
export async function extraScenarios(
  ctx: ScenarioContext,
  runs: (name: string) => boolean = () => true,
): Promise<Figure[]> {
  const all: [string, Scenario][] = [
    ['export', exportScenario],
    ['write-back', writebackScenario],
    ['enrolment', enrolmentScenario],
    ['import', importScenario],
    ['contests', contestScenario],
  ]
  const scenarios = all.filter(([name]) => runs(name))
  const figures: Figure[] = []
  for (const [name, scenario] of scenarios) {
    const started = Date.now()
    try {
      figures.push(...(await scenario(ctx)))
    } catch (error) {
      ctx.log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`)
      figures.push(notAvailable(name, errorText(error), true))
    }
    ctx.log(`${name}: ${Math.round((Date.now() - started) / 1000)} s`)
  }
  return figures
}
