import { z } from 'zod'

// What a coupon upload must be, checked by the admin API and, before sending, by the dashboard's
// coupon page (src/dashboard-client/coupons.ts): one schema, one set of words.

const POOL_NAME_RULE = 'Use up to 64 letters, digits, _ . or - in the pool name.'

/** A coupon pool's name (it is part of the upload URL). */
export const couponPoolName = z
  .string({ error: 'Give the pool a name.' })
  .trim()
  .min(1, 'Give the pool a name.')
  .max(64, POOL_NAME_RULE)
  .regex(/^[\w.-]+$/, POOL_NAME_RULE)

/** The codes of one upload. */
export const couponCodes = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(200, 'A code is longer than 200 characters: is the file a list of codes?'),
  )
  .min(1, 'Paste at least one code, or choose a CSV file.')
  .max(50_000, 'Upload at most 50,000 codes at a time.')
