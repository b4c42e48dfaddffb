import { sql } from 'kysely'
import type { AppContext } from '../../context.js'
import { workInBatches } from '../../jobs/batch-workers.js'
import type { JobQueue } from '../../jobs/queue.js'
import type { WorkerRegistration } from '../../jobs/workers.js'
import {
  createNoteQueue,
  enqueueNote,
  listenForAgentActions,
  NOTE_QUEUE,
  noteJobSchema,
} from './outbox.js'
import { sendNote } from './send-note.js'

const SWEEP_QUEUE = 'conversation-note-sweep'
const PAGE = 500

async function runJob(ctx: AppContext & { jobs: JobQueue }, data: unknown): Promise<void> {
  const parsed = noteJobSchema.safeParse(data)
  if (!parsed.success) {
    ctx.logger.error('conversation note: malformed job dropped')
    return
  }
  const outcome = await sendNote(ctx, parsed.data)
  if (outcome.kind === 'rate-limited')
    await enqueueNote(ctx.jobs, parsed.data, { startAfter: outcome.retryAt })
  else if (outcome.kind === 'failed')
    ctx.logger.warn({ ...parsed.data, reason: outcome.reason }, 'conversation note: refused')
}

/**
 * Notes still pending with no job alive (retries ran out, a crash, a workspace that reconnected):
 * enqueued again. Their job key makes a note that does have a job a no-op.
 */
export async function sweepPendingNotes(ctx: AppContext & { jobs: JobQueue }): Promise<number> {
  const rows = await ctx.db
    .selectFrom('conversation_notes as n')
    .innerJoin('workspaces as w', 'w.id', 'n.workspace_id')
    .select(['n.workspace_id', sql<string>`n.id::text`.as('id')])
    .where('n.status', '=', 'pending')
    .where('w.access_token_ciphertext', 'is not', null)
    .orderBy('n.id')
    .limit(PAGE)
    .execute()
  for (const row of rows)
    await enqueueNote(ctx.jobs, { workspaceId: row.workspace_id, noteId: row.id })
  return rows.length
}

/** Start-up: the ledger hook for agents' actions, the note workers and the minute sweep. */
export const registerConversationNotes: WorkerRegistration = async (ctx) => {
  const boss = ctx.jobs
  await createNoteQueue(boss)
  const unsubscribe = listenForAgentActions(ctx.db, boss)
  boss.once('stopped', unsubscribe)
  await workInBatches<unknown>(
    boss,
    NOTE_QUEUE,
    {
      workers: 1,
      batchSize: 10,
      pollingIntervalSeconds: 0.5,
      concurrency: 4,
      label: 'conversation note',
    },
    ctx.logger,
    (data) => runJob(ctx, data),
  )
  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' })
  await boss.work(SWEEP_QUEUE, async () => {
    await sweepPendingNotes(ctx)
  })
  await boss.schedule(SWEEP_QUEUE, '* * * * *')
  await sweepPendingNotes(ctx).catch((error: unknown) =>
    ctx.logger.error({ err: error }, 'conversation notes: start-up sweep failed'),
  )
}
