import type { Translate } from '../i18n/index.js'

export interface ShareLinks {
  readonly email: string
  readonly x: string
  readonly linkedin: string
  readonly whatsapp: string
}

/** Share intents with the referral link and the share message (which carries the link) prefilled. */
export function shareLinks(link: string, message: string, t: Translate): ShareLinks {
  const q = encodeURIComponent
  return {
    email: `mailto:?subject=${q(t('share.subject'))}&body=${q(message)}`,
    x: `https://twitter.com/intent/tweet?text=${q(message)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${q(link)}`,
    whatsapp: `https://wa.me/?text=${q(message)}`,
  }
}
