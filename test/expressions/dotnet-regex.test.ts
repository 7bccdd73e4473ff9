import { describe, expect, it } from "vitest";
import { compileDotNetRegex, translateDotNetRegex } from "../../src/expressions/index.js";

const matches = (pattern: string, text: string): boolean =>
  compileDotNetRegex(translateDotNetRegex(pattern)).test(text);

describe("translateDotNetRegex", () => {
  it("accepts .NET identity escapes such as \\@ and keeps the match unanchored", () => {
    expect(matches(".*\\@domain.com", "john@domain.com")).toBe(true);
    expect(matches(".*\\@domain.com", "john@contoso.com")).toBe(false);
    expect(matches("([1-9][0-9])", "x100")).toBe(true);
  });

  it("makes \\d and \\w Unicode-aware like .NET", () => {
    expect(matches("^\\d+$", "١٢٣")).toBe(true);
    expect(matches("^\\w+$", "Zoë_1")).toBe(true);
    expect(matches("^[\\w.]+$", "José.García")).toBe(true);
    expect(matches("^\\W$", "é")).toBe(false);
  });

  it("lets $ and \\Z match before a final newline, \\z only at the very end, and . not match \\n", () => {
    expect(matches("abc$", "abc\n")).toBe(true);
    expect(matches("abc\\Z", "abc\n")).toBe(true);
    expect(matches("abc\\z", "abc\n")).toBe(false);
    expect(matches("\\Aabc", "xabc")).toBe(false);
    expect(matches("a.c", "a\rc")).toBe(true);
    expect(matches("a.c", "a\nc")).toBe(false);
  });

  it("applies leading inline options (?i), (?s), (?m), (?x) and (?n)", () => {
    expect(matches("(?i)^ABC$", "abc")).toBe(true);
    expect(matches("(?s)a.c", "a\nc")).toBe(true);
    expect(matches("(?m)^b$", "a\nb\nc")).toBe(true);
    expect(matches("(?x) a  b # comment\n c", "abc")).toBe(true);
    const n = translateDotNetRegex("(?n)(a)(?<b>b)");
    expect(n.groupIndexByNumber.get(1)).toBe(1);
    expect(n.groupIndexByName.get("b")).toBe(1);
  });

  it("renumbers back-references the .NET way (unnamed groups first) and supports \\k<name> and '…' names", () => {
    expect(matches("^(?<x>a)(b)\\1\\2$", "abba")).toBe(true);
    expect(matches("^(?'x'a)\\k'x'$", "aa")).toBe(true);
    const t = translateDotNetRegex("(?<x>a)(b)");
    expect([...t.groupIndexByNumber.entries()].sort()).toEqual([
      [0, 0],
      [1, 2],
      [2, 1],
    ]);
  });

  it("treats a { that is not a quantifier as a literal and keeps real quantifiers", () => {
    expect(matches("^a{2}$", "aa")).toBe(true);
    expect(matches("^{x}$", "{x}")).toBe(true);
    expect(matches("^a{,2}$", "a{,2}")).toBe(true);
  });

  it("handles classes with a leading ], escaped specials and octal, hex and control escapes", () => {
    expect(matches("^[]a]+$", "]a")).toBe(true);
    expect(matches("^[\\@\\-x]+$", "@-x")).toBe(true);
    expect(matches("^\\x41\\u0042\\040C$", "AB C")).toBe(true);
    expect(matches("^\\e\\a$", "\x1b\x07")).toBe(true);
    expect(matches("^\\p{Lu}\\P{Lu}$", "Ab")).toBe(true);
  });

  it("drops (?#…) comments", () => {
    expect(matches("a(?#note)b", "ab")).toBe(true);
  });

  it("rejects constructs JavaScript cannot express, naming them", () => {
    const rejects = (pattern: string, what: RegExp): void => {
      expect(() => translateDotNetRegex(pattern)).toThrow(what);
    };
    rejects("(?>a)", /without atomic groups/);
    rejects("(?(a)b|c)", /without conditionals/);
    rejects("(?<a-b>x)", /without balancing groups/);
    rejects("\\Ga", /without \\G/);
    rejects("a(?i)b", /without inline options other than a leading/);
    rejects("(?i:a)", /without inline options other than a leading/);
    rejects("(?-i)a", /without inline options other than a leading/);
    rejects("\\p{IsGreek}", /without the Unicode block or category IsGreek/);
    rejects("[a-z-[aeiou]]", /without character class subtraction/);
    rejects("[\\W]", /without \\W inside a \[\] class/);
    rejects("(?<a>x)(?<a>y)", /without a repeated group name a/);
    rejects("(?<1x>a)", /without the group name "1x"/);
  });

  it("rejects invalid patterns with the reason", () => {
    expect(() => translateDotNetRegex("(")).toThrow(/^Expected a valid regular expression, got "\(": /);
    expect(() => translateDotNetRegex("[abc")).toThrow(/unterminated \[\] set/);
    expect(() => translateDotNetRegex("a\\")).toThrow(/cannot end with/);
    expect(() => translateDotNetRegex("\\q")).toThrow(/unrecognized escape sequence \\q/);
    expect(() => translateDotNetRegex("\\3(a)")).toThrow(/undefined group number 3/);
  });
});
