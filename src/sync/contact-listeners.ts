import { isConnected } from '../intercom/connections.js'
import { inTransaction, type JobQueue } from '../jobs/queue.js'
import { getCampaign } from '../ledger/campaigns.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { onReferralCreated } from '../ledger/referrals.js'
import { onReferrerEnrolled } from '../ledger/referrers.js'
import type { Participant } from '../ledger/types.js'
import type { ContactCreateJob } from './create-contact.js'
import { IMPORT_SOURCE } from './import-contacts.js'
import { CONTACT_CREATE_QUEUE } from './queues.js'

export const CONTACT_JOB_OPTIONS = { retryLimit: 10, retryDelay: 10, retryBackoff: true } as const

/**
 * Queues an Intercom contact for each new referrer (not imported ones: they came from Intercom)
 * and each referred friend, when the campaign asks for it and the person has no contact yet. The
 * job is queued inside the ledger transaction, so it exists exactly when the enrolment does.
 */
export function subscribeContactCreation(db: Db, jobs: JobQueue): () => void {
  const offEnrolled = onReferrerEnrolled(db, async (trx, referrer, participant) => {
    if (referrer.source === IMPORT_SOURCE || !wantsContact(participant)) return
    const campaign = await getCampaign(trx, referrer.workspaceId, referrer.campaignId)
    if (campaign.settings.intercom.onReferrerJoin === 'none') return
    if (!(await isConnected(trx, referrer.workspaceId))) return
    await enqueue(jobs, trx, {
      workspaceId: referrer.workspaceId,
      campaignId: referrer.campaignId,
      participantId: participant.id,
      kind: 'referrer',
    })
  })
  const offCreated = onReferralCreated(db, async (trx, result) => {
    if (!wantsContact(result.friend)) return
    const { referral } = result
    const campaign = await getCampaign(trx, referral.workspaceId, referral.campaignId)
    if (campaign.settings.intercom.onFriendReferred === 'none') return
    if (!(await isConnected(trx, referral.workspaceId))) return
    await enqueue(jobs, trx, {
      workspaceId: referral.workspaceId,
      campaignId: referral.campaignId,
      participantId: result.friend.id,
      kind: 'friend',
      referralId: referral.id,
    })
  })
  return () => {
    offEnrolled()
    offCreated()
  }
}

function wantsContact(participant: Participant): boolean {
  return participant.contactId === null && participant.email !== null
}

async function enqueue(jobs: JobQueue, trx: Trx, job: ContactCreateJob): Promise<void> {
  await jobs.send(CONTACT_CREATE_QUEUE, job, {
    ...CONTACT_JOB_OPTIONS,
    singletonKey: `${job.kind}:${job.participantId}`,
    ...inTransaction(trx),
  })
}
