import { translator } from '../i18n/index.js'
import { escapeHtml } from '../escape-html.js'

export interface LeaderboardPageState {
  readonly locale: string | null | undefined
  /** null: no contest runs on the viewer's campaign now. */
  readonly contest: {
    readonly name: string
    /** The end, already written in the viewer's language and the contest's time zone. */
    readonly endsAt: string
  } | null
  /** The top places; name null = hidden (opted out, or no name to show). */
  readonly rows: ReadonlyArray<{
    readonly rank: number
    readonly name: string | null
    readonly score: number
    readonly isViewer: boolean
  }>
  readonly viewer: { readonly rank: number; readonly score: number } | null
  readonly viewerHidden: boolean
  /** Where "Hide/Show my name" posts, with the fields that prove who asks. */
  readonly nameForm: { readonly action: string; readonly fields: Readonly<Record<string, string>> }
}

/**
 * The leaderboard sheet: the top 10 of the contest running on the viewer's campaign, first name
 * and initial (never an e-mail; "Name hidden" for people who asked), the viewer's own place, and
 * the choice to hide their name. No script: a plain form, so it works in any Messenger frame.
 */
export function leaderboardPage(state: LeaderboardPageState): string {
  const t = translator(state.locale)
  const e = escapeHtml
  const lang = e(state.locale?.split(/[-_]/)[0] || 'en')
  const body = state.contest ? board(state, t) : `<p>${e(t('contest.none'))}</p>`
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('contest.sheetTitle'))}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; padding: 20px; color: #1a1a1a; background: #fff; }
  h1 { font-size: 18px; margin: 0 0 4px; }
  .muted { color: #555; margin: 0 0 12px; }
  table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; }
  th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid #ddd; }
  td.num, th.num { text-align: right; }
  tr.you td { font-weight: 600; background: #eef4ff; }
  button { font: inherit; padding: 8px 12px; border-radius: 6px; border: 1px solid #1f6feb; background: #fff; color: #0b4fb3; cursor: pointer; }
  button:focus-visible { outline: 3px solid #0b4fb3; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${e(t('contest.sheetTitle'))}</h1>
${body}
</main>
</body>
</html>
`
}

function board(state: LeaderboardPageState, t: ReturnType<typeof translator>): string {
  const e = escapeHtml
  const contest = state.contest!
  const rows = state.rows
    .map(
      (row) =>
        `<tr${row.isViewer ? ' class="you"' : ''}><td class="num">${row.rank}</td><td>${e(
          row.isViewer
            ? `${row.name ?? t('contest.hidden')} (${t('contest.you')})`
            : (row.name ?? t('contest.hidden')),
        )}</td><td class="num">${row.score}</td></tr>`,
    )
    .join('\n')
  const table =
    state.rows.length === 0
      ? `<p>${e(t('contest.empty'))}</p>`
      : `<table>
<thead><tr><th class="num" scope="col">${e(t('contest.place'))}</th><th scope="col">${e(t('contest.referrer'))}</th><th class="num" scope="col">${e(t('contest.score'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
  const you = state.viewer
    ? t('contest.yourPlace', { rank: state.viewer.rank, score: state.viewer.score })
    : t('contest.notOnBoard')
  const fields = Object.entries(state.nameForm.fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('')
  return `<p class="muted">${e(contest.name)} · ${e(t('contest.endsAt', { date: contest.endsAt }))}</p>
${table}
<p>${e(you)}</p>
<form method="post" action="${e(state.nameForm.action)}">${fields}<input type="hidden" name="hidden" value="${state.viewerHidden ? 'false' : 'true'}"><button type="submit">${e(t(state.viewerHidden ? 'contest.showName' : 'contest.hideName'))}</button></form>`
}
