import { randomBytes } from 'node:crypto'
import express, { type Router } from 'express'
import type { FakeContext } from './context.js'
import { badRequest, notFound } from './errors.js'
import type { FakeConversation, FakeConversationPart } from './types.js'
import { asObject } from './validate.js'

const MESSAGE_TYPES = new Set(['comment', 'note', 'quick_reply'])

/** Conversations: only what the app uses, replying (an admin's note) as Intercom checks it. */
export function conversationRoutes(ctx: FakeContext): Router {
  const router = express.Router()

  // POST /conversations/:id/reply — a reply or note; answers the whole conversation
  router.post('/conversations/:id/reply', (req, res) => {
    const conversation = ctx.state.conversations.get(String(req.params.id))
    if (!conversation) throw notFound('Resource Not Found')
    const body = asObject(req.body)
    const messageType = body.message_type
    if (typeof messageType !== 'string' || !MESSAGE_TYPES.has(messageType)) {
      throw badRequest(
        `message_type must be one of comment, note or quick_reply, got ${JSON.stringify(messageType)}`,
      )
    }
    if (body.type !== 'admin' && body.type !== 'user') {
      throw badRequest(`type must be admin or user, got ${JSON.stringify(body.type)}`)
    }
    if (body.type === 'user') throw badRequest('A note or reply by a user is not supported here')
    if (messageType === 'note' && (typeof body.body !== 'string' || body.body.trim() === '')) {
      throw badRequest('body is required for a note', 'parameter_missing')
    }
    if (typeof body.admin_id !== 'string' && typeof body.admin_id !== 'number') {
      throw badRequest('admin_id is required', 'parameter_missing')
    }
    const admin = ctx.state.admins.get(String(body.admin_id))
    if (!admin) throw notFound('Admin Not Found')
    const now = ctx.nowSeconds()
    const part: FakeConversationPart = {
      type: 'conversation_part',
      id: randomBytes(6).toString('hex'),
      part_type: messageType as FakeConversationPart['part_type'],
      body: String(body.body ?? ''),
      created_at: now,
      author: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
    }
    conversation.parts.push(part)
    conversation.updated_at = now
    res.json(asIntercom(conversation))
  })

  return router
}

function asIntercom(conversation: FakeConversation) {
  return {
    type: 'conversation',
    id: conversation.id,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at,
    contacts: { type: 'contact.list', contacts: conversation.contacts },
    conversation_parts: {
      type: 'conversation_part.list',
      conversation_parts: conversation.parts,
      total_count: conversation.parts.length,
    },
  }
}
