import { z } from 'zod'
import { isTimeZone, localTimeToInstant } from './time-zone.js'

/** A prize: any reward kind a contest can hand out by itself (a commission needs a sale). */
export const contestPrize = z
  .object({
    kind: z.enum(['fixed', 'points', 'coupon']),
    amountMinor: z.number().int().positive().nullable().default(null),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'Enter a three-letter currency code, e.g. USD.')
      .transform((c) => c.toUpperCase())
      .nullable()
      .default(null),
    points: z.number().int().positive().nullable().default(null),
    couponPool: z.string().trim().min(1).max(100).nullable().default(null),
    description: z.string().trim().max(200).nullable().default(null),
  })
  .superRefine((prize, ctx) => {
    if (prize.kind === 'fixed' && (prize.amountMinor === null || prize.currency === null))
      ctx.addIssue({
        code: 'custom',
        path: ['amountMinor'],
        message: 'Enter an amount and a currency.',
      })
    if (prize.kind === 'points' && prize.points === null)
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'Enter a number of points.' })
    if (prize.kind === 'coupon' && prize.couponPool === null)
      ctx.addIssue({ code: 'custom', path: ['couponPool'], message: 'Name the coupon pool.' })
  })
export type ContestPrize = z.infer<typeof contestPrize>

const localTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and time.')

/** A new contest as the dashboard and the API send it: local times in the contest's zone. */
export const contestInput = z
  .object({
    name: z.string().trim().min(1, 'Give the contest a name.').max(120),
    campaignId: z.string().uuid('Pick a campaign.'),
    metric: z.enum(['qualified', 'joined']).default('qualified'),
    startsAt: localTime,
    endsAt: localTime,
    timeZone: z.string().trim().refine(isTimeZone, 'Pick a time zone, e.g. Europe/Berlin.'),
    topN: z.number().int().min(0).max(100).default(3),
    topPrize: contestPrize.nullable().default(null),
    threshold: z.number().int().positive().nullable().default(null),
    thresholdPrize: contestPrize.nullable().default(null),
  })
  .transform((input, ctx) => {
    const startsAt = localTimeToInstant(input.startsAt, input.timeZone)
    const endsAt = localTimeToInstant(input.endsAt, input.timeZone)
    if (!startsAt)
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'Enter a date and time.' })
    if (!endsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Enter a date and time.' })
    if (startsAt && endsAt && endsAt <= startsAt)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: 'The end must be after the start.',
      })
    if (input.topN > 0 && input.topPrize === null && input.threshold === null)
      ctx.addIssue({
        code: 'custom',
        path: ['topPrize'],
        message: 'Choose a prize for the top places.',
      })
    if (input.threshold !== null && input.thresholdPrize === null)
      ctx.addIssue({
        code: 'custom',
        path: ['thresholdPrize'],
        message: 'Choose a prize for everyone past the threshold.',
      })
    return { ...input, startsAt: startsAt ?? new Date(NaN), endsAt: endsAt ?? new Date(NaN) }
  })
export type ContestInput = z.output<typeof contestInput>
