import type { Request, Response, Router } from 'express'
import type { z } from 'zod'
import type { AppContext } from '../../../context.js'
import type { Workspace } from '../../../ledger/types.js'
import { type AdminPrincipal, scopedWorkspace } from '../../admin-auth.js'
import { parse } from '../../parse.js'

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete'
export type AnyObject = z.ZodObject<z.ZodRawShape>

export interface RouteSpec {
  readonly method: Method
  /** Express path under /api/v1, e.g. /workspaces/:workspaceId/campaigns. */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly tag: string
  readonly params?: AnyObject
  readonly query?: AnyObject
  readonly body?: z.ZodType
  /** JSON response schema; omit for a raw response (text/csv) described by `produces`. */
  readonly response?: z.ZodType
  readonly produces?: string
  readonly status?: number
  /** When the route can refuse with 409: what the conflict means (documented in OpenAPI). */
  readonly conflict?: string
  /** Words for body issues whose schema gives none (e.g. campaign settings). */
  readonly bodyIssueWords?: (issue: z.core.$ZodRawIssue) => string | undefined
}

export interface HandlerInput<S extends RouteSpec> {
  readonly params: S['params'] extends AnyObject ? z.output<S['params']> : Record<string, never>
  readonly query: S['query'] extends AnyObject ? z.output<S['query']> : Record<string, never>
  readonly body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined
  readonly principal: AdminPrincipal
  /** The workspace named by :workspaceId, already checked against the principal's scope. */
  readonly workspace: Workspace
  readonly req: Request
  readonly res: Response
}

type HandlerResult<S extends RouteSpec> = S['response'] extends z.ZodType
  ? z.input<S['response']>
  : void

/**
 * The admin API under construction: resource modules register their routes with `route`, and the
 * OpenAPI document is built from the specs it collected, in registration order.
 */
export class AdminApi {
  readonly routes: RouteSpec[] = []
  readonly ctx: AppContext
  readonly #router: Router

  constructor(router: Router, ctx: AppContext) {
    this.#router = router
    this.ctx = ctx
  }

  /**
   * Registers one admin route: input parsed by its zod schemas (400 with field messages), the
   * workspace scoped to the caller (404 otherwise), and the output parsed on the way out.
   */
  route<const S extends RouteSpec>(
    spec: S,
    handler: (input: HandlerInput<S>) => Promise<HandlerResult<S>>,
  ): void {
    const { ctx } = this
    this.routes.push(spec)
    this.#router[spec.method](spec.path, async (req, res) => {
      const principal = res.locals.admin
      if (!principal) throw new Error('admin routes are mounted behind requireAdmin')
      const rawParams = req.params as Record<string, string>
      const workspaceId = rawParams.workspaceId
      const workspace = workspaceId
        ? await scopedWorkspace(ctx.db, principal, workspaceId)
        : (undefined as unknown as Workspace)
      const params = spec.params ? parse(spec.params, rawParams, 'path') : {}
      const query = spec.query ? parse(spec.query, req.query, 'query') : {}
      const body = spec.body
        ? parse(spec.body, req.body ?? {}, 'body', spec.bodyIssueWords)
        : undefined
      const result = await handler({
        params,
        query,
        body,
        principal,
        workspace,
        req,
        res,
      } as HandlerInput<S>)
      if (!spec.response) return
      res.status(spec.status ?? 200).json(spec.response.parse(result))
    })
  }
}
