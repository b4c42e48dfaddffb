import { readdirSync, readlinkSync, realpathSync } from 'node:fs'

/**
 * Other processes holding files of this PGlite data directory open (Linux /proc; elsewhere none
 * are found). PGlite is one Postgres session per process with no lock of its own, so a second
 * process writing the same directory would corrupt it.
 */
export function processesUsing(dataDir: string): number[] {
  let root: string
  try {
    root = realpathSync(dataDir)
  } catch {
    return []
  }
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return []
  }
  const found: number[] = []
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      let target: string
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      if (target === root || target.startsWith(`${root}/`)) {
        found.push(Number(pid))
        break
      }
    }
  }
  return found
}
