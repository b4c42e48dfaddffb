import { closeSync, openSync, statSync, unlinkSync } from 'node:fs'
import { createConnection, createServer, type Server } from 'node:net'
import { join, relative } from 'node:path'
import { DataDirError } from './data-dir.js'

/** The lock's file in DATA_DIR: a Unix socket this process listens on while it runs. */
export const DATA_DIR_LOCK = '.referrals.lock'
const TAKEOVER = '.referrals.lock.takeover'
// A takeover guard older than this was left by a process that died mid-takeover.
const STALE_GUARD_MS = 10_000
// Unix socket paths are limited to 108 bytes (Linux), 104 (macOS).
const MAX_SOCKET_PATH = 100

export interface DataDirLock {
  release(): Promise<void>
}

/**
 * An exclusive lock on an embedded database directory, held until release() or the process ends.
 *
 * The lock is a Unix socket in the directory that this process listens on: the kernel refuses to
 * bind a second one at that path, a live holder answers a connection, and a holder that died
 * answers none, so its leftover file is taken over (under a guard file created O_EXCL, re-checked
 * there, so two starters never both take it). It works between containers that share the volume,
 * which a pid file does not. PGlite itself has no lock: two processes on one directory lose writes.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = socketPath(dataDir)
  for (let attempt = 0; attempt < 50; attempt++) {
    const server = await listenOn(path)
    if (server) return held(server)
    if (await answers(path)) throw inUse(dataDir)
    // The holder is gone: take its file over, one starter at a time.
    const guard = join(dataDir, TAKEOVER)
    if (!createExclusive(guard)) {
      removeIfStale(guard)
      await delay(50 + Math.random() * 100)
      continue
    }
    try {
      if (await answers(path)) throw inUse(dataDir)
      unlinkQuietly(path)
      const taken = await listenOn(path)
      if (taken) return held(taken)
    } finally {
      unlinkQuietly(guard)
    }
  }
  throw inUse(dataDir)
}

function inUse(dataDir: string): DataDirError {
  return new DataDirError(
    dataDir,
    'is in use by another process: the embedded database allows one process at a time (stop the other, or use DATABASE_URL for several instances)',
  )
}

function socketPath(dataDir: string): string {
  const absolute = join(dataDir, DATA_DIR_LOCK)
  if (absolute.length <= MAX_SOCKET_PATH) return absolute
  const shorter = relative(process.cwd(), absolute)
  if (shorter.length <= MAX_SOCKET_PATH) return shorter
  throw new DataDirError(
    dataDir,
    `is a path too long for its lock (keep it under ${MAX_SOCKET_PATH - DATA_DIR_LOCK.length} characters)`,
  )
}

function held(server: Server): DataDirLock {
  // The lock must not keep an otherwise finished process alive.
  server.unref()
  let released: Promise<void> | undefined
  return {
    // Closing a listening Unix socket server removes its file.
    release: () => (released ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  }
}

/** The server listening on `path`, or null when the path is taken (a file is already there). */
function listenOn(path: string): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end())
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(null)
      else reject(new DataDirError(path, `cannot hold its lock: ${error.code ?? error.message}`))
    })
    server.listen(path, () => resolve(server))
  })
}

/** Whether a live process listens on the socket. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function createExclusive(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'))
    return true
  } catch {
    return false
  }
}

function removeIfStale(path: string): void {
  try {
    if (Date.now() - statSync(path).mtimeMs > STALE_GUARD_MS) unlinkSync(path)
  } catch {
    // Gone already.
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Gone already.
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
