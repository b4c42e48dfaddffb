import { createHash } from 'node:crypto'
import { type Request, type Response, Router } from 'express'
import QRCode from 'qrcode'
import type { AppContext } from '../../context.js'
import { resolveCodeAnywhere } from '../../ledger/referrers.js'
import { referralLink } from '../canvas/customer-screens.js'
import { sendHtmlPage } from '../html-page.js'

const FORMATS = {
  svg: 'image/svg+xml',
  png: 'image/png',
} as const
type QrFormat = keyof typeof FORMATS

// 336 px: crisp on the card's 112 px image at 3x density, and on a printed flyer.
const PNG_WIDTH = 336

/** The QR image of a link: the same link always gives the same bytes (so the same ETag). */
export async function qrImage(link: string, format: QrFormat): Promise<Buffer> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 }
  if (format === 'svg') return Buffer.from(await QRCode.toString(link, { ...options, type: 'svg' }))
  return QRCode.toBuffer(link, { ...options, type: 'png', width: PNG_WIDTH })
}

/**
 * GET /r/:code/qr.svg and /r/:code/qr.png: the QR code of that code's referral link, at a URL that
 * never changes for the code. Cached for a day and revalidated by ETag (304 on If-None-Match);
 * served cross-origin, since the Messenger loads it from Intercom's pages.
 */
export function qrCodeRoutes(ctx: AppContext): Router {
  const router = Router()
  const serve = (format: QrFormat) => async (req: Request, res: Response) => {
    const resolved = await resolveCodeAnywhere(ctx.db, String(req.params.code))
    const used = resolved
      ? await ctx.db
          .selectFrom('referral_codes')
          .select('code')
          .where('id', '=', resolved.codeId)
          .executeTakeFirst()
      : undefined
    if (!used) {
      sendHtmlPage(res, 404, {
        title: 'Code not found',
        heading: 'There is no referral link with this code',
        paragraphs: ['Ask the person who shared it for a fresh link.'],
      })
      return
    }
    const link = referralLink(ctx.config.publicUrl, used.code)
    const etag = `"qr-${createHash('sha256').update(`${format}\n${link}`).digest('base64url').slice(0, 27)}"`
    res.set({
      ETag: etag,
      'Cache-Control': 'public, max-age=86400',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    })
    if (req.fresh || ifNoneMatch(req, etag)) {
      res.status(304).end()
      return
    }
    res.type(FORMATS[format]).send(await qrImage(link, format))
  }
  router.get('/r/:code/qr.svg', serve('svg'))
  router.get('/r/:code/qr.png', serve('png'))
  return router
}

function ifNoneMatch(req: Request, etag: string): boolean {
  const header = req.get('if-none-match')
  if (!header) return false
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*')
}
