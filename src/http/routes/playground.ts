import { fileURLToPath } from 'node:url'
import express, { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { PLAYGROUND_WORKSPACE, sheetPersonKey, sheetSeal } from '../canvas-signer.js'
import { personOf } from '../canvas/people.js'
import { sheetUrl } from '../canvas/share-sheet-url.js'
import { encryptSheetUser } from '../canvas/sheet-crypto.js'
import { parse } from '../parse.js'
import { canvasSignature } from '../verify-signature.js'
import { servePlaygroundScript } from './admin-dashboard/client-bundle.js'

export { PLAYGROUND_WORKSPACE }

const PUBLIC_DIR = fileURLToPath(new URL('../../../public/playground/', import.meta.url))

const playgroundCall = z.object({
  contact: z.object({
    id: z.string().trim().min(1).max(100),
    email: z.string().trim().max(254).optional(),
    name: z.string().trim().max(200).optional(),
  }),
  locale: z.string().trim().max(20).default('en'),
  component_id: z.string().max(255).optional(),
  input_values: z.record(z.string(), z.unknown()).default({}),
  stored_data: z.record(z.string(), z.unknown()).default({}),
})
type PlaygroundCall = z.infer<typeof playgroundCall>

const ADMIN = {
  type: 'admin',
  id: 'playground-admin',
  name: 'Playground Agent',
  email: 'agent@playground.test',
}

/** The Intercom-shaped body for each step, as Intercom would send it (https://developers.intercom.com/docs/canvas-kit). */
const STEPS: Record<
  string,
  { path: string; body: (call: PlaygroundCall) => Record<string, unknown> }
> = {
  'messenger/initialize': {
    path: '/canvas/messenger/initialize',
    body: (call) => ({ card_creation_options: {}, context: context(call), admin: ADMIN }),
  },
  'messenger/live': {
    path: '/canvas/messenger/live',
    body: (call) => ({
      canvas: { content_url: '', stored_data: call.stored_data },
      context: context(call),
      contact: { type: 'contact', role: 'user', ...call.contact },
    }),
  },
  'messenger/submit': {
    path: '/canvas/messenger/submit',
    body: (call) => ({
      component_id: call.component_id,
      input_values: call.input_values,
      current_canvas: { stored_data: call.stored_data },
      context: context(call),
      user: { type: 'user', ...call.contact },
    }),
  },
  'inbox/initialize': {
    path: '/canvas/inbox/initialize',
    body: (call) => ({
      admin: ADMIN,
      conversation: { type: 'conversation', id: '1' },
      contact: { type: 'contact', role: 'user', ...call.contact },
      context: { locale: call.locale },
    }),
  },
  'inbox/submit': {
    path: '/canvas/inbox/submit',
    body: (call) => ({
      admin: ADMIN,
      conversation: { type: 'conversation', id: '1' },
      contact: { type: 'contact', role: 'user', ...call.contact },
      context: { locale: call.locale },
      component_id: call.component_id,
      input_values: call.input_values,
      current_canvas: { stored_data: call.stored_data },
    }),
  },
}

function context(call: PlaygroundCall) {
  return { location: 'home', locale: call.locale, messenger_action_colour: '#1f6feb' }
}

/**
 * A local stand-in for Intercom, when the sandbox is on (PLAYGROUND, docs/security.md): a page that
 * renders the app's real canvas responses. Each call is signed here with the playground's own key,
 * never the client secret, and sent over HTTP to the app's own Canvas Kit routes, so it exercises
 * exactly what Intercom would; those routes accept that key for the demo workspace alone.
 */
export function playgroundRoutes(ctx: AppContext): Router {
  const router = Router()
  const sandbox = ctx.config.playground
  if (!sandbox) return router

  // GET /playground — the page and its styles are static files
  router.get('/playground', (_req, res) => {
    res.sendFile('index.html', { root: PUBLIC_DIR })
  })
  // Its script is TypeScript (src/playground-client/, the renderer included), bundled; the rest is static.
  router.get('/playground/assets/playground.js', servePlaygroundScript('playground.js'))
  router.use('/playground/assets', express.static(PUBLIC_DIR, { index: false }))

  // POST /playground/api/:surface/:step — sign an Intercom-shaped body and forward it to the app
  router.post('/playground/api/:surface/:step', async (req, res) => {
    const secret = sandbox.signingSecret
    const call = parse(playgroundCall, req.body)
    const base = { workspace_id: PLAYGROUND_WORKSPACE, workspace_region: 'US' }
    const key = `${req.params.surface}/${req.params.step}`
    if (key === 'messenger/sheet') {
      // The sheet is opened by the browser itself: hand back the form fields Intercom would post.
      const data = {
        ...base,
        ...STEPS['messenger/submit']!.body(call),
        user: encryptSheetUser({ type: 'user', ...call.contact }, secret),
      }
      const who = personOf(call.contact)
      const key = who ? sheetPersonKey(who) : null
      const action = key
        ? sheetUrl('', sheetSeal(ctx.config, PLAYGROUND_WORKSPACE, key))
        : '/canvas/messenger/sheet'
      res.json({ action, intercom_data: JSON.stringify(data) })
      return
    }
    const step = STEPS[key]
    if (!step) throw new AppError('not_found', `No playground step ${key}.`)
    const raw = JSON.stringify({ ...base, ...step.body(call) })
    const upstream = await fetch(`http://127.0.0.1:${req.socket.localPort}${step.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-body-signature': canvasSignature(Buffer.from(raw), secret),
      },
      body: raw,
    })
    res.status(upstream.status).json({ request: JSON.parse(raw), response: await upstream.json() })
  })

  return router
}
