/** Converted friends out of friends who joined, for one variant. */
export interface Arm {
  readonly name: string
  readonly joined: number
  readonly converted: number
}

export interface Readout {
  /** p-value of the two-sided two-proportion z-test; null without data to test. */
  readonly pValue: number | null
  readonly z: number | null
  /** Relative difference of the challenger's conversion rate over the control's (0.18 = 18 % better). */
  readonly lift: number | null
  /** Friends still needed (both arms together) to tell the observed difference at 95 % and 80 % power. */
  readonly moreFriendsNeeded: number | null
  /** The sentence a marketer reads. */
  readonly words: string
}

/**
 * The standard normal CDF, Φ(x), from erf by Abramowitz & Stegun 7.1.26 (absolute error below
 * 1.5e-7, enough for a confidence in whole percent).
 */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2))
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

const Z_95_TWO_SIDED = 1.959964
const Z_POWER_80 = 0.841621

/** Two-proportion z-test (pooled standard error), two-sided. */
export function twoProportionZ(a: Arm, b: Arm): { z: number; pValue: number } | null {
  if (a.joined === 0 || b.joined === 0) return null
  const pooled = (a.converted + b.converted) / (a.joined + b.joined)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.joined + 1 / b.joined))
  if (se === 0) return null
  const z = (b.converted / b.joined - a.converted / a.joined) / se
  return { z, pValue: 2 * (1 - normalCdf(Math.abs(z))) }
}

/**
 * Friends per arm to tell conversion rates p1 and p2 apart with a two-sided 5 % test at 80 %
 * power (the usual formula without continuity correction; 3,841 for 10 % against 12 %).
 */
export function friendsPerArm(p1: number, p2: number): number {
  const mean = (p1 + p2) / 2
  const numerator =
    Z_95_TWO_SIDED * Math.sqrt(2 * mean * (1 - mean)) +
    Z_POWER_80 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
  return Math.ceil((numerator * numerator) / ((p2 - p1) * (p2 - p1)))
}

const percent = (x: number) => `${Math.round(x * 100)} %`

/** Does the challenger convert better or worse than the control, and how sure is that? */
export function readout(control: Arm, challenger: Arm): Readout {
  const rate = (arm: Arm) => (arm.joined === 0 ? 0 : arm.converted / arm.joined)
  const p1 = rate(control)
  const p2 = rate(challenger)
  const test = twoProportionZ(control, challenger)
  // No test without friends in both arms, a conversion, or any spread (everyone converted).
  if (!test || control.converted + challenger.converted === 0) {
    // Nothing to compare yet: say how many friends a 20 % difference at a 10 % base would take.
    const base = p1 > 0 && p1 < 0.8 ? p1 : 0.1
    const needed = friendsPerArm(base, Math.min(0.99, base * 1.2)) * 2
    const more = Math.max(0, needed - control.joined - challenger.joined)
    return {
      pValue: null,
      z: null,
      lift: null,
      moreFriendsNeeded: more,
      words: `Not enough data yet: about ${more.toLocaleString('en')} more friends needed.`,
    }
  }
  const lift = p1 === 0 ? null : (p2 - p1) / p1
  const confidence = 1 - test.pValue
  if (test.pValue < 0.05) {
    const better = p2 > p1
    const by = lift === null ? '' : ` ${percent(Math.abs(lift))}`
    return {
      pValue: test.pValue,
      z: test.z,
      lift,
      moreFriendsNeeded: 0,
      words: `${challenger.name} converts${by} ${better ? 'better' : 'worse'} than ${control.name}; ${percent(Math.floor(confidence * 100) / 100)} confident.`,
    }
  }
  const perArm = p1 === p2 ? null : friendsPerArm(p1, p2)
  const more =
    perArm === null
      ? null
      : Math.max(0, perArm - control.joined) + Math.max(0, perArm - challenger.joined)
  return {
    pValue: test.pValue,
    z: test.z,
    lift,
    moreFriendsNeeded: more,
    words:
      more === null
        ? `Not enough data yet: ${control.name} and ${challenger.name} convert alike so far.`
        : `Not enough data yet: about ${more.toLocaleString('en')} more friends needed.`,
  }
}
