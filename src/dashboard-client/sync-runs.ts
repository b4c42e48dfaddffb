// Sync runs with live progress: a failed run in red with its reason and a way to try again; times
// read relative with the exact moment on hover.
import { statusTone, statusWords } from '../http/routes/admin-dashboard/status-words.js'
import { api, messageOf } from './api.js'
import { byId } from './dom.js'
import { timeElement } from './times.js'

interface SyncRun {
  id: string
  status: string
  error: string | null
  startedAt: string
  finishedAt: string | null
  imported: number
  progress?: { percent: number | null; done: number; total: number | null }
}

function cell(
  row: HTMLTableRowElement,
  content: Node | string | number | null,
): HTMLTableCellElement {
  const td = document.createElement('td')
  if (content instanceof Node) td.appendChild(content)
  else td.textContent = content === null ? '—' : String(content)
  row.appendChild(td)
  return td
}

function statusCell(run: SyncRun): Node {
  const wrap = document.createElement('span')
  const badge = document.createElement('span')
  badge.className = 'status-badge ' + statusTone(run.status)
  badge.textContent = statusWords(run.status)
  wrap.appendChild(badge)
  if (run.error) {
    const reason = document.createElement('span')
    reason.className = 'failure-reason'
    reason.textContent = ' ' + run.error
    wrap.appendChild(reason)
  }
  return wrap
}

function renderRuns(table: HTMLTableElement, runs: readonly SyncRun[]): void {
  const body = table.tBodies[0]
  if (!body) return
  body.textContent = ''
  if (!runs.length) {
    const row = body.insertRow()
    cell(row, 'No imports yet.').colSpan = 5
    return
  }
  for (const run of runs) {
    const row = body.insertRow()
    if (run.status === 'failed') row.className = 'failed'
    cell(row, timeElement(run.startedAt))
    cell(row, statusCell(run))
    const progress = run.progress ?? { percent: null, done: 0, total: null }
    const bar = document.createElement('progress')
    bar.max = 100
    if (progress.percent !== null) bar.value = progress.percent
    bar.setAttribute(
      'aria-label',
      'Progress of the import started ' + new Date(run.startedAt).toLocaleString('en'),
    )
    const wrap = document.createElement('span')
    wrap.append(
      bar,
      ' ' +
        (progress.total === null
          ? `${progress.done} read`
          : `${progress.done} of ${progress.total}`),
    )
    cell(row, wrap)
    cell(row, run.imported)
    cell(row, run.finishedAt ? timeElement(run.finishedAt) : '—')
  }
}

export function initSync(table: HTMLTableElement): void {
  const status = byId('sync-status')
  const start = byId<HTMLButtonElement>('start-sync')
  let timer: ReturnType<typeof setTimeout> | undefined
  async function poll() {
    const result = await api<{ items: SyncRun[] }>('GET', table.dataset.url ?? '')
    if (!result.ok || !result.data) {
      if (status) {
        status.className = 'status-line bad'
        status.textContent = messageOf(result, 'Could not load the imports.')
      }
      table.tBodies[0]?.replaceChildren()
      return
    }
    const runs = result.data.items ?? []
    renderRuns(table, runs)
    const latest = runs[0]
    if (status && latest?.status === 'failed') {
      status.className = 'status-line bad'
      status.textContent = `The last import failed: ${latest.error ?? 'no reason was given'}.`
      if (start) start.textContent = 'Try the import again'
    } else if (status && latest?.status === 'running') {
      status.className = 'status-line'
      status.textContent = 'An import is running.'
    } else if (status && latest?.status === 'succeeded') {
      status.className = 'status-line good'
      status.textContent = `The last import finished: ${latest.imported} imported.`
    }
    const running = runs.some((run) => run.status === 'running')
    timer = setTimeout(poll, running ? 1500 : 5000)
  }
  void poll()
  start?.addEventListener('click', async () => {
    start.disabled = true
    const result = await api('POST', start.dataset.url ?? '', {})
    start.disabled = false
    if (status) {
      // Started is not finished: the run's own status, once polled, says how it went.
      status.className = result.ok ? 'status-line' : 'status-line bad'
      status.textContent = result.ok
        ? 'Import requested; its progress shows below.'
        : messageOf(result, 'The import could not start.')
    }
    clearTimeout(timer)
    void poll()
  })
}
