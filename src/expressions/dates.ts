import { ExpressionEvaluationError } from "./errors.js";

/**
 * DateTime handling. Every DateTime is a UTC instant (a JS `Date`); text forms with an offset are
 * converted to UTC, text without one is read as UTC. Entra's own text form is en-US
 * `M/d/yyyy h:mm:ss tt` in UTC (`7/2/2021 3:33:38 PM`).
 */
export function formatEntraDate(date: Date): string {
  const h = date.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const pad = (n: number): string => String(n).padStart(2, "0");
  return (
    `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ` +
    `${hour12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`
  );
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses the date texts the docs feed to CDate and friends (a subset of .NET `DateTime.Parse`):
 * ISO 8601 dates and date-times (`T` or a space), with an optional offset even on a date alone
 * (`2020-03-16-07:00`), and the service's own `M/d/yyyy h:mm:ss tt`. Returns null when the text is neither.
 */
function parseDateText(text: string): Date | null {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    return build(
      +(y as string),
      +(mo as string),
      +(d as string),
      +(h ?? 0),
      +(mi ?? 0),
      +(sec ?? 0),
      frac,
      zone,
    );
  }
  const us = US.exec(s);
  if (us) {
    const [, mo, d, y, h, mi, sec, ampm, zone] = us;
    let hour = +(h ?? 0);
    if (ampm !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm.toUpperCase() === "PM" ? 12 : 0);
    }
    return build(
      +(y as string),
      +(mo as string),
      +(d as string),
      hour,
      +(mi ?? 0),
      +(sec ?? 0),
      undefined,
      zone,
    );
  }
  return null;
}

/** Builds a UTC date from parts, rejecting impossible ones (month 13, February 30, 25:00). */
export function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  zone: string | undefined,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(utc - offsetMinutes(zone) * 60_000);
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date;
}

/** Minutes east of UTC for `Z`, `+08:00`, `-0700`; 0 when absent. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const digits = zone.replace(":", "");
  const sign = digits[0] === "-" ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Parses, or fails with the evaluation error the engine logs for this object. */
export function requireDate(text: string, what: string): Date {
  const date = parseDateText(text);
  if (date === null) {
    throw new ExpressionEvaluationError(
      `Expected ${what} to be a date (ISO 8601 or M/d/yyyy h:mm:ss tt), got ${JSON.stringify(text)}`,
    );
  }
  return date;
}

/** 100-ns ticks between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_UNIX_OFFSET_MS = 11_644_473_600_000n;

/** AD FILETIME (100-ns ticks since 1601-01-01 UTC) for a date, as exact decimal text. */
export function toFileTime(date: Date): string {
  return ((BigInt(date.getTime()) + FILETIME_UNIX_OFFSET_MS) * 10_000n).toString();
}

/** The date a FILETIME denotes (millisecond precision). */
export function fromFileTime(ticks: bigint): Date {
  return checkedDate(new Date(Number(ticks / 10_000n - FILETIME_UNIX_OFFSET_MS)), `FILETIME ${ticks}`);
}

/** Fails the evaluation when arithmetic left the range a DateTime can hold. */
export function checkedDate(date: Date, what: string): Date {
  if (Number.isNaN(date.getTime()))
    throw new ExpressionEvaluationError(`Expected ${what} to give a representable date, got none`);
  return date;
}
