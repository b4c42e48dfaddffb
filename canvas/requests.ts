import { z } from 'zod'

// What Intercom POSTs (https://developers.intercom.com/docs/canvas-kit). The sources disagree on which fields are
// present, so everything is optional and unknown keys pass through; routes check what they need.

const idLike = z.union([z.string(), z.number()]).transform((value) => String(value))
const text = z.string().nullish()

/** A Messenger end-user: the v1.4 "user model" or the v2 contact model (both have `id`). */
export const person = z.looseObject({
  type: text,
  id: idLike.nullish(),
  user_id: idLike.nullish(),
  external_id: idLike.nullish(),
  email: text,
  name: text,
  role: text,
})

export const admin = z.looseObject({
  type: text,
  id: idLike.nullish(),
  name: text,
  email: text,
})

export const context = z.looseObject({
  location: text,
  locale: text,
  conversation_id: idLike.nullish(),
  referrer: text,
  // Both spellings are seen in real payloads (§1.4).
  messenger_action_colour: text,
  messenger_action_color: text,
  messenger_background_colour: text,
  messenger_background_color: text,
})

const record = z.record(z.string(), z.unknown())

const canvasEcho = z.looseObject({
  content: z.looseObject({ components: z.array(z.unknown()).optional() }).nullish(),
  content_url: text,
  stored_data: record.nullish(),
})

/** `current_canvas` is the canvas itself (docs) or wrapped once more in `current_canvas` (OpenAPI). */
const currentCanvas = z
  .looseObject({ ...canvasEcho.shape, current_canvas: canvasEcho.nullish() })
  .transform((value) => value.current_canvas ?? value)

const base = {
  workspace_id: idLike.nullish(),
  // Payload versions up to 1.2 call the workspace `app_id`.
  app_id: idLike.nullish(),
  workspace_region: text,
  context: context.nullish(),
  admin: admin.nullish(),
}

const inputValues = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string()), z.number(), z.boolean(), z.null()]),
)

export const configureRequest = z.looseObject({
  ...base,
  component_id: text,
  input_values: inputValues.nullish(),
  current_canvas: currentCanvas.nullish(),
})

export const messengerInitializeRequest = z.looseObject({
  ...base,
  card_creation_options: record.nullish(),
})

export const liveCanvasRequest = z.looseObject({
  ...base,
  canvas: canvasEcho.nullish(),
  contact: person.nullish(),
  user: person.nullish(),
})

export const messengerSubmitRequest = z.looseObject({
  ...base,
  component_id: text,
  input_values: inputValues.nullish(),
  current_canvas: currentCanvas.nullish(),
  user: person.nullish(),
  contact: person.nullish(),
})

export const submitSheetRequest = z.looseObject({
  ...base,
  current_canvas: currentCanvas.nullish(),
  sheet_values: record.nullish(),
  user: person.nullish(),
  contact: person.nullish(),
})

/** The decoded `intercom_data` of an open-sheet POST; `user` is still encrypted here. */
export const openSheetData = z.looseObject({
  ...base,
  component_id: text,
  input_values: inputValues.nullish(),
  current_canvas: currentCanvas.nullish(),
  user: z.string().min(1),
})

export const inboxRequest = z.looseObject({
  ...base,
  // The docs table calls the contact `customer`; the JSON examples and OpenAPI say `contact` (§1.3).
  contact: person.nullish(),
  customer: person.nullish(),
  conversation: z.looseObject({ id: idLike.nullish() }).nullish(),
  component_id: text,
  input_values: inputValues.nullish(),
  current_canvas: currentCanvas.nullish(),
})

// The card views read a handful of fields of payloads that carry much more (every attribute of the
// contact, the whole conversation): these schemas strip, so nothing else is copied or checked.
const leanPerson = z.object(person.shape)
const leanBase = {
  workspace_id: base.workspace_id,
  app_id: base.app_id,
  workspace_region: base.workspace_region,
  context: z.object({ locale: text }).nullish(),
}

/** What POST /canvas/messenger/live reads. */
export const liveCanvasView = z.object({
  ...leanBase,
  canvas: z.object({ stored_data: record.nullish() }).nullish(),
  contact: leanPerson.nullish(),
  user: leanPerson.nullish(),
})

/** What the Inbox panel reads to show its contact (initialize). */
export const inboxPanelRequest = z.object({
  ...leanBase,
  // The conversation the agent acts from: their changes are noted there.
  context: z.object({ locale: text, conversation_id: idLike.nullish() }).nullish(),
  admin: z.object(admin.shape).nullish(),
  contact: leanPerson.nullish(),
  customer: leanPerson.nullish(),
  conversation: z.object({ id: idLike.nullish() }).nullish(),
})

export type Person = z.infer<typeof person>
export type CanvasContext = z.infer<typeof context>
export type InputValues = z.infer<typeof inputValues>
export type ConfigureRequest = z.infer<typeof configureRequest>
export type MessengerInitializeRequest = z.infer<typeof messengerInitializeRequest>
export type LiveCanvasRequest = z.infer<typeof liveCanvasRequest>
export type MessengerSubmitRequest = z.infer<typeof messengerSubmitRequest>
export type SubmitSheetRequest = z.infer<typeof submitSheetRequest>
export type OpenSheetData = z.infer<typeof openSheetData>
export type InboxRequest = z.infer<typeof inboxRequest>
export type InboxPanelRequest = z.infer<typeof inboxPanelRequest>

/** The workspace a request belongs to, under either name. */
export function workspaceIdOf(body: {
  workspace_id?: string | null
  app_id?: string | null
}): string | null {
  return body.workspace_id || body.app_id || null
}

/** A text input's value as a trimmed string ('' when absent or not text). */
export function inputText(values: InputValues | null | undefined, key: string): string {
  const value = values?.[key]
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

/** A checkbox's value (array of option ids), accepting a single id too. */
export function inputList(values: InputValues | null | undefined, key: string): string[] {
  const value = values?.[key]
  if (Array.isArray(value)) return value
  return typeof value === 'string' && value ? [value] : []
}
