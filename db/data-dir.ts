import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
} from 'node:fs'

/** The embedded database's directory cannot be used; `reason` completes "DATA_DIR <path> …". */
export class DataDirError extends Error {
  override readonly name = 'DataDirError'
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`)
  }
}

// What PGlite (like initdb) writes at the top of every data directory it created.
const DATABASE_MARKER = 'PG_VERSION'

/**
 * Makes sure `dataDir` can hold the embedded database before PGlite opens it: PGlite itself
 * answers a file, an unwritable directory or a directory of other files with an unreadable error
 * (or none), and would write its files among someone else's.
 */
export function prepareDataDir(dataDir: string): void {
  const existing = statOrNull(dataDir)
  if (existing && !existing.isDirectory())
    throw new DataDirError(dataDir, 'is a file, not a directory')
  if (!existing) {
    try {
      mkdirSync(dataDir, { recursive: true })
    } catch (error) {
      throw new DataDirError(dataDir, `cannot be created: ${fileSystemCause(error)}`)
    }
  }
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK)
  } catch (error) {
    throw new DataDirError(dataDir, `is not writable by this process: ${fileSystemCause(error)}`)
  }
  // The lock's own files (data-dir-lock.ts) may precede the database's.
  const entries = readdirSync(dataDir).filter((name) => !name.startsWith('.referrals.lock'))
  if (entries.length > 0 && !entries.includes(DATABASE_MARKER)) {
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '')
    throw new DataDirError(
      dataDir,
      `holds other files (${shown}) and no database: point it at an empty or new directory`,
    )
  }
  const holders = processesUsing(dataDir)
  if (holders.length > 0) {
    throw new DataDirError(
      dataDir,
      `is in use by process ${holders.join(', ')}: the embedded database allows one process at a time (use DATABASE_URL for several instances)`,
    )
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path)
  } catch (error) {
    // Missing, or below a file: mkdir then says which.
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw new DataDirError(path, `cannot be read: ${fileSystemCause(error)}`)
  }
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
}

function fileSystemCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code ? `${CAUSES[code] ?? 'file system error'} (${code})` : String(error)
}

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
