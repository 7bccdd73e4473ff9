import { build } from "./dates.js";

/**
 * .NET custom date and time format strings (invariant culture): the specifiers d, f, F, g, h, H, K, m, M,
 * s, t, y, z; quoted literals ('…' or "…"); `\x` and `%x`; `/` and `:` as themselves; every other
 * character is literal (so the `Z` in `yyyyMMddHHmmss.fZ` must appear as is).
 */
type Part =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "field"; readonly letter: string; readonly count: number };

const LETTERS = "dfFghHKmMstyz";
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export interface DateFormat {
  /** Formats a UTC instant. */
  format(date: Date): string;
  /**
   * Parses text that matches the format exactly (leading and trailing white space allowed, as Entra's
   * default DateTimeStyles do). Missing date parts come from `today`; an offset converts to UTC.
   * Returns null when the text does not match.
   */
  parse(text: string, today: Date): Date | null;
}

/** Compiles a format string; throws an Error naming the problem when it is not a valid format. */
export function compileDateFormat(format: string): DateFormat {
  const parts = tokenizeFormat(format);
  return { format: (date) => formatDate(parts, date), parse: (text, today) => parseDate(parts, text, today) };
}

function tokenizeFormat(format: string): Part[] {
  const parts: Part[] = [];
  const literal = (text: string): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === "literal") parts[parts.length - 1] = { kind: "literal", text: last.text + text };
    else parts.push({ kind: "literal", text });
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c === "'" || c === '"') {
      const close = format.indexOf(c, i + 1);
      if (close < 0) throw new Error(`Expected a closing ${c} in date format ${JSON.stringify(format)}`);
      literal(format.slice(i + 1, close));
      i = close + 1;
    } else if (c === "\\") {
      if (i + 1 >= format.length)
        throw new Error(`Expected a character after \\ in date format ${JSON.stringify(format)}`);
      literal(format[i + 1] as string);
      i += 2;
    } else if (c === "%" && LETTERS.includes(format[i + 1] ?? "")) {
      parts.push({ kind: "field", letter: format[i + 1] as string, count: 1 });
      i += 2;
    } else if (LETTERS.includes(c)) {
      let count = 1;
      while (format[i + count] === c) count++;
      if ((c === "f" || c === "F") && count > 7) {
        throw new Error(`Expected at most 7 '${c}' in date format ${JSON.stringify(format)}, got ${count}`);
      }
      parts.push({ kind: "field", letter: c, count });
      i += count;
    } else {
      literal(c);
      i++;
    }
  }
  return parts;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

function formatDate(parts: readonly Part[], date: Date): string {
  let out = "";
  for (const part of parts) {
    if (part.kind === "literal") {
      out += part.text;
      continue;
    }
    const n = part.count;
    const hour = date.getUTCHours();
    switch (part.letter) {
      case "d":
        out +=
          n === 1
            ? date.getUTCDate()
            : n === 2
              ? pad(date.getUTCDate(), 2)
              : nameOf(DAYS[date.getUTCDay()], n);
        break;
      case "M":
        out +=
          n === 1
            ? date.getUTCMonth() + 1
            : n === 2
              ? pad(date.getUTCMonth() + 1, 2)
              : nameOf(MONTHS[date.getUTCMonth()], n);
        break;
      case "y": {
        const year = date.getUTCFullYear();
        out += n === 1 ? year % 100 : n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      }
      case "h":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, Math.min(n, 2));
        break;
      case "H":
        out += pad(hour, Math.min(n, 2));
        break;
      case "m":
        out += pad(date.getUTCMinutes(), Math.min(n, 2));
        break;
      case "s":
        out += pad(date.getUTCSeconds(), Math.min(n, 2));
        break;
      case "f":
        out += fraction(date, n);
        break;
      case "F": {
        const digits = fraction(date, n).replace(/0+$/, "");
        // .NET drops the decimal point too when an F fraction prints nothing.
        if (digits === "" && out.endsWith(".")) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case "t":
        out += (hour < 12 ? "AM" : "PM").slice(0, n === 1 ? 1 : 2);
        break;
      case "z":
        out += n === 1 ? "+0" : n === 2 ? "+00" : "+00:00";
        break;
      case "K":
        out += "Z";
        break;
      case "g":
        out += "A.D.";
        break;
      default:
        throw new Error(`Unexpected format letter ${part.letter}`);
    }
  }
  return out;
}

const nameOf = (name: string | undefined, count: number): string =>
  count === 3 ? (name ?? "").slice(0, 3) : (name ?? "");

