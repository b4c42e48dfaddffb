import { DataDirError } from '../db/data-dir.js'
import type { Config } from './config.js'

// SQLSTATEs an operator can act on at start-up, said the way they would say them.
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const POSTGRES_STATES: Record<string, (target: PostgresTarget) => string> = {
  '28P01': (t) => `password authentication failed for user "${t.user}"`,
  '28000': (t) => `PostgreSQL refused user "${t.user}" (no pg_hba.conf entry or role)`,
  '3D000': (t) => `database "${t.database}" does not exist on ${t.address}`,
  '42501': (t) => `user "${t.user}" lacks a privilege the migrations need`,
  '53300': (t) => `${t.address} has no free connection slot (max_connections)`,
  '57P03': (t) => `PostgreSQL at ${t.address} is starting up or shutting down`,
}

const NETWORK_CAUSES: Record<string, (target: PostgresTarget) => string> = {
  ECONNREFUSED: (t) => `cannot reach PostgreSQL at ${t.address} (connection refused)`,
  ENOTFOUND: (t) => `cannot reach PostgreSQL: host "${t.host}" not found`,
  EAI_AGAIN: (t) => `cannot reach PostgreSQL: host "${t.host}" could not be resolved`,
  ETIMEDOUT: (t) => `cannot reach PostgreSQL at ${t.address} (timed out)`,
  EHOSTUNREACH: (t) => `cannot reach PostgreSQL at ${t.address} (host unreachable)`,
  ECONNRESET: (t) => `PostgreSQL at ${t.address} closed the connection (is it TLS-only?)`,
}

interface PostgresTarget {
  readonly host: string
  readonly address: string
  readonly user: string
  readonly database: string
}

/**
 * One line for an operator: the variable (or path) at fault and why, never a stack or
 * `[object Object]`. Used by the server's entry point and the CLI.
 */
export function describeStartupError(error: unknown, config: Config): string {
  if (error instanceof DataDirError) return `DATA_DIR: ${error.message}`
  const code = errorCode(error)
  const syscall = (error as { syscall?: unknown } | null)?.syscall
  if (syscall === 'listen' && code === 'EADDRINUSE')
    return `PORT: ${config.port} is already in use by another process`
  if (syscall === 'listen' && code === 'EACCES')
    return `PORT: ${config.port} needs privileges this process lacks; use a port above 1023`
  if (config.database.kind === 'postgres') {
    const target = postgresTarget(config.database.url)
    const known = code ? (POSTGRES_STATES[code] ?? NETWORK_CAUSES[code]) : undefined
    if (known) return `DATABASE_URL: ${known(target)}`
    if (/timeout exceeded when trying to connect/i.test(messageOf(error)))
      return `DATABASE_URL: cannot reach PostgreSQL at ${target.address} (no answer within 5 s)`
    if (code && /^[0-9A-Z]{5}$/.test(code))
      return `DATABASE_URL: PostgreSQL at ${target.address} refused: ${messageOf(error)} (SQLSTATE ${code})`
  }
  return messageOf(error)
}

function errorCode(error: unknown): string | undefined {
  // A failed connection to a host with several addresses arrives as an AggregateError.
  const first = error instanceof AggregateError ? error.errors[0] : error
  const code = (first as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url)
  const host = parsed.hostname || 'localhost'
  return {
    host,
    address: `${host}:${parsed.port || 5432}`,
    user: decodeURIComponent(parsed.username) || 'postgres',
    database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username),
  }
}

/** A readable one-line message from anything thrown (some libraries throw plain objects). */
export function messageOf(error: unknown): string {
  const message =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
      ? String((error as { message: unknown }).message)
      : typeof error === 'object' && error !== null
        ? safeJson(error)
        : String(error)
  const line = message.replace(/\s+/g, ' ').trim()
  return line === '' ? 'unknown error' : line.length > 300 ? `${line.slice(0, 300)}…` : line
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}
