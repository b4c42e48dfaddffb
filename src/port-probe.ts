import { createServer } from 'node:net'

/**
 * Fails at once when the port is taken (EADDRINUSE, EACCES), before the database is opened and
 * migrated: an operator hears about it in a second, not after start-up's slowest steps. The
 * real listen still reports any race after this.
 */
export async function assertPortAvailable(port: number, host: string): Promise<void> {
  if (port === 0) return
  const probe = createServer()
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject)
    probe.listen(port, host, () => resolve())
  })
  await new Promise<void>((resolve) => probe.close(() => resolve()))
}
