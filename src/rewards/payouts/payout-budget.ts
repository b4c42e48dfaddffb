import { sql } from 'kysely'
import type { Db, Trx } from '../../ledger/db-types.js'

export interface BudgetView {
  /** '' is the whole workspace. */
  readonly campaignId: string
  readonly monthlyLimitMinor: number
  readonly currency: string
  readonly spentMinor: number
}

/** Payouts that count against a month's budget: on their way or paid (not held, failed or cancelled). */
const SPENDING = ['requested', 'sent', 'delivered', 'flagged'] as const

async function spentThisMonth(
  db: Db | Trx,
  workspaceId: string,
  campaignId: string,
  currency: string,
): Promise<number> {
  let query = db
    .selectFrom('payouts')
    .select(sql<number>`coalesce(sum(amount_minor), 0)::bigint`.as('spent'))
    .where('workspace_id', '=', workspaceId)
    .where('currency', '=', currency)
    .where('status', 'in', SPENDING)
    .where(sql<boolean>`created_at >= date_trunc('month', now())`)
  if (campaignId) query = query.where('campaign_id', '=', campaignId)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.spent)
}

/**
 * Would this payout go over the workspace's or its campaign's monthly budget? Serialized per
 * workspace (an advisory lock held to the end of the transaction), so two payouts approved at
 * once cannot both squeeze under the same limit.
 */
export async function exceedsBudget(
  trx: Trx,
  payout: { workspaceId: string; campaignId: string; amountMinor: number; currency: string },
): Promise<string | null> {
  await sql`select pg_advisory_xact_lock(hashtext(${`payout-budget:${payout.workspaceId}`}))`.execute(
    trx,
  )
  const budgets = await trx
    .selectFrom('payout_budgets')
    .selectAll()
    .where('workspace_id', '=', payout.workspaceId)
    .where('campaign_id', 'in', ['', payout.campaignId])
    .execute()
  for (const budget of budgets) {
    if (budget.currency !== payout.currency) continue
    const spent = await spentThisMonth(trx, payout.workspaceId, budget.campaign_id, budget.currency)
    if (spent + payout.amountMinor > budget.monthly_limit_minor) {
      return budget.campaign_id
        ? 'campaign monthly budget reached'
        : 'workspace monthly budget reached'
    }
  }
  return null
}

export async function payoutBudgets(db: Db, workspaceId: string): Promise<BudgetView[]> {
  const rows = await db
    .selectFrom('payout_budgets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('campaign_id')
    .execute()
  return Promise.all(
    rows.map(async (row) => ({
      campaignId: row.campaign_id,
      monthlyLimitMinor: row.monthly_limit_minor,
      currency: row.currency,
      spentMinor: await spentThisMonth(db, workspaceId, row.campaign_id, row.currency),
    })),
  )
}

/** Sets (or with null removes) a monthly budget; campaignId '' is the whole workspace's. */
export async function setPayoutBudget(
  db: Db,
  workspaceId: string,
  campaignId: string,
  budget: { monthlyLimitMinor: number; currency: string } | null,
): Promise<void> {
  if (!budget) {
    await db
      .deleteFrom('payout_budgets')
      .where('workspace_id', '=', workspaceId)
      .where('campaign_id', '=', campaignId)
      .execute()
    return
  }
  const values = { monthly_limit_minor: budget.monthlyLimitMinor, currency: budget.currency }
  await db
    .insertInto('payout_budgets')
    .values({ workspace_id: workspaceId, campaign_id: campaignId, ...values })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'campaign_id'])
        .doUpdateSet({ ...values, updated_at: sql<Date>`now()` }),
    )
    .execute()
}
