import { z } from 'zod'

// Canvas Kit's component model (https://developers.intercom.com/docs/canvas-kit): exactly twelve component types, three
// action types, 2–10 options on selects, and a 64 KB cap on content and stored_data.

/** Intercom's cap on each of `content`, `content_url` and `stored_data` (§1.5). */
export const MAX_CANVAS_BYTES = 64 * 1024

const id = z.string().min(1).max(255)
const httpsOrLocal = z.url({ protocol: /^https?$/ })

export const submitAction = z.strictObject({ type: z.literal('submit') })
// mailto: is how the card offers "share by email"; the Messenger opens it like any link.
export const urlAction = z.strictObject({
  type: z.literal('url'),
  url: z.url({ protocol: /^(https?|mailto)$/ }),
})
export const sheetAction = z.strictObject({ type: z.literal('sheet'), url: httpsOrLocal })
export const action = z.discriminatedUnion('type', [submitAction, urlAction, sheetAction])

const saveState = z.enum(['unsaved', 'saved', 'failed'])
const margin = z.literal('none')

export const option = z.strictObject({
  type: z.literal('option'),
  id,
  text: z.string().min(1),
  disabled: z.boolean().optional(),
})
const options = z.array(option).min(2).max(10)

export const textComponent = z.strictObject({
  type: z.literal('text'),
  id: id.optional(),
  text: z.string(),
  align: z.enum(['left', 'center', 'right']).optional(),
  style: z.enum(['header', 'paragraph', 'muted', 'error']).optional(),
  bottom_margin: margin.optional(),
})

export const imageComponent = z.strictObject({
  type: z.literal('image'),
  id: id.optional(),
  url: httpsOrLocal,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  align: z.enum(['left', 'center', 'right', 'full_width']).optional(),
  rounded: z.boolean().optional(),
  bottom_margin: margin.optional(),
  action: urlAction.optional(),
})

export const dataTableComponent = z.strictObject({
  type: z.literal('data-table'),
  id: id.optional(),
  items: z
    .array(z.strictObject({ type: z.literal('field-value'), field: z.string(), value: z.string() }))
    .min(1),
  bottom_margin: margin.optional(),
})

export const dividerComponent = z.strictObject({
  type: z.literal('divider'),
  id: id.optional(),
  bottom_margin: margin.optional(),
})

export const spacerComponent = z.strictObject({
  type: z.literal('spacer'),
  id: id.optional(),
  size: z.enum(['xs', 's', 'm', 'l', 'xl']).optional(),
})

export const buttonComponent = z.strictObject({
  type: z.literal('button'),
  id,
  label: z.string().min(1),
  action,
  style: z.enum(['primary', 'secondary', 'link']).optional(),
  disabled: z.boolean().optional(),
  bottom_margin: margin.optional(),
})

// Input and textarea are the same text field on one line or several.
const textField = {
  id,
  label: z.string().optional(),
  placeholder: z.string().optional(),
  value: z.string().optional(),
}

export const inputComponent = z.strictObject({
  type: z.literal('input'),
  ...textField,
  action: submitAction.optional(),
  save_state: saveState.optional(),
  disabled: z.boolean().optional(),
  bottom_margin: margin.optional(),
})

export const textareaComponent = z.strictObject({
  type: z.literal('textarea'),
  ...textField,
  error: z.boolean().optional(),
  disabled: z.boolean().optional(),
})

// Single-select and dropdown are the same choice among options, shown as buttons or a menu.
const optionChoice = {
  id,
  options,
  label: z.string().optional(),
  value: z.string().optional(),
  save_state: saveState.optional(),
  disabled: z.boolean().optional(),
}

export const singleSelectComponent = z.strictObject({
  type: z.literal('single-select'),
  ...optionChoice,
  action: submitAction.optional(),
})

export const dropdownComponent = z.strictObject({
  type: z.literal('dropdown'),
  ...optionChoice,
})

