import type { Request, Response } from 'express'
import { z } from 'zod'
import { decodeCursor } from '../../../ledger/admin/cursor.js'
import type { Workspace } from '../../../ledger/types.js'
import type { AdminPrincipal } from '../../admin-auth.js'
import type { html } from './html.js'
import type { PageOptions } from './layout.js'

/** The query every workspace page may read: a search, a status filter and a page cursor. */
export const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  /** One campaign's items only; any other value shows every campaign's. */
  campaign: z.uuid().optional().catch(undefined),
  cursor: z
    .string()
    .refine((c) => decodeCursor(c) !== null)
    .optional()
    .catch(undefined),
})

/** One workspace page: what the layout needs and the page's body. */
export type PageHandler = (input: {
  req: Request
  res: Response
  principal: AdminPrincipal
  workspace: Workspace
  base: string
  query: z.output<typeof listQuery>
}) => Promise<{
  options: Omit<PageOptions, 'workspaceId' | 'signedIn'>
  body: ReturnType<typeof html>
}>
