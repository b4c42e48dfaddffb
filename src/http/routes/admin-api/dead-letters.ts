import { type Router } from 'express'
import { type AppContext } from '../../../context.js'
import { type ApiRegistry } from './api-route.js'
import { notAvailableRoute } from './not-available.js'
import { workspaceParams } from './schemas.js'

export function deadLetterRoutes(router: Router, registry: ApiRegistry, _ctx: AppContext): void {
  // GET /api/v1/workspaces/:workspaceId/dead-letters - contact write-backs that gave up
  notAvailableRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/workspaces/:workspaceId/dead-letters',
      operationId: 'listDeadLetters',
      summary: 'List failed contact write-backs',
      tag: 'dead-letters',
      params: workspaceParams,
    },
    'Dead-letter write-backs',
  )
  notAvailableRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/workspaces/:workspaceId/dead-letters/:deadLetterId/retry',
      operationId: 'retryDeadLetter',
      summary: 'Retry a failed contact write-back',
      tag: 'dead-letters',
      params: workspaceParams,
    },
    'Dead-letter write-backs',
  )
}