/** Fraction of a second to `digits` places (JS dates hold milliseconds; further places are 0). */
const fraction = (date: Date, digits: number): string =>
  pad(date.getUTCMilliseconds(), 3).padEnd(7, "0").slice(0, digits);

/** `Z`, `+8`, `+08`, `+0800`, `-07:00`. */
const ZONE = /^(?:Z|([+-])(\d{1,2})(?::?(\d{2}))?)/i;

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  fraction?: string;
  pm?: boolean;
  zone?: string;
}

function parseDate(parts: readonly Part[], input: string, today: Date): Date | null {
  const text = input.trim();
  const fields: Fields = {};
  let i = 0;
  const digits = (min: number, max: number): number | null => {
    let j = i;
    while (j < text.length && j - i < max && text[j]! >= "0" && text[j]! <= "9") j++;
    if (j - i < min) return null;
    const value = Number(text.slice(i, j));
    i = j;
    return value;
  };
  const name = (names: readonly string[], abbreviated: boolean): number | null => {
    for (let k = 0; k < names.length; k++) {
      const candidate = abbreviated ? (names[k] as string).slice(0, 3) : (names[k] as string);
      if (text.slice(i, i + candidate.length).toLowerCase() === candidate.toLowerCase()) {
        i += candidate.length;
        return k;
      }
    }
    return null;
  };
  for (const part of parts) {
    if (part.kind === "literal") {
      if (!text.startsWith(part.text, i)) return null;
      i += part.text.length;
      continue;
    }
    const n = part.count;
    let value: number | null;
    switch (part.letter) {
      case "d":
        if (n >= 3) {
          if (name(DAYS, n === 3) === null) return null;
          continue;
        }
        value = fields.day = digits(n, 2) ?? Number.NaN;
        break;
      case "M":
        value = n >= 3 ? name(MONTHS, n === 3) : digits(n, 2);
        if (value !== null && n >= 3) value += 1;
        fields.month = value ?? Number.NaN;
        break;
      case "y":
        value = n <= 2 ? digits(n, 2) : digits(n, Math.max(n, 4));
        // Two-digit years: .NET's default window ends in 2049.
        fields.year =
          value === null ? Number.NaN : n <= 2 ? (value <= 49 ? 2000 + value : 1900 + value) : value;
        break;
      case "h":
      case "H":
        value = fields.hour = digits(Math.min(n, 2), 2) ?? Number.NaN;
        if (part.letter === "h" && (value < 1 || value > 12)) return null;
        break;
      case "m":
        value = fields.minute = digits(Math.min(n, 2), 2) ?? Number.NaN;
        break;
      case "s":
        value = fields.second = digits(Math.min(n, 2), 2) ?? Number.NaN;
        break;
      case "f":
      case "F": {
        const start = i;
        value = digits(part.letter === "f" ? n : 0, n);
        fields.fraction = text.slice(start, i);
        break;
      }
      case "t": {
        const marker = text.slice(i, i + (n === 1 ? 1 : 2)).toUpperCase();
        if (marker !== "AM" && marker !== "PM" && marker !== "A" && marker !== "P") return null;
        fields.pm = marker.startsWith("P");
        i += marker.length;
        value = 0;
        break;
      }
      case "z":
      case "K": {
        const zone = ZONE.exec(text.slice(i));
        if (zone === null) {
          if (part.letter === "K") continue;
          return null;
        }
        const [whole, sign, hours, minutes] = zone;
        fields.zone =
          sign === undefined ? "Z" : `${sign}${(hours ?? "").padStart(2, "0")}:${minutes ?? "00"}`;
        i += whole.length;
        value = 0;
        break;
      }
      case "g":
        value = name(["A.D.", "AD"], false);
        break;
      default:
        return null;
    }
    if (value === null || Number.isNaN(value)) return null;
  }
  if (i !== text.length) return null;
  let hour = fields.hour ?? 0;
  if (fields.pm !== undefined) hour = (hour % 12) + (fields.pm ? 12 : 0);
  const noDate = fields.year === undefined && fields.month === undefined && fields.day === undefined;
  return build(
    fields.year ?? (noDate ? today.getUTCFullYear() : 1),
    fields.month ?? (noDate ? today.getUTCMonth() + 1 : 1),
    fields.day ?? (noDate ? today.getUTCDate() : 1),
    hour,
    fields.minute ?? 0,
    fields.second ?? 0,
    fields.fraction === "" ? undefined : fields.fraction,
    fields.zone,
  );
}
