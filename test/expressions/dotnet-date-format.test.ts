import { describe, expect, it } from "vitest";
import { compileDateFormat } from "../../src/expressions/dotnet-date-format.js";

const today = new Date("2025-07-30T12:00:00Z");
const at = (iso: string): Date => new Date(iso);

describe("compileDateFormat", () => {
  it("formats every specifier in the invariant culture", () => {
    const date = at("2009-06-05T13:04:09.120Z");
    const cases: [string, string][] = [
      ["d dd ddd dddd", "5 05 Fri Friday"],
      ["M MM MMM MMMM", "6 06 Jun June"],
      ["y yy yyy yyyy", "9 09 2009 2009"],
      ["h hh H HH", "1 01 13 13"],
      ["m mm s ss", "4 04 9 09"],
      ["f ff fff ffff", "1 12 120 1200"],
      ["ss.FFF ss.FFFF", "09.12 09.12"],
      ["t tt", "P PM"],
      ["z zz zzz K g", "+0 +00 +00:00 Z A.D."],
      ["'d' \"M\" \\y %d/yyyy:HH", "d M y 5/2009:13"],
    ];
    for (const [format, expected] of cases) expect(compileDateFormat(format).format(date)).toBe(expected);
  });

  it("drops the decimal point when an F fraction prints nothing", () => {
    expect(compileDateFormat("HH:mm:ss.FFF").format(at("2020-01-01T10:00:00Z"))).toBe("10:00:00");
  });

  it("parses exact formats, 12-hour clocks, month names and offsets (converted to UTC)", () => {
    const parse = (format: string, text: string) =>
      compileDateFormat(format).parse(text, today)?.toISOString();
    expect(parse("yyyyMMddHHmmss.fZ", "20150123105347.1Z")).toBe("2015-01-23T10:53:47.100Z");
    expect(parse("M/d/yyyy h:mm:ss tt", "12/31/2020 12:00:00 AM")).toBe("2020-12-31T00:00:00.000Z");
    expect(parse("M/d/yyyy h:mm:ss tt", "7/2/2021 3:33:38 PM")).toBe("2021-07-02T15:33:38.000Z");
    expect(parse("dd MMMM yyyy", "05 june 2009")).toBe("2009-06-05T00:00:00.000Z");
    expect(parse("yyyy-MM-ddTHH:mmzzz", "2009-06-15T01:45-07:00")).toBe("2009-06-15T08:45:00.000Z");
    expect(parse("yy-M-d", "49-1-2")).toBe("2049-01-02T00:00:00.000Z");
    expect(parse("yy-M-d", "50-1-2")).toBe("1950-01-02T00:00:00.000Z");
    expect(parse("yyyy-MM-ddK", "2009-06-15")).toBe("2009-06-15T00:00:00.000Z");
  });

  it("takes the date from `today` when the format has no date part, and allows surrounding spaces", () => {
    expect(compileDateFormat("HH:mm").parse("  08:15 ", today)?.toISOString()).toBe(
      "2025-07-30T08:15:00.000Z",
    );
  });

  it("returns null for text that does not match or names an impossible date", () => {
    const format = compileDateFormat("yyyy-MM-dd");
    expect(format.parse("2009-6-05", today)).toBeNull();
    expect(format.parse("2009-02-30", today)).toBeNull();
    expect(format.parse("2009-01-01x", today)).toBeNull();
    expect(compileDateFormat("h tt").parse("13 PM", today)).toBeNull();
  });

  it("rejects unterminated quotes, a trailing backslash and more than seven f", () => {
    expect(() => compileDateFormat("yyyy'")).toThrow("Expected a closing ' in date format \"yyyy'\"");
    expect(() => compileDateFormat("yyyy\\")).toThrow(/Expected a character after/);
    expect(() => compileDateFormat("ffffffff")).toThrow(
      "Expected at most 7 'f' in date format \"ffffffff\", got 8",
    );
  });
});