// The key is singular (`option`) in Canvas Kit's checkbox, unlike the selects.
export const checkboxComponent = z.strictObject({
  type: z.literal('checkbox'),
  id,
  option: z.array(option).min(1).max(10),
  label: z.string().optional(),
  value: z.array(z.string()).optional(),
  save_state: saveState.optional(),
  disabled: z.boolean().optional(),
})

export const listItem = z
  .strictObject({
    type: z.literal('item'),
    id,
    title: z.string().min(1),
    subtitle: z.string().optional(),
    tertiary_text: z.string().optional(),
    image: httpsOrLocal.optional(),
    image_width: z.number().int().positive().optional(),
    image_height: z.number().int().positive().optional(),
    rounded_image: z.boolean().optional(),
    disabled: z.boolean().optional(),
    action: action.optional(),
  })
  .refine((item) => !item.image || (item.image_width && item.image_height), {
    message: 'a list item image needs image_width and image_height',
  })

export const listComponent = z.strictObject({
  type: z.literal('list'),
  id: id.optional(),
  items: z.array(listItem).min(1),
  disabled: z.boolean().optional(),
})

export const component = z.discriminatedUnion('type', [
  textComponent,
  imageComponent,
  dataTableComponent,
  dividerComponent,
  spacerComponent,
  buttonComponent,
  inputComponent,
  textareaComponent,
  singleSelectComponent,
  dropdownComponent,
  checkboxComponent,
  listComponent,
])

function fitsCap(value: unknown): boolean {
  return new TextEncoder().encode(JSON.stringify(value ?? null)).length <= MAX_CANVAS_BYTES
}
const capMessage = `must be at most ${MAX_CANVAS_BYTES} bytes as JSON`

export const content = z
  .strictObject({ components: z.array(component).min(1) })
  .refine((value) => fitsCap(value), { message: `content ${capMessage}` })
  .superRefine((value, ctx) => {
    // Interactive ids key input_values and component_id, so two components must never share one.
    const seen = new Set<string>()
    for (const c of value.components) {
      const ids =
        c.type === 'list' ? c.items.map((item) => item.id) : 'id' in c && c.id ? [c.id] : []
      for (const each of ids) {
        if (seen.has(each))
          ctx.addIssue({ code: 'custom', message: `duplicate component id ${each}` })
        seen.add(each)
      }
    }
  })

export const storedData = z
  .record(z.string(), z.unknown())
  .refine((value) => fitsCap(value), { message: `stored_data ${capMessage}` })

export const staticCanvas = z.strictObject({ content, stored_data: storedData.optional() })
export const liveCanvas = z.strictObject({
  content_url: httpsOrLocal.refine((url) => fitsCap(url)),
  stored_data: storedData.optional(),
})

export const completedEvent = z.strictObject({ type: z.literal('completed') })

/** initialize / submit / configure / submit-sheet answer. */
export const canvasResponse = z.strictObject({
  canvas: z.union([staticCanvas, liveCanvas]),
  event: completedEvent.optional(),
  card_creation_options: z.record(z.string(), z.unknown()).optional(),
})

/** The answer to the POST on a live canvas's content_url: the content object only. */
export const liveContentResponse = z.strictObject({ content })

/** The configure flow's final answer; `results` arrive as the next initialize's card_creation_options. */
export const configureResults = z.strictObject({ results: z.record(z.string(), z.unknown()) })

export type Action = z.infer<typeof action>
export type Option = z.infer<typeof option>
export type Component = z.infer<typeof component>
export type ListItem = z.infer<typeof listItem>
export type Content = z.infer<typeof content>
export type StoredData = z.infer<typeof storedData>
export type StaticCanvas = z.infer<typeof staticCanvas>
export type LiveCanvas = z.infer<typeof liveCanvas>
export type CanvasResponse = z.infer<typeof canvasResponse>
export type LiveContentResponse = z.infer<typeof liveContentResponse>
export type ConfigureResults = z.infer<typeof configureResults>
export type TextComponent = z.infer<typeof textComponent>
export type ButtonComponent = z.infer<typeof buttonComponent>
export type InputComponent = z.infer<typeof inputComponent>
export type DataTableComponent = z.infer<typeof dataTableComponent>
