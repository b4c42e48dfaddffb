import { type Html, html } from './html.js'

export interface Series {
  readonly label: string
  readonly values: readonly number[]
  /** A CSS class giving the stroke colour. */
  readonly className: string
}

/**
 * A line chart as inline SVG (no script, no CDN): days along x, counts along y. The figure carries
 * a text summary for screen readers; the same numbers are in the table next to it.
 */
export function lineChart(days: readonly string[], series: readonly Series[], title: string): Html {
  const width = 640
  const height = 220
  const pad = { left: 36, right: 28, top: 12, bottom: 28 }
  const max = Math.max(1, ...series.flatMap((s) => s.values))
  const plotW = width - pad.left - pad.right
  const plotH = height - pad.top - pad.bottom
  const x = (i: number) =>
    pad.left + (days.length <= 1 ? plotW / 2 : (i * plotW) / (days.length - 1))
  const y = (v: number) => pad.top + plotH - (v / max) * plotH
  const ticks = [0, Math.round(max / 2), max]
  const labelEvery = Math.max(1, Math.ceil(days.length / 6))
  const summary = series.map((s) => `${s.label}: ${s.values.reduce((a, b) => a + b, 0)}`).join(', ')
  return html`<figure class="chart">
    <svg
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-labelledby="chart-title chart-desc"
      data-chart="line"
    >
      <title id="chart-title">${title}</title>
      <desc id="chart-desc">
        ${days[0] ?? ''} to ${days[days.length - 1] ?? ''}. Totals: ${summary}
      </desc>
      ${ticks.map(
        (t) =>
          html`<g class="tick"
            ><line x1="${pad.left}" x2="${width - pad.right}" y1="${y(t)}" y2="${y(t)}" /><text
              x="${pad.left - 6}"
              y="${y(t) + 4}"
              text-anchor="end"
              >${t}</text
            ></g
          >`,
      )}
      ${days.map((day, i) =>
        i % labelEvery === 0 || i === days.length - 1
          ? html`<text class="day" x="${x(i)}" y="${height - 8}" text-anchor="middle"
              >${day.slice(5)}</text
            >`
          : '',
      )}
      ${series.map(
        (s) =>
          html`<polyline
            class="line ${s.className}"
            fill="none"
            points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"
            ><title>${s.label}</title></polyline
          >`,
      )}
    </svg>
    <figcaption>
      <ul class="legend">
        ${series.map((s) => html`<li><span class="swatch ${s.className}" aria-hidden="true"></span>${s.label}</li>`)}
      </ul>
    </figcaption>
  </figure>`
}
