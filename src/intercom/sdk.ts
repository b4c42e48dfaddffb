import type * as IntercomClientModule from 'intercom-client'

type IntercomSdk = typeof IntercomClientModule

let loading: Promise<IntercomSdk> | undefined
let loaded: IntercomSdk | undefined

/**
 * intercom-client is hundreds of modules (~300 ms to load): a process loads it when it first talks
 * to Intercom, not when it starts (a PostgreSQL-only CLI command, a test file that never calls out).
 */
export function loadIntercomSdk(): Promise<IntercomSdk> {
  loading ??= import('intercom-client').then((sdk) => (loaded = sdk))
  return loading
}

/** The SDK if this process loaded it; an error can only be one of its classes once it has. */
export function loadedIntercomSdk(): IntercomSdk | undefined {
  return loaded
}
