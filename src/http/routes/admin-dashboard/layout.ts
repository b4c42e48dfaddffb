import { type Html, html } from './html.js'

export interface PageOptions {
  readonly title: string
  readonly workspaceId?: string
  /** Which nav entry is current (aria-current). */
  readonly current?:
    | 'overview'
    | 'analytics'
    | 'campaigns'
    | 'referrers'
    | 'referrals'
    | 'rewards'
    | 'billing'
    | 'payouts'
    | 'sync'
    | 'privacy'
    | 'backfill'
    | 'fin'
    | 'notices'
    | 'contests'
    | 'experiments'
    | 'settings'
  readonly signedIn?: boolean
}

const NAV = [
  ['overview', 'Overview', ''],
  ['analytics', 'Analytics', '/analytics'],
  ['campaigns', 'Campaigns', '/campaigns'],
  ['referrers', 'Referrers', '/referrers'],
  ['referrals', 'Referrals', '/referrals'],
  ['rewards', 'Reward review', '/rewards'],
  ['billing', 'Billing', '/billing'],
  ['payouts', 'Payouts', '/payouts'],
  ['sync', 'Sync runs', '/sync'],
  ['backfill', 'Existing users', '/backfill'],
  ['fin', 'Fin', '/fin'],
  ['notices', 'Referrer notices', '/notices'],
  ['privacy', 'Privacy', '/privacy'],
  ['contests', 'Contests', '/contests'],
  ['experiments', 'Experiments', '/experiments'],
  ['settings', 'Settings', '/settings'],
] as const

/** The page shell: skip link, nav, main landmark; scripts only from files (strict CSP). */
export function page(options: PageOptions, body: Html): string {
  const base = options.workspaceId ? `/admin/w/${encodeURIComponent(options.workspaceId)}` : null
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Referrals admin</title>
        <link rel="stylesheet" href="/admin/assets/canvas-render.css" />
        <link rel="stylesheet" href="/admin/assets/admin.css" />
        <script src="/admin/assets/canvas-render.js" defer></script>
        <script src="/admin/assets/admin.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/admin">Referrals admin</a>
          ${
            base
              ? html`<nav aria-label="Sections">
                  <ul>
                    ${NAV.map(
                      ([key, label, path]) =>
                        html`<li>
                          <a
                            href="${base}${path}"
                            ${options.current === key ? html` aria-current="page"` : ''}
                            >${label}</a
                          >
                        </li>`,
                    )}
                  </ul>
                </nav>`
              : ''
          }
          ${
            options.signedIn
              ? html`<form method="post" action="/admin/sign-out" class="sign-out">
                  <button type="submit">Sign out</button>
                </form>`
              : ''
          }
        </header>
        <main id="main" tabindex="-1">
          <h1>${options.title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value
}
