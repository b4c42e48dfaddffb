import type { Response } from 'express'
import { escapeHtml } from '../../canvas/escape-html.js'


/** A small self-contained HTML page (no scripts, inline style only) for people, not for Intercom. */
export function sendHtmlPage(
  res: Response,
  status: number,
  page: { title: string; heading: string; paragraphs: readonly string[] },
): void {
  const body = page.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n    ')
  res
    .status(status)
    .set('Content-Type', 'text/html; charset=utf-8')
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    .set('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(page.title)}</title>
    <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}h1{font-size:1.5rem}</style>
  </head>
  <body>
    <h1>${escapeHtml(page.heading)}</h1>
    ${body}
  </body>
</html>
`)
}
