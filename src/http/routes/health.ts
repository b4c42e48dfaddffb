import { Router } from 'express'
import { sql } from 'kysely'
import type { AppContext } from '../../context.js'

export function healthRoutes(ctx: AppContext): Router {
  const router = Router()

  // GET /healthz - liveness, and the database answers
  router.get('/healthz', async (_req, res) => {
    try {
      await sql`select 1`.execute(ctx.db)
      res.json({ status: 'ok', database: ctx.database.kind })
    } catch {
      res.status(503).json({ status: 'unavailable', database: ctx.database.kind })
    }
  })

  // GET /readyz - ready for traffic: database reachable and the job queue started
  router.get('/readyz', async (_req, res) => {
    try {
      await sql`select 1`.execute(ctx.db)
      const jobs = ctx.jobs ? 'started' : 'off'
      res.json({ status: 'ready', database: ctx.database.kind, jobs })
    } catch {
      res.status(503).json({ status: 'not_ready' })
    }
  })

  return router
}
