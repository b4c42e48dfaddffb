import type Stripe from 'stripe'
import type { Config } from '../config.js'

export type StripeApi = Stripe
type StripeModule = typeof Stripe

let loading: Promise<StripeModule> | undefined
let loaded: StripeModule | undefined

/**
 * The Stripe SDK is about 20 MB resident: a process loads it when it first talks to Stripe (or
 * checks a Stripe signature), not when it starts, so a server without billing never holds it.
 */
export function loadStripe(): Promise<StripeModule> {
  loading ??= import('stripe').then((module) => (loaded = module.default))
  return loading
}

/**
 * The official client for one workspace's secret key, pointed at STRIPE_API_BASE_URL when set.
 * No automatic retries: the job queue retries whole steps, each with its own idempotency key.
 */
export async function stripeFor(config: Config, secretKey: string): Promise<StripeApi> {
  const Stripe = await loadStripe()
  return new Stripe(secretKey, {
    ...(config.stripe.api ?? {}),
    maxNetworkRetries: 0,
    timeout: 10_000,
    appInfo: { name: 'intercom-referrals' },
  })
}

/** Stripe's answer in words an admin reads (a bad key, a network failure) without the stack. */
export function stripeErrorMessage(error: unknown): string {
  // An error can only be one of the SDK's classes once this process has loaded it.
  const Stripe = loaded
  if (!Stripe) return error instanceof Error ? error.message : String(error)
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return 'Stripe refused this secret key. Copy it again from Developers → API keys.'
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    return 'This restricted key lacks a permission the app needs (read balance, write customers).'
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return 'Stripe could not be reached. Try again in a minute.'
  }
  if (error instanceof Stripe.errors.StripeError) return error.message
  return error instanceof Error ? error.message : String(error)
}

/** A 4xx from Stripe (bad request, unknown id, idempotency conflict) will not heal by retrying. */
export function isPermanentStripeError(error: unknown): boolean {
  const Stripe = loaded
  return (
    Stripe !== undefined &&
    error instanceof Stripe.errors.StripeError &&
    typeof error.statusCode === 'number' &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    error.statusCode !== 429 &&
    error.statusCode !== 409
  )
}
