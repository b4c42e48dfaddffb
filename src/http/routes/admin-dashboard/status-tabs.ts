import { type Html, html } from './html.js'
import { statusWords } from './status-words.js'

/**
 * A list's statuses as tabs, each with how many items it holds; '' is every status. Links, so
 * each tab has its own address and works without the script.
 */
export function statusTabs(
  path: string,
  statuses: readonly string[],
  counts: ReadonlyMap<string, number>,
  current: string,
  extra: Record<string, string | undefined> = {},
  /** Tabs that are a part of another status's items (held referrals are pending): "All" counts each item once. */
  subsets: readonly string[] = [],
): Html {
  const total = [...counts].reduce((sum, [key, n]) => (subsets.includes(key) ? sum : sum + n), 0)
  const href = (status: string) => {
    const query = new URLSearchParams({ status })
    for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value)
    return `${path}?${query.toString()}`
  }
  return html`<nav class="status-tabs" aria-label="Show by status">
    <ul>
      ${statuses.map(
        (status) =>
          html`<li>
            <a href="${href(status)}" ${status === current ? html`aria-current="page"` : ''}
              >${status ? statusWords(status) : 'All'}
              <span class="count">${status ? (counts.get(status) ?? 0) : total}</span></a
            >
          </li>`,
      )}
    </ul>
  </nav>`
}

/**
 * The tab a review queue opens on without one in its address: the first of `queue` (in order of
 * priority) that has work, else "All" ('').
 */
export function tabWithWork(queue: readonly string[], counts: ReadonlyMap<string, number>): string {
  return queue.find((status) => (counts.get(status) ?? 0) > 0) ?? ''
}
