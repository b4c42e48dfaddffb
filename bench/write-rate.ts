import { CALLS_PER_MINUTE, WINDOW_MS } from './scenario-support.js'

const ALLOWED_PER_WINDOW = CALLS_PER_MINUTE / 6

export interface WriteRate {
  /** Achieved writes over the allowed calls, 0..1+. */
  readonly share: number
  readonly writesPerSecond: number
  /** 10-second windows that were busy from start to end; 0 when the run was too short. */
  readonly busyWindows: number
}

/**
 * The write rate while a backlog waited. The windows strictly after the first write's and before
 * the last one's were busy throughout (a later write proves work was waiting); with writes still
 * queued at the stop, the window of the stop closes the range instead. Start-up and the tail are
 * left out, so they do not dilute the figure. Without a whole busy window, the rate from the first
 * to the last write is the best there is.
 */
export function writeRate(
  writeTimes: readonly number[],
  options: { stoppedAt: number; backlogAtStop: boolean },
): WriteRate | null {
  if (writeTimes.length === 0) return null
  const sorted = [...writeTimes].sort((a, b) => a - b)
  const firstAt = sorted[0] ?? 0
  const lastAt = sorted[sorted.length - 1] ?? firstAt
  const first = Math.floor(firstAt / WINDOW_MS)
  const last = Math.floor((options.backlogAtStop ? options.stoppedAt : lastAt) / WINDOW_MS)
  const busyWindows = Math.max(0, last - first - 1)
  if (busyWindows > 0) {
    const inBusy = sorted.filter((at) => {
      const w = Math.floor(at / WINDOW_MS)
      return w > first && w < last
    }).length
    return {
      share: inBusy / busyWindows / ALLOWED_PER_WINDOW,
      writesPerSecond: inBusy / busyWindows / (WINDOW_MS / 1000),
      busyWindows,
    }
  }
  const seconds = Math.max(0.001, (lastAt - firstAt) / 1000)
  const perSecond = sorted.length / seconds
  return {
    share: perSecond / (ALLOWED_PER_WINDOW / (WINDOW_MS / 1000)),
    writesPerSecond: perSecond,
    busyWindows: 0,
  }
}
