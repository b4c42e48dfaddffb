import type { Translate } from '../i18n/index.js'

export interface ShareLinks {
  readonly email: string
  readonly x: string
  readonly linkedin: string
  readonly whatsapp: string
}

/** How each service's own share URL starts: the only places a share button may lead. */
export const SHARE_INTENTS: ShareLinks = {
  email: 'mailto:?',
  x: 'https://twitter.com/intent/tweet?',
  linkedin: 'https://www.linkedin.com/sharing/share-offsite/?',
  whatsapp: 'https://wa.me/?',
}

/**
 * Share intents with the referral link and the share message (which carries the link) prefilled.
 * Each passes through the link's own `/share/<channel>` URL first, which counts the channel for
 * the referrer (src/http/routes/share-redirect.ts) and goes on to the service.
 */
export function shareLinks(link: string, message: string, t: Translate): ShareLinks {
  const q = encodeURIComponent
  const via = (channel: keyof ShareLinks, intent: string) =>
    `${link}/share/${channel}?to=${q(intent)}`
  return {
    email: via(
      'email',
      `${SHARE_INTENTS.email}subject=${q(t('share.subject'))}&body=${q(message)}`,
    ),
    x: via('x', `${SHARE_INTENTS.x}text=${q(message)}`),
    linkedin: via('linkedin', `${SHARE_INTENTS.linkedin}url=${q(link)}`),
    whatsapp: via('whatsapp', `${SHARE_INTENTS.whatsapp}text=${q(message)}`),
  }
}
