import { AppError } from '../../errors.js'
import { mergeCampaignSettings } from '../../ledger/admin/settings-merge.js'
import { getCampaign, listCampaigns, updateCampaign } from '../../ledger/campaigns.js'
import { outboundPolicy, refuseUnsafeSettingUrls } from '../../outbound/settings-urls.js'
import type { Campaign } from '../../ledger/types.js'
import { findWorkspace } from '../../ledger/workspaces.js'
import { flag, parseArgs } from '../args.js'
import { type Cli, CommandError, EXIT, print, table, UsageError } from '../cli.js'

const USAGE =
  'campaign list <workspace> | campaign show <workspace> [campaign-id] | campaign set <workspace> [--campaign id] <path=value>…'

export async function requireWorkspace(cli: Cli, id: string | undefined): Promise<string> {
  if (!id) throw new UsageError('a workspace id is required')
  if (!(await findWorkspace(cli.ctx.db, id))) throw new CommandError(`no workspace ${id}`)
  return id
}

/** `a.b=value`: JSON when it parses (numbers, true, null, ["x"]), otherwise the text itself. */
export function parseAssignment(text: string): { path: string[]; value: unknown } {
  const at = text.indexOf('=')
  if (at <= 0) throw new UsageError(`expected path=value, got "${text}"`)
  const path = text.slice(0, at).trim().split('.')
  if (path.some((key) => !/^[A-Za-z_][\w]*$/.test(key)))
    throw new UsageError(`"${text.slice(0, at)}" is not a settings path`)
  const raw = text.slice(at + 1)
  let value: unknown = raw
  try {
    value = JSON.parse(raw)
  } catch {
    // plain text
  }
  return { path, value }
}

function nest(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<
    string,
    unknown
  >
}

function deepAssign(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key]
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current)
    ) {
      deepAssign(current as Record<string, unknown>, value as Record<string, unknown>)
    } else target[key] = value
  }
}

function summary(c: Campaign): string[] {
  return [
    `${c.name} (${c.id})${c.isDefault ? ' [default]' : ''} — ${c.status}`,
    JSON.stringify(c.settings, null, 2),
  ]
}

export async function campaignCommand(cli: Cli, argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  if (action === 'list') {
    const args = parseArgs(rest)
    const workspaceId = await requireWorkspace(cli, args.positional[0])
    const campaigns = await listCampaigns(cli.ctx.db, workspaceId)
    print(cli, campaigns, () =>
      table([
        ['ID', 'NAME', 'STATUS', 'DEFAULT', 'QUALIFIES ON'],
        ...campaigns.map((c) => [
          c.id,
          c.name,
          c.status,
          c.isDefault ? 'yes' : 'no',
          `${c.settings.qualification.attribute} = ${c.settings.qualification.values.join(', ')}`,
        ]),
      ]),
    )
    return EXIT.ok
  }
  if (action === 'show') {
    const args = parseArgs(rest)
    const workspaceId = await requireWorkspace(cli, args.positional[0])
    const campaign = await getCampaign(cli.ctx.db, workspaceId, args.positional[1])
    print(cli, campaign, () => summary(campaign))
    return EXIT.ok
  }
  if (action === 'set') {
    const args = parseArgs(rest, { values: ['campaign'] })
    const [workspaceArg, ...assignments] = args.positional
    const workspaceId = await requireWorkspace(cli, workspaceArg)
    if (assignments.length === 0) throw new UsageError('campaign set: give at least one path=value')
    const current = await getCampaign(cli.ctx.db, workspaceId, flag(args, 'campaign'))
    let name: string | undefined
    const patch: Record<string, unknown> = {}
    for (const text of assignments) {
      const { path, value } = parseAssignment(text)
      if (path.length === 1 && path[0] === 'name') {
        if (typeof value !== 'string' || !value.trim())
          throw new UsageError('name must be a non-empty text')
        name = value.trim()
      } else deepAssign(patch, nest(path, value))
    }
    let settings
    try {
      settings = mergeCampaignSettings(current.settings, patch)
      await refuseUnsafeSettingUrls(settings, outboundPolicy(cli.ctx.config), current.settings)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      throw new CommandError(
        [
          'invalid settings:',
          ...error.fields.map((f) => `  ${f.path.replace(/^settings\./, '')}: ${f.message}`),
        ].join('\n'),
      )
    }
    const updated = await updateCampaign(cli.ctx.db, {
      workspaceId,
      campaignId: current.id,
      name,
      settings,
      actor: { type: 'operator', id: 'cli' },
    })
    print(cli, updated, () => [`updated ${updated.name} (${updated.id})`])
    return EXIT.ok
  }
  throw new UsageError(USAGE)
}
