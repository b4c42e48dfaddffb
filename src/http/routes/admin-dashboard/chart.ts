import { type Html, html } from './html.js'

export interface Series {
  readonly label: string
  readonly values: readonly number[]
  /** A CSS class giving the stroke colour. */
  readonly className: string
}

/** One drawing of the chart: its box, and how many day labels fit under it without touching. */
interface Frame {
  readonly name: 'wide' | 'narrow'
  readonly width: number
  readonly height: number
  readonly dayLabels: number
}

// Text is drawn at 11 viewBox units: the wide drawing fills a desktop card at about 1.3× (text
// near 14 px), the narrow one a phone's 340 px card at about 1× with three day labels.
const FRAMES: readonly Frame[] = [
  { name: 'wide', width: 960, height: 260, dayLabels: 8 },
  { name: 'narrow', width: 340, height: 220, dayLabels: 3 },
]

/**
 * A line chart as inline SVG (no script, no CDN): days along x, counts along y, drawn twice (wide,
 * and narrow for phones; CSS shows one). The figure carries a text summary for screen readers; the
 * same numbers are in the table next to it.
 */
export function lineChart(
  days: readonly string[],
  series: readonly Series[],
  title: string,
  id = 'chart',
): Html {
  const summary = series.map((s) => `${s.label}: ${s.values.reduce((a, b) => a + b, 0)}`).join(', ')
  return html`<figure class="chart">
    ${FRAMES.map((frame) => drawing(frame, days, series, { title, summary, id: `${id}-${frame.name}` }))}
    <figcaption>
      <ul class="legend">
        ${series.map((s) => html`<li><span class="swatch ${s.className}" aria-hidden="true"></span>${s.label}</li>`)}
      </ul>
    </figcaption>
  </figure>`
}

function drawing(
  frame: Frame,
  days: readonly string[],
  series: readonly Series[],
  text: { title: string; summary: string; id: string },
): Html {
  const { width, height } = frame
  const pad = { left: 36, right: 24, top: 12, bottom: 28 }
  const max = Math.max(1, ...series.flatMap((s) => s.values))
  const plotW = width - pad.left - pad.right
  const plotH = height - pad.top - pad.bottom
  const x = (i: number) =>
    pad.left + (days.length <= 1 ? plotW / 2 : (i * plotW) / (days.length - 1))
  const y = (v: number) => pad.top + plotH - (v / max) * plotH
  const ticks = [...new Set([0, Math.round(max / 2), max])]
  // Labels at even steps from the first day; the last day only when it keeps a full step apart.
  const every = Math.max(1, Math.ceil(days.length / frame.dayLabels))
  const labelled = (i: number) =>
    i % every === 0 || (i === days.length - 1 && (days.length - 1) % every >= every / 1.5)
  return html`<svg
    class="chart-${frame.name}"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="${text.id}-title ${text.id}-desc"
    data-chart="line"
  >
    <title id="${text.id}-title">${text.title}</title>
    <desc id="${text.id}-desc">
      ${days[0] ?? ''} to ${days[days.length - 1] ?? ''}. Totals: ${text.summary}
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
      labelled(i)
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
  </svg>`
}
