import { button, checkbox, dropdown, header, optionOf, submit, text } from '../components.js'
import { CARD_PARTS, type CardPart, CONFIGURE } from '../component-ids.js'
import { translator } from '../i18n/index.js'
import type { Component } from '../schema.js'
import { escapeMarkdown } from '../markdown.js'

export interface ConfigureState {
  readonly locale: string | null | undefined
  /** Selectable campaigns (Canvas Kit selects take 2–10 options; the route passes at most 10). */
  readonly campaigns: ReadonlyArray<{ readonly id: string; readonly name: string }>
  readonly selectedCampaignId: string | null
  readonly parts: readonly CardPart[]
}

/** The configure flow: the admin picks the campaign and which parts the Messenger card shows. */
export function messengerConfigure(state: ConfigureState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [header(t('config.title'))]
  const [only] = state.campaigns
  if (state.campaigns.length >= 2) {
    components.push(
      dropdown(
        CONFIGURE.campaign,
        state.campaigns.slice(0, 10).map((c) => optionOf(c.id, c.name)),
        { label: t('config.campaign'), value: state.selectedCampaignId ?? only?.id ?? '' },
      ),
    )
  } else if (only) {
    components.push(text(t('config.campaignOnly', { name: escapeMarkdown(only.name) })))
  }
  components.push(
    checkbox(
      CONFIGURE.parts,
      CARD_PARTS.map((part) => optionOf(part, t(`part.${part}`))),
      { label: t('config.parts'), value: [...state.parts] },
    ),
    button(CONFIGURE.save, t('config.save'), submit),
  )
  return components
}
