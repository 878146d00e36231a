/** Korea Standard Time (UTC+9 all year, no daylight saving): how Bootpay writes and counts time. */

const offsetMillis = 9 * 3_600_000

/** Months since year 0 in Korea time, for "same month" rules (a phone payment's cancel window). */
export const month = (millis: number): number => {
  const date = new Date(millis + offsetMillis)
  return date.getUTCFullYear() * 12 + date.getUTCMonth()
}

/** Whether the Korea-time month of an ISO 8601 time is over at `nowMillis` (false for an unreadable time). */
export const monthPassed = (iso: string, nowMillis: number): boolean => {
  const at = Date.parse(iso)
  return !Number.isNaN(at) && month(at) < month(nowMillis)
}

/** A time as Bootpay writes it, `2026-11-27T06:38:15+09:00` (whole seconds, truncated). */
export const iso = (millis: number): string =>
  `${new Date(millis + offsetMillis).toISOString().slice(0, 19)}+09:00`
