import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { cli, withDatabase } from '../support/cli.js'
import { ledgerCounts, scanDatabase, seedPerson, type SeededPerson } from '../support/privacy.js'

// Each command is a fresh process (tsx, then PGlite opening its files): allow it time on a busy machine.
describe('npm run cli -- privacy', { timeout: 180_000 }, () => {
  let dataDir: string
  let jane: SeededPerson
  let before: Awaited<ReturnType<typeof ledgerCounts>>
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'referrals-cli-privacy-'))
    await withDatabase(dataDir, async (db) => {
      installRewardIssuing(db)
      jane = await seedPerson(db)
      before = await ledgerCounts(db, jane.workspaceId)
    })
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('exports a person to a file, then erases them: nothing left, counts unchanged', async () => {
    const out = join(dataDir, 'jane.json')
    const exported = await cli(dataDir, [
      'privacy',
      'export',
      jane.workspaceId,
      '--contact',
      jane.contactId,
      '--out',
      out,
    ])
    expect(exported.stderr).toBe('')
    expect(exported).toMatchObject({ code: 0, stdout: `wrote the export to ${out}\n` })
    const document = JSON.parse(await readFile(out, 'utf8'))
    expect(document.person).toMatchObject({ id: jane.participantId, email: jane.email })

    const erased = await cli(dataDir, [
      'privacy',
      'erase',
      jane.workspaceId,
      '--email',
      jane.email,
      '--reason',
      'ticket 1234',
      '--json',
    ])
    expect(erased.code).toBe(0)
    expect(JSON.parse(erased.stdout)).toMatchObject({
      status: 'erased',
      participantId: jane.participantId,
    })
    const again = await cli(dataDir, ['privacy', 'erase', jane.workspaceId, '--email', jane.email])
    expect(again).toMatchObject({ code: 0, stdout: 'already erased: nothing left to remove\n' })

    await withDatabase(dataDir, async (db) => {
      const leftovers = await scanDatabase(db, [jane.email, jane.name, jane.contactId, jane.code])
      expect(leftovers).toEqual([])
      expect(await ledgerCounts(db, jane.workspaceId)).toEqual(before)
      const event = await db
        .selectFrom('events')
        .select(['actor_type', 'actor_id', 'data'])
        .where('workspace_id', '=', jane.workspaceId)
        .where('type', '=', 'participant.erased')
        .executeTakeFirstOrThrow()
      expect(event).toMatchObject({ actor_type: 'operator', actor_id: 'cli' })
      expect(event.data).toMatchObject({ reason: 'ticket 1234' })
    })
  })

  it('answers a missing identifier as a usage error', async () => {
    const run = await cli(dataDir, ['privacy', 'erase', jane.workspaceId])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('name the person')
  })
})
