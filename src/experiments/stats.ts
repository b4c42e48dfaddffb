import { sql } from 'kysely'
import type { Db } from '../ledger/db-types.js'
import type { Experiment } from './experiments.js'
import { type Readout, readout } from './significance.js'

export interface VariantStats {
  readonly key: string
  readonly name: string
  /** Referrers shown the variant (their first card view assigns them). */
  readonly cardViews: number
  /** Of those, referrers who finished sharing from the share sheet. */
  readonly shares: number
  /** Clicks on their links. */
  readonly clicks: number
  /** Friends who joined after the referrer was assigned (rejected ones left out). */
  readonly joined: number
  readonly converted: number
  /** Money rewards issued for those friends (declined and reversed left out), per currency. */
  readonly costMinor: ReadonlyArray<{ readonly currency: string; readonly amountMinor: number }>
  /** Per currency, the cost divided by the conversions; null without a conversion. */
  readonly costPerConversionMinor: ReadonlyArray<{
    readonly currency: string
    readonly amountMinor: number
  }> | null
  /** Against the first variant (the control); null for the control itself. */
  readonly readout: Readout | null
}

/** Every variant's funnel and cost, in three grouped statements over the experiment's referrers. */
export async function experimentStats(db: Db, experiment: Experiment): Promise<VariantStats[]> {
  const [reach, friends, cost] = await Promise.all([
    sql<{ variant: string; viewers: number; sharers: number; clicks: number }>`
      select a.variant, count(*)::int as viewers, count(a.shared_at)::int as sharers,
             coalesce(sum(r.click_count), 0)::int as clicks
        from experiment_assignments a join referrers r on r.id = a.referrer_id
       where a.experiment_id = ${experiment.id}
       group by a.variant`.execute(db),
    sql<{ variant: string; joined: number; converted: number }>`
      select a.variant,
             count(f.id) filter (where f.status <> 'rejected')::int as joined,
             count(f.id) filter (where f.status = 'qualified')::int as converted
        from experiment_assignments a
        join referrals f on f.referrer_id = a.referrer_id and f.created_at >= a.assigned_at
       where a.experiment_id = ${experiment.id}
       group by a.variant`.execute(db),
    sql<{ variant: string; currency: string; amount: number }>`
      select a.variant, w.currency, sum(w.amount_minor)::int as amount
        from experiment_assignments a
        join referrals f on f.referrer_id = a.referrer_id and f.created_at >= a.assigned_at
        join rewards w on w.referral_id = f.id
       where a.experiment_id = ${experiment.id}
         and w.status not in ('declined', 'reversed') and w.amount_minor is not null
         and w.currency is not null
       group by a.variant, w.currency`.execute(db),
  ])
  const byKey = <T extends { variant: string }>(rows: T[]) =>
    new Map(rows.map((r) => [r.variant, r]))
  const reached = byKey(reach.rows)
  const counted = byKey(friends.rows)
  const arms = experiment.variants.map((v) => ({
    name: v.name,
    joined: counted.get(v.key)?.joined ?? 0,
    converted: counted.get(v.key)?.converted ?? 0,
  }))
  return experiment.variants.map((variant, i) => {
    const costs = cost.rows
      .filter((row) => row.variant === variant.key)
      .map((row) => ({ currency: row.currency, amountMinor: row.amount }))
    const converted = arms[i]!.converted
    return {
      key: variant.key,
      name: variant.name,
      cardViews: reached.get(variant.key)?.viewers ?? 0,
      shares: reached.get(variant.key)?.sharers ?? 0,
      clicks: reached.get(variant.key)?.clicks ?? 0,
      joined: arms[i]!.joined,
      converted,
      costMinor: costs,
      costPerConversionMinor:
        converted === 0
          ? null
          : costs.map((c) => ({
              currency: c.currency,
              amountMinor: Math.round(c.amountMinor / converted),
            })),
      readout: i === 0 ? null : readout(arms[0]!, arms[i]!),
    }
  })
}
