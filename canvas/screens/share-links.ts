import type { Translate } from '../i18n/index.js'

export interface ShareLinks {
  readonly email: string
  readonly x: string
  readonly linkedin: string
  readonly whatsapp: string
}

/** Share intents with the referral link and a localized message prefilled. */
export function shareLinks(link: string, t: Translate): ShareLinks {
  const message = t('share.message', { link })
  const q = encodeURIComponent
  return {
    email: `mailto:?subject=${q(t('share.subject'))}&body=${q(message)}`,
    x: `https://twitter.com/intent/tweet?text=${q(message)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${q(link)}`,
    whatsapp: `https://wa.me/?text=${q(message)}`,
  }
}
