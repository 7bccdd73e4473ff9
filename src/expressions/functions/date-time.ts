import { checkedDate, daysInMonth, fromFileTime, toFileTime } from "../dates.js";
import { compileDateFormat, type DateFormat } from "../dotnet-date-format.js";
import { ExpressionEvaluationError } from "../errors.js";
import type { EvalContext } from "../types.js";
import { type Evaluator, toBigInt, toDate, toInteger, toText, type Val } from "../values.js";
import type { CompileSite, FunctionSpec } from "./spec.js";

/** VB interval names (case-insensitive): year, month, day, week, hour, minute, second. */
const INTERVALS = ["yyyy", "m", "d", "ww", "h", "n", "s"] as const;
type Interval = (typeof INTERVALS)[number];

const DAY_MS = 86_400_000;
const FIXED_MS: Readonly<Record<Exclude<Interval, "yyyy" | "m">, number>> = {
  d: DAY_MS,
  ww: 7 * DAY_MS,
  h: 3_600_000,
  n: 60_000,
  s: 1000,
};

function readInterval(text: string): Interval | undefined {
  const lower = text.toLowerCase();
  return INTERVALS.find((interval) => interval === lower);
}

const intervalError = (got: string): string =>
  `Expected an interval (${INTERVALS.join(", ")}), got ${JSON.stringify(got)}`;

/** The interval argument; checked at compile time when it is a string constant. */
function compileInterval(site: CompileSite): (ctx: EvalContext) => Interval {
  const constant = site.constantString(0);
  if (constant !== undefined) {
    const interval = readInterval(constant);
    if (interval === undefined) throw site.error(intervalError(constant), 0);
    return () => interval;
  }
  const evaluate = site.required(0);
  return (ctx) => {
    const text = toText(evaluate(ctx), "interval");
    const interval = readInterval(text);
    if (interval === undefined) throw new ExpressionEvaluationError(intervalError(text));
    return interval;
  };
}

/** Calendar month arithmetic with .NET AddMonths' end-of-month clamp (Jan 31 + 1 month = Feb 28/29). */
function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month - 1, Math.min(date.getUTCDate(), daysInMonth(year, month)));
  return result;
}

function dateAdd(interval: Interval, amount: number, date: Date): Date {
  switch (interval) {
    case "yyyy":
      return addMonths(date, amount * 12);
    case "m":
      return addMonths(date, amount);
    case "d":
    case "ww":
    case "h":
    case "n":
    case "s":
      return new Date(date.getTime() + amount * FIXED_MS[interval]);
    default: {
      const unreachable: never = interval;
      return unreachable;
    }
  }
}

/**
 * VB.NET DateDiff: years and months count calendar boundaries; d, h, n, s are elapsed time truncated
 * toward zero; ww moves both dates back to their Sunday first, then counts whole weeks.
 */
function dateDiff(interval: Interval, from: Date, to: Date): number {
  switch (interval) {
    case "yyyy":
      return to.getUTCFullYear() - from.getUTCFullYear();
    case "m":
      return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
    case "ww": {
      const sunday = (d: Date): number => d.getTime() - d.getUTCDay() * DAY_MS;
      return Math.trunc(Math.trunc((sunday(to) - sunday(from)) / DAY_MS) / 7);
    }
    case "d":
    case "h":
    case "n":
    case "s":
      return Math.trunc((to.getTime() - from.getTime()) / FIXED_MS[interval]) || 0;
    default: {
      const unreachable: never = interval;
      return unreachable;
    }
  }
}

/** A format argument; compiled once when it is a string constant. */
function compileFormat(site: CompileSite, index: number): (ctx: EvalContext) => DateFormat {
  const constant = site.constantString(index);
  if (constant !== undefined) {
    try {
      const format = compileDateFormat(constant);
      return () => format;
    } catch (error) {
      throw site.error((error as Error).message, index);
    }
  }
  const evaluate = site.required(index);
  return (ctx) => {
    try {
      return compileDateFormat(toText(evaluate(ctx), "format"));
    } catch (error) {
      throw new ExpressionEvaluationError((error as Error).message);
    }
  };
}

/** Applies `fn` unless the value is null (no value in, no value out). */
const unlessNull =
  (source: Evaluator, fn: (value: Val, ctx: EvalContext) => Val): Evaluator =>
  (ctx) => {
    const value = source(ctx);
    return value === null ? null : fn(value, ctx);
  };

export const dateTimeFunctions: Readonly<Record<string, FunctionSpec>> = {
  CDate: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile: (site) => unlessNull(site.required(0), (value) => toDate(value, "the CDate argument")),
  },
  Now: {
    params: [],
    minArgs: 0,
    maxArgs: 0,
    compile: () => (ctx) => ctx.now,
  },
  /** The amount must be a whole number (quoted numbers are accepted); a null date gives no value. */
  DateAdd: {
    params: ["interval", "value", "dateTime"],
    minArgs: 3,
    maxArgs: 3,
    compile(site) {
      const interval = compileInterval(site);
      const amount = site.required(1);
      return unlessNull(site.required(2), (value, ctx) =>
        checkedDate(
          dateAdd(
            interval(ctx),
            toInteger(amount(ctx), "the DateAdd value"),
            toDate(value, "the DateAdd dateTime"),
          ),
          "DateAdd",
        ),
      );
    },
  },
  /** Positive when date2 is later; null when either date is null. */
  DateDiff: {
    params: ["interval", "date1", "date2"],
    minArgs: 3,
    maxArgs: 3,
    compile(site) {
      const interval = compileInterval(site);
      const first = site.required(1);
      const second = site.required(2);
      return (ctx) => {
        const a = first(ctx);
        const b = second(ctx);
        if (a === null || b === null) return null;
        return dateDiff(interval(ctx), toDate(a, "date1"), toDate(b, "date2"));
      };
    },
  },
  /** AD FILETIME (100-ns ticks since 1601-01-01 UTC) → DateTime. */
  DateFromNum: {
    params: ["value"],
    minArgs: 1,
    maxArgs: 1,
    compile: (site) =>
      unlessNull(site.required(0), (value) => fromFileTime(toBigInt(value, "the DateFromNum value"))),
  },
  /** DateTime → AD FILETIME, as decimal text (the number exceeds JavaScript's exact integer range). */
  NumFromDate: {
    params: ["value"],
    minArgs: 1,
    maxArgs: 1,
    compile: (site) =>
      unlessNull(site.required(0), (value) => toFileTime(toDate(value, "the NumFromDate value"))),
  },
  /**
   * FormatDateTime(source, [dateTimeStyles], inputFormat, outputFormat), or the 3-argument form
   * (source, inputFormat, outputFormat). dateTimeStyles is accepted and has no effect: every DateTime
   * here is a UTC instant.
   */
  FormatDateTime: {
    params: ["source", "dateTimeStyles", "inputFormat", "outputFormat"],
    minArgs: 3,
    maxArgs: 4,
    compile(site) {
      const first = site.argCount - 2;
      const input = compileFormat(site, first);
      const output = compileFormat(site, first + 1);
      return unlessNull(site.required(0), (value, ctx) => {
        const text = toText(value, "source");
        const date = input(ctx).parse(text, ctx.now);
        if (date === null) {
          throw new ExpressionEvaluationError(
            `Expected a date in the FormatDateTime input format, got ${JSON.stringify(text)}`,
          );
        }
        return output(ctx).format(date);
      });
    },
  },
};
