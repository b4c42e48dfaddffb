import { type Router } from 'express'
import { type AppContext } from '../../../context.js'
import { type ApiRegistry } from './api-route.js'
import { notAvailableRoute } from './not-available.js'
import { workspaceParams } from './schemas.js'

export function couponPoolRoutes(router: Router, registry: ApiRegistry, _ctx: AppContext): void {
  // GET /api/v1/workspaces/:workspaceId/coupon-pools - pools and how many codes remain
  notAvailableRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/workspaces/:workspaceId/coupon-pools',
      operationId: 'listCouponPools',
      summary: 'Coupon pools and their remaining codes',
      tag: 'coupon-pools',
      params: workspaceParams,
    },
    'Coupon pools',
  )
}
