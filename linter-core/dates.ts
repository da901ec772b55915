// Dates in the inventory are calendar days (UTC); "now" is injected, so tests never depend on today.
import { plural } from "./text.js";

const DAY = 86_400_000;

/** A calendar day as the inventory writes it. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A rotation cadence: 90d, 12w, 6m, 1y. */
export const CADENCE = /^(\d+)([dwmy])$/;

/**
 * A day written YYYY-MM-DD, or undefined. JavaScript's own reading rolls a day past its month's end
 * into the next (`2027-02-30` is 2 March, `2027-04-31` is 1 May): such a day is no date.
 */
export function parseDay(value: string): Date | undefined {
  // Stryker disable next-line ConditionalExpression: a shortcut; a value of another shape never reads back as itself below
  if (!DATE.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? date : undefined;
}

/** Whole days from `now` until `date` (negative when past). */
export function daysUntil(date: Date, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((date.getTime() - today) / DAY);
}

/** Days from today as a person says them: `today`, `in 1 day`, `3 days ago` (every face words them alike). */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  return days < 0 ? `${plural(-days, "day")} ago` : `in ${plural(days, "day")}`;
}

/** `date` plus a cadence such as 90d, 12w, 6m, 1y. */
export function addCadence(date: Date, cadence: string): Date | undefined {
  const match = CADENCE.exec(cadence);
  if (!match) return undefined;
  const n = Number(match[1]);
  const result = new Date(date);
  if (match[2] === "d") result.setUTCDate(result.getUTCDate() + n);
  if (match[2] === "w") result.setUTCDate(result.getUTCDate() + 7 * n);
  if (match[2] === "m") result.setUTCMonth(result.getUTCMonth() + n);
  if (match[2] === "y") result.setUTCFullYear(result.getUTCFullYear() + n);
  // `300000y` lands past the last date JavaScript can hold: no date, as for a cadence it cannot read.
  return Number.isNaN(result.getTime()) ? undefined : result;
}
