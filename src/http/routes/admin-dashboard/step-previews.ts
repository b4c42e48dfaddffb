import { type Html, html } from './html.js'

/** The screens of the customer preview, each a part of the preview panel. */
export type PreviewPart = 'messenger' | 'invite' | 'share-text' | 'sheet' | 'landing'

/** The screens each set-up step changes, the one to look at first. */
const PARTS: Record<string, readonly PreviewPart[]> = {
  offer: ['landing', 'share-text'],
  rewards: ['messenger', 'share-text', 'sheet'],
  qualifies: ['messenger'],
  card: ['messenger', 'invite', 'share-text', 'sheet'],
  landing: ['landing'],
  'go-live': ['messenger', 'invite', 'share-text', 'sheet', 'landing'],
}

/** A step's screens (a step added to the settings later shows the card). */
export function previewPartsOf(step: string): readonly PreviewPart[] {
  return PARTS[step] ?? ['messenger']
}

/** The id of a preview part, for links from the steps. */
export function previewPartId(part: PreviewPart): string {
  return `preview-part-${part}`
}

/**
 * The link at the end of a step to its own preview: beside the form on a wide screen the preview
 * already shows it (the dashboard's script marks the step's screens), below the form on a phone
 * this is the way there.
 */
export function stepPreviewLink(step: string): Html {
  const first = previewPartsOf(step)[0]!
  return html`<p class="step-preview">
    <a href="#${previewPartId(first)}" data-step-preview="${step}">Show this step in the preview</a>
  </p>`
}
