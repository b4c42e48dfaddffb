import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import {
  ReferralLoopError,
  SelfReferralError,
  UnknownCodeError,
  CodeTakenError,
  InvalidEmailError,
} from '../../src/ledger/errors.js'
import { ensureParticipant } from '../../src/ledger/participants.js'
import { attributeReferral, qualifyReferral, rejectReferral } from '../../src/ledger/referrals.js'
import {
  ensureReferrer,
  getReferrer,
  resolveCode,
  setVanityCode,
} from '../../src/ledger/referrers.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

describe(`ledger on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase()
  })

  describe('participants', () => {
    it('finds one person by contact id or by normalized email, and fills in what was missing', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const invited = await ensureParticipant(handle.db, workspaceId, {
        email: ' Friend@Example.com ',
      })
      expect(invited.created).toBe(true)
      const signedUp = await ensureParticipant(handle.db, workspaceId, {
        contactId: 'c-1',
        email: 'friend@example.com',
        name: 'Fran Smith',
      })
      expect(signedUp.created).toBe(false)
      expect(signedUp.participant.id).toBe(invited.participant.id)
      expect(signedUp.participant).toMatchObject({
        contactId: 'c-1',
        emailNormalized: 'friend@example.com',
        firstName: 'Fran',
      })
    })

    it('keeps people of different workspaces apart', async () => {
      const a = await newWorkspace(handle.db)
      const b = await newWorkspace(handle.db)
      const inA = await ensureParticipant(handle.db, a.workspaceId, { email: 'same@example.com' })
      const inB = await ensureParticipant(handle.db, b.workspaceId, { email: 'same@example.com' })
      expect(inA.participant.id).not.toBe(inB.participant.id)
    })

    it('refuses a malformed email from a person, ignores one from Intercom data', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      await expect(
        ensureParticipant(handle.db, workspaceId, { email: 'not an email' }),
      ).rejects.toThrow(InvalidEmailError)
      const lenient = await ensureParticipant(
        handle.db,
        workspaceId,
        { contactId: 'c-9', email: 'not an email' },
        { emailPolicy: 'lenient' },
      )
      expect(lenient.participant.emailNormalized).toBeNull()
    })

    it('flags plus-addressed emails', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const sut = await ensureParticipant(handle.db, workspaceId, {
        email: 'bob+promo@example.com',
      })
      expect(sut.participant.emailPlusAddressed).toBe(true)
    })
  })

  describe('referrers and codes', () => {
    it('enrols a referrer once, with a memorable code', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const first = await newReferrer(handle.db, workspaceId, 'Jane Doe', 'jane@example.com')
      expect(first.created).toBe(true)
      expect(first.referrer.code).toMatch(/^jane-[a-z2-9]{4}$/)
      const again = await ensureReferrer(handle.db, {
        workspaceId,
        person: { email: 'JANE@example.com' },
        source: 'api',
        actor: SYSTEM,
      })
      expect(again.created).toBe(false)
      expect(again.referrer.id).toBe(first.referrer.id)
    })

    it('resolves codes case-insensitively and keeps old codes working after a vanity change', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const { referrer } = await newReferrer(handle.db, workspaceId, 'Ann Lee')
      const changed = await setVanityCode(handle.db, {
        workspaceId,
        referrerId: referrer.id,
        code: 'AnnRocks',
        actor: { type: 'admin', id: '7' },
      })
      expect(changed.code).toBe('AnnRocks')
      expect(
        (await resolveCode(handle.db, workspaceId, referrer.code.toUpperCase()))?.referrer,
      ).toMatchObject({ id: referrer.id, code: 'AnnRocks' })
      expect((await resolveCode(handle.db, workspaceId, 'annrocks'))?.referrer.id).toBe(referrer.id)
      expect(await resolveCode(handle.db, workspaceId, 'nobody-zzzz')).toBeNull()
    })

    it('refuses a vanity code another referrer holds', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const a = await newReferrer(handle.db, workspaceId, 'Ann')
      const b = await newReferrer(handle.db, workspaceId, 'Bob')
      await setVanityCode(handle.db, {
        workspaceId,
        referrerId: a.referrer.id,
        code: 'taken-one',
        actor: SYSTEM,
      })
      await expect(
        setVanityCode(handle.db, {
          workspaceId,
          referrerId: b.referrer.id,
          code: 'TAKEN-ONE',
          actor: SYSTEM,
        }),
      ).rejects.toThrow(CodeTakenError)
      expect((await getReferrer(handle.db, workspaceId, b.referrer.id))?.code).toBe(b.referrer.code)
    })

    it('does not resolve another workspace’s code', async () => {
      const a = await newWorkspace(handle.db)
      const b = await newWorkspace(handle.db)
      const { referrer } = await newReferrer(handle.db, a.workspaceId)
      expect(await resolveCode(handle.db, b.workspaceId, referrer.code)).toBeNull()
    })
  })

  describe('referrals', () => {
    it('attributes a friend, counts it in the same transaction and records the event', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const { referrer } = await newReferrer(handle.db, workspaceId)
      const sut = await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: referrer.code },
        friend: { email: 'friend@example.com', name: 'Fred' },
        source: 'invite',
        actor: { type: 'contact', id: 'c1' },
      })
      expect(sut.created).toBe(true)
      expect(sut.referral.status).toBe('pending')
      const after = await getReferrer(handle.db, workspaceId, referrer.id)
      expect(after).toMatchObject({ referralCount: 1, pendingCount: 1, convertedCount: 0 })
      expect(after?.lastReferralAt).toBeInstanceOf(Date)
      const events = await handle.db
        .selectFrom('events')
        .select(['type', 'actor_type'])
        .where('workspace_id', '=', workspaceId)
        .where('subject_id', '=', sut.referral.id)
        .execute()
      expect(events).toEqual([{ type: 'referral.created', actor_type: 'contact' }])
    })

    it('attributes a friend once per campaign: the first attribution wins, later ones are recorded only', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const a = await newReferrer(handle.db, workspaceId, 'Ann')
      const b = await newReferrer(handle.db, workspaceId, 'Bob')
      const first = await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: a.referrer.code },
        friend: { email: 'f@example.com' },
        source: 'link',
        actor: SYSTEM,
      })
      const second = await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: b.referrer.code },
        friend: { email: 'F@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      expect(second.created).toBe(false)
      expect(second.referral.id).toBe(first.referral.id)
      expect((await getReferrer(handle.db, workspaceId, b.referrer.id))?.referralCount).toBe(0)
      const ignored = await handle.db
        .selectFrom('events')
        .select('type')
        .where('workspace_id', '=', workspaceId)
        .where('type', '=', 'referral.attribution_ignored')
        .execute()
      expect(ignored).toHaveLength(1)
    })

    it('refuses self-referral by contact, by email and by plus alias', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const { referrer, participant } = await newReferrer(
        handle.db,
        workspaceId,
        'Sam',
        'sam@example.com',
      )
      for (const friend of [
        { contactId: participant.contactId },
        { email: 'SAM@example.com' },
        { email: 'sam+2@example.com' },
      ]) {
        await expect(
          attributeReferral(handle.db, {
            workspaceId,
            referrer: { code: referrer.code },
            friend,
            source: 'invite',
            actor: SYSTEM,
          }),
        ).rejects.toThrow(SelfReferralError)
      }
      expect((await getReferrer(handle.db, workspaceId, referrer.id))?.referralCount).toBe(0)
    })

    it('refuses loops, direct and through a chain', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const a = await newReferrer(handle.db, workspaceId, 'Ann', 'ann@example.com')
      await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: a.referrer.code },
        friend: { email: 'bob@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      const b = await ensureReferrer(handle.db, {
        workspaceId,
        person: { email: 'bob@example.com' },
        source: 'api',
        actor: SYSTEM,
      })
      await expect(
        attributeReferral(handle.db, {
          workspaceId,
          referrer: { code: b.referrer.code },
          friend: { email: 'ann@example.com' },
          source: 'invite',
          actor: SYSTEM,
        }),
      ).rejects.toThrow(ReferralLoopError)
      await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: b.referrer.code },
        friend: { email: 'cy@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      const c = await ensureReferrer(handle.db, {
        workspaceId,
        person: { email: 'cy@example.com' },
        source: 'api',
        actor: SYSTEM,
      })
      await expect(
        attributeReferral(handle.db, {
          workspaceId,
          referrer: { code: c.referrer.code },
          friend: { email: 'ann@example.com' },
          source: 'invite',
          actor: SYSTEM,
        }),
      ).rejects.toThrow(ReferralLoopError)
    })

    it('refuses an unknown code', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      await expect(
        attributeReferral(handle.db, {
          workspaceId,
          referrer: { code: 'ghost-2222' },
          friend: { email: 'x@example.com' },
          source: 'link',
          actor: SYSTEM,
        }),
      ).rejects.toThrow(UnknownCodeError)
    })

    it('qualifies and rejects with counters moving in step, idempotently', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const { referrer } = await newReferrer(handle.db, workspaceId)
      const one = await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: referrer.code },
        friend: { email: 'one@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      const two = await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: referrer.code },
        friend: { email: 'two@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      const admin = { type: 'admin', id: '42' } as const
      expect(
        (
          await qualifyReferral(handle.db, {
            workspaceId,
            referralId: one.referral.id,
            actor: admin,
          })
        ).changed,
      ).toBe(true)
      expect(
        (
          await qualifyReferral(handle.db, {
            workspaceId,
            referralId: one.referral.id,
            actor: admin,
          })
        ).changed,
      ).toBe(false)
      const rejected = await rejectReferral(handle.db, {
        workspaceId,
        referralId: two.referral.id,
        actor: admin,
        reason: 'duplicate account',
      })
      expect(rejected.referral).toMatchObject({
        status: 'rejected',
        statusReason: 'duplicate account',
      })
      expect(await getReferrer(handle.db, workspaceId, referrer.id)).toMatchObject({
        referralCount: 2,
        pendingCount: 0,
        convertedCount: 1,
        rejectedCount: 1,
      })
      await rejectReferral(handle.db, {
        workspaceId,
        referralId: one.referral.id,
        actor: admin,
        reason: 'refunded',
      })
      expect(await getReferrer(handle.db, workspaceId, referrer.id)).toMatchObject({
        convertedCount: 0,
        rejectedCount: 2,
      })
      await expect(
        rejectReferral(handle.db, {
          workspaceId,
          referralId: two.referral.id,
          actor: admin,
          reason: '  ',
        }),
      ).rejects.toThrow(/reason/)
    })

    it('does not let one workspace decide another workspace’s referral', async () => {
      const a = await newWorkspace(handle.db)
      const b = await newWorkspace(handle.db)
      const { referrer } = await newReferrer(handle.db, a.workspaceId)
      const { referral } = await attributeReferral(handle.db, {
        workspaceId: a.workspaceId,
        referrer: { code: referrer.code },
        friend: { email: 'f@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      await expect(
        qualifyReferral(handle.db, {
          workspaceId: b.workspaceId,
          referralId: referral.id,
          actor: SYSTEM,
        }),
      ).rejects.toThrow(/not found/)
      await expect(
        qualifyReferral(handle.db, {
          workspaceId: b.workspaceId,
          referralId: 'not-a-uuid',
          actor: SYSTEM,
        }),
      ).rejects.toThrow(/not found/)
    })

    it('marks both contacts for write-back in the same transaction', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      const { referrer } = await newReferrer(handle.db, workspaceId)
      const { friend } = await attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: referrer.code },
        friend: { email: 'w@example.com' },
        source: 'invite',
        actor: SYSTEM,
      })
      const pending = await handle.db
        .selectFrom('pending_contact_writes')
        .select('participant_id')
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(pending.map((row) => row.participant_id).sort()).toEqual(
        [referrer.participantId, friend.id].sort(),
      )
    })
  })

  describe('events', () => {
    it('is append-only: the database refuses updates and deletes', async () => {
      const { workspaceId } = await newWorkspace(handle.db)
      await newReferrer(handle.db, workspaceId)
      await expect(
        sql`update events set type = 'x' where workspace_id = ${workspaceId}`.execute(handle.db),
      ).rejects.toThrow(/append-only/)
      await expect(
        sql`delete from events where workspace_id = ${workspaceId}`.execute(handle.db),
      ).rejects.toThrow(/append-only/)
    })
  })
})
