import express, { type Express } from 'express'
import { type AppContext } from './context.js'
import { errorHandler, notFoundHandler } from './http/error-handler.js'
import { bodyParsers } from './http/raw-body.js'
import { requestContext } from './http/request-context.js'
import { mountRoutes } from './http/routes/index.js'

/** The Express app, without listening: tests drive it in-process with supertest. */
export function createApp(ctx: AppContext): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback, linklocal, uniquelocal')
  app.set('query parser', 'simple')
  app.use(requestContext(ctx.logger))
  app.use(...bodyParsers())
  mountRoutes(app, ctx)
  app.use(notFoundHandler)
  app.use(errorHandler)
  return app
}
