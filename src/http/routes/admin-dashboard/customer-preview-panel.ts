import type { SettingsPreview } from '../../canvas/settings-preview.js'
import { qrImage } from '../qr-code.js'
import { canvasHtml } from './canvas-html.js'
import { type Html, html } from './html.js'
import { type PreviewPart, previewPartId } from './step-previews.js'

/**
 * Every screen of the preview as one dashboard fragment: the Messenger card and the invite form
 * drawn from their Canvas Kit JSON, the share sheet and the friend's landing page in sandboxed
 * frames of an opaque origin (their own HTML with its scripts removed; the sandbox lets tools
 * such as axe run inside, nothing in them reaches the dashboard), and the share text. QR images of the sample link are inlined, so
 * the preview shows them without a referrer behind the code.
 */
export async function customerPreviewPanel(
  preview: SettingsPreview,
  input: {
    publicUrl: string
    layout: 'compact' | 'full'
    hasInvite: boolean
    destinationUrl: string | null
  },
): Promise<Html> {
  const inline = await qrInliner(input.publicUrl, preview)
  const messenger = inline.components(preview.messenger)
  return html`<div class="customer-preview" data-layout="${input.layout}">
    ${part(
      'messenger',
      html`<h3>Messenger card</h3>
        <p class="help">
          ${
            input.layout === 'full'
              ? 'Full card: every share button and the invite form on the card itself.'
              : 'Compact card: sharing and the invite form open on a tap.'
          }
        </p>
        <div class="surface messenger" data-testid="preview-messenger">
          ${canvasHtml(messenger)}
        </div>`,
    )}
    ${
      input.hasInvite && input.layout !== 'full'
        ? part(
            'invite',
            html`<h3>Invite form (after “Invite a friend”)</h3>
              <div class="surface messenger" data-testid="preview-invite">
                ${canvasHtml(preview.invite)}
              </div>`,
          )
        : ''
    }
    ${part(
      'share-text',
      html`<h3>Share text</h3>
        <blockquote class="share-text" data-testid="preview-share-text">
          ${preview.shareText}
        </blockquote>`,
    )}
    ${part(
      'sheet',
      html`<h3>Share sheet</h3>
        <iframe
          class="preview-frame sheet"
          title="Share sheet preview"
          sandbox="allow-scripts"
          srcdoc="${withoutScripts(inline.html(preview.sheet))}"
          data-testid="preview-sheet"
        ></iframe>`,
    )}
    ${part(
      'landing',
      html`<h3>Friend’s landing page</h3>
        ${
          input.destinationUrl
            ? html`<p class="help">
                Your links lead to ${input.destinationUrl}; this page is used when “Where a referral
                link leads” is empty.
              </p>`
            : ''
        }
        <iframe
          class="preview-frame landing"
          title="Friend’s landing page preview"
          sandbox="allow-scripts"
          srcdoc="${preview.landing}"
          data-testid="preview-landing"
        ></iframe>`,
    )}
  </div>`
}

/** One screen of the preview, which a set-up step's link can reach (and focus). */
function part(name: PreviewPart, content: Html): Html {
  return html`<div
    class="preview-part"
    id="${previewPartId(name)}"
    data-part="${name}"
    tabindex="-1"
  >
    ${content}
  </div>`
}

/** Swaps the sample code's QR URLs (served only for real codes) for data: URLs of the same image. */
async function qrInliner(publicUrl: string, preview: SettingsPreview) {
  const found = new Map<string, string>()
  const pattern = new RegExp(`${escapeRegExp(publicUrl)}/r/([^/"'\\s]+)/qr\\.(png|svg)`, 'g')
  const sources = [JSON.stringify(preview.messenger), preview.sheet]
  for (const source of sources)
    for (const match of source.matchAll(pattern)) {
      const [url, code, format] = match as unknown as [string, string, 'png' | 'svg']
      if (found.has(url)) continue
      const link = `${publicUrl}/r/${code}`
      const image = await qrImage(decodeURIComponent(link), format)
      const type = format === 'png' ? 'image/png' : 'image/svg+xml'
      found.set(url, `data:${type};base64,${image.toString('base64')}`)
    }
  const swap = (text: string) => text.replace(pattern, (url) => found.get(url) ?? url)
  return {
    components: (components: SettingsPreview['messenger']) =>
      JSON.parse(swap(JSON.stringify(components))) as SettingsPreview['messenger'],
    html: swap,
  }
}

/** The sheet's scripts (copy button, Intercom's sheet library) do nothing in an inert preview. */
function withoutScripts(page: string): string {
  return page.replace(/<script\b[\s\S]*?<\/script>/g, '')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
