import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import express, { type NextFunction, type Request, type Response } from 'express'
import type { FakeContext } from './context.js'
import { createControls, type FakeIntercomControls } from './controls.js'
import { FakeHttpError, errorList } from './errors.js'
import { FakeRateLimit } from './rate-limit.js'
import { installationRoutes, oauthRoutes } from './routes-auth.js'
import { contactRoutes } from './routes-contacts.js'
import { dataConnectorRoutes } from './data-connectors.js'
import { conversationRoutes } from './routes-conversations.js'
import { workspaceRoutes } from './routes-workspace.js'
import { createFakeState, type FakeState } from './state.js'
import type { FakeIntercomOptions } from './types.js'
import { FakeWebhookSender } from './webhooks.js'

export interface FakeIntercom {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash): INTERCOM_API_BASE_URL. */
  readonly url: string
  readonly state: FakeState
  readonly controls: FakeIntercomControls
  /** Valid from the start: options.accessTokens[0] or a generated one. */
  readonly accessToken: string
  readonly workspaceId: string
  close(): Promise<void>
}

/** A fake Intercom REST API on 127.0.0.1, as strict as the real one where the app depends on it. */
export async function startFakeIntercom(options: FakeIntercomOptions = {}): Promise<FakeIntercom> {
  const nowMs = options.now ?? Date.now
  const nowSeconds = () => Math.floor(nowMs() / 1000)
  const accessTokens = options.accessTokens ?? ['fake-access-token-0123456789']
  const state = createFakeState({
    workspaceId: options.workspaceId ?? 'fakews01',
    workspaceName: options.workspaceName ?? 'Fake Workspace',
    region: options.region ?? 'US',
    adminEmail: options.adminEmail ?? 'admin@fake-intercom.test',
    accessTokens,
    nowSeconds: nowSeconds(),
  })
  const ctx: FakeContext = {
    state,
    limit: new FakeRateLimit(options.rateLimitPerMinute ?? 10_000, nowMs),
    webhooks: new FakeWebhookSender(state, options.webhookTarget, nowSeconds),
    // The defaults match test/support/app.ts's testConfig.
    clientId: options.clientId ?? 'test-client-id',
    clientSecret: options.clientSecret ?? 'test-client-secret-0123456789',
    nowMs,
    nowSeconds,
  }

  const app = express()
  app.disable('x-powered-by')
  app.use(express.json({ limit: '1mb' }))
  app.use(express.urlencoded({ extended: false }))
  app.use(logRequests(state, nowMs))
  app.use(oauthRoutes(ctx))
  app.use(guard(ctx))
  app.use(installationRoutes(ctx))
  app.use(contactRoutes(ctx))
  app.use(conversationRoutes(ctx))
  app.use(workspaceRoutes(ctx))
  app.use(dataConnectorRoutes(ctx))
  app.use((_req: Request, _res: Response) => {
    throw new FakeHttpError(404, 'not_found', 'Resource Not Found')
  })
  app.use(answerErrors)

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s))
  })
  // Longer than undici's idle timeout, so a client never reuses a socket the fake is closing.
  server.keepAliveTimeout = 60_000
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    state,
    controls: createControls(ctx),
    accessToken: accessTokens[0] ?? '',
    workspaceId: state.workspace.id,
    close: async () => {
      await ctx.webhooks.flush()
      // Hung requests (forceTimeout) would keep close() waiting forever.
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Every API route: forced hangs, bearer auth, the rate budget (with headers), forced 5xx. */
function guard(ctx: FakeContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (ctx.limit.nextTimeout()) return // never answered
    const header = req.get('authorization') ?? ''
    const token = /^Bearer (.+)$/.exec(header)?.[1]
    if (!token || ctx.state.tokens.get(token) !== true) {
      throw new FakeHttpError(401, 'unauthorized', 'Access Token Invalid', ctx.limit.peek())
    }
    res.locals.token = token
    const { headers, limited } = ctx.limit.take()
    res.set(headers)
    if (limited) throw new FakeHttpError(429, 'rate_limit_exceeded', 'Rate limit exceeded')
    const forced = ctx.limit.next5xx()
    if (forced) throw new FakeHttpError(forced, 'server_error', 'Internal server error')
    next()
  }
}

function logRequests(state: FakeState, nowMs: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? null
      state.requests.push({
        method: req.method,
        path: req.path,
        status: res.statusCode,
        token,
        version: req.get('intercom-version') ?? null,
        body: req.body,
        at: nowMs(),
      })
    })
    next()
  }
}

function answerErrors(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof FakeHttpError) {
    res.status(error.status).set(error.headers).json(errorList(error.code, error.message))
    return
  }
  // Malformed JSON from express.json(), or a bug in the fake (which should show up loudly).
  const status = (error as { status?: number }).status
  if (status && status >= 400 && status < 500) {
    res.status(status).json(errorList('bad_request', (error as Error).message))
    return
  }
  res.status(500).json(errorList('server_error', String(error)))
}
