import { type DatabaseTarget } from '../db/connect.js'
import { type Figure } from './report.js'

export interface ScenarioContext {
  readonly serverEnv: Record<string, string>
  readonly target: DatabaseTarget
  readonly rows: number
  readonly secret: string
  readonly log: (line: string) => void
}

/** Write-back against the rate limit, import from the fake Intercom, and CSV export memory. */
export async function extraScenarios(_ctx: ScenarioContext): Promise<Figure[]> {
  return []
}
