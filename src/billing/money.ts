/** amount × part / whole in integer minor units, rounded half-up (the ledger's rounding). */
export function shareOf(amount: number, part: number, whole: number): number {
  if (whole <= 0) return 0
  const numerator = BigInt(amount) * BigInt(part)
  const denominator = BigInt(whole)
  return Number((2n * numerator + denominator) / (2n * denominator))
}

/** The same instant n calendar months later (31 Jan + 1 month → 28/29 Feb), in UTC. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime())
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() + months)
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}
