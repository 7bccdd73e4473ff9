import { ExpressionEvaluationError } from "../errors.js";
import { type Evaluator, single, toInteger, toText, type Val } from "../values.js";
import { normalizeDiacritics } from "./normalize-diacritics.js";
import { properCase } from "./pcase.js";
import type { CompileSite, FunctionSpec } from "./spec.js";

/** A one-argument string transform; a null source gives no value (null), so nothing is sent. */
function stringTransform(param: string, transform: (text: string) => string): FunctionSpec {
  return {
    params: [param],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const source = site.required(0);
      return (ctx) => {
        const value = source(ctx);
        return value === null ? null : transform(toText(value, param));
      };
    },
  };
}

/** ToLower / ToUpper with an optional RFC 4646 culture (invariant when omitted). */
function caseTransform(
  name: string,
  invariant: (s: string) => string,
  cultural: (s: string, c: string) => string,
): FunctionSpec {
  return {
    params: ["source", "culture"],
    minArgs: 1,
    maxArgs: 2,
    compile(site) {
      const source = site.required(0);
      const culture = site.optional(1);
      const constant = site.constantString(1);
      if (constant !== undefined) checkCulture(site, constant, name);
      return (ctx) => {
        const value = source(ctx);
        if (value === null) return null;
        const text = toText(value, "source");
        if (culture === undefined) return invariant(text);
        const name = toText(culture(ctx), "culture");
        if (name === "") return invariant(text);
        try {
          return cultural(text, name);
        } catch {
          throw new ExpressionEvaluationError(
            `Expected a culture name such as en-US, got ${JSON.stringify(name)}`,
          );
        }
      };
    },
  };
}

function checkCulture(site: CompileSite, culture: string, fn: string): void {
  if (culture === "") return;
  try {
    Intl.getCanonicalLocales(culture);
  } catch {
    throw site.error(`Expected a culture name such as en-US for ${fn}, got ${JSON.stringify(culture)}`, 1);
  }
}

export const textFunctions: Readonly<Record<string, FunctionSpec>> = {
  /** Null parts count as ""; both null gives no value. */
  Append: {
    params: ["source", "suffix"],
    minArgs: 2,
    maxArgs: 2,
    compile(site) {
      const source = site.required(0);
      const suffix = site.required(1);
      return (ctx) => {
        const a = source(ctx);
        const b = suffix(ctx);
        if (a === null && b === null) return null;
        return toText(a, "source") + toText(b, "suffix");
      };
    },
  },
  ConvertToBase64: stringTransform("source", (s) => Buffer.from(s, "utf16le").toString("base64")),
  ConvertToUTF8Hex: stringTransform("source", (s) => Buffer.from(s, "utf8").toString("hex").toUpperCase()),
  CStr: stringTransform("value", (s) => s),
  NormalizeDiacritics: stringTransform("source", normalizeDiacritics),
  StripSpaces: stringTransform("source", (s) => s.replaceAll(" ", "")),
  ToLower: caseTransform(
    "ToLower",
    (s) => s.toLowerCase(),
    (s, c) => s.toLocaleLowerCase(c),
  ),
  ToUpper: caseTransform(
    "ToUpper",
    (s) => s.toUpperCase(),
    (s, c) => s.toLocaleUpperCase(c),
  ),
  PCase: {
    params: ["source", "wordSeparators"],
    minArgs: 1,
    maxArgs: 2,
    compile(site) {
      const source = site.required(0);
      const separators = site.optional(1);
      return (ctx) => {
        const value = source(ctx);
        if (value === null) return null;
        const text = toText(value, "source");
        return properCase(
          text,
          separators === undefined ? undefined : toText(separators(ctx), "wordSeparators"),
        );
      };
    },
  },
  /** The value passes through; the compiled expression is marked so logs show [Redact]. */
  Redact: {
    params: ["attributeOrValue"],
    minArgs: 1,
    maxArgs: 1,
    compile: (site) => site.required(0),
  },
  /** NumChars 0 → ""; < 0 or past the end → the whole string; null → "". */
  Left: {
    params: ["String", "NumChars"],
    minArgs: 2,
    maxArgs: 2,
    compile(site) {
      const source = site.required(0);
      const count = site.required(1);
      return (ctx) => {
        const text = toText(source(ctx), "String");
        const n = toInteger(count(ctx), "NumChars");
        return n < 0 ? text : text.slice(0, n);
      };
    },
  },
  /** 1-based start; a length running past the end stops at the end; start past the end → ""; null → "". */
  Mid: {
    params: ["source", "start", "length"],
    minArgs: 3,
    maxArgs: 3,
    compile(site) {
      const source = site.required(0);
      const start = site.required(1);
      const length = site.required(2);
      return (ctx) => {
        const text = toText(source(ctx), "source");
        const from = toInteger(start(ctx), "start");
        const n = toInteger(length(ctx), "length");
        if (from < 1) throw new ExpressionEvaluationError(`Expected Mid start to be 1 or more, got ${from}`);
        if (n < 0) throw new ExpressionEvaluationError(`Expected Mid length to be 0 or more, got ${n}`);
        // Positions count UTF-16 code units, as .NET strings do.
        return text.slice(from - 1, from - 1 + n);
      };
    },
  },
  /**
   * The n-th word (1-based); every character of Delimiters separates, and runs of delimiters count as
   * one. Number < 1 or too few words → ""; null → "".
   */
  Word: {
    params: ["String", "WordNumber", "Delimiters"],
    minArgs: 3,
    maxArgs: 3,
    compile(site) {
      const source = site.required(0);
      const number = site.required(1);
      const delimiters = site.required(2);
      return (ctx) => {
        const text = toText(source(ctx), "String");
        const n = toInteger(number(ctx), "WordNumber");
        const separators = toText(delimiters(ctx), "Delimiters");
        if (n < 1) return "";
        let word = "";
        let index = 0;
        for (const c of text) {
          if (separators.includes(c)) {
            if (word !== "" && ++index === n) return word;
            word = "";
          } else {
            word += c;
          }
        }
        return word !== "" && index + 1 === n ? word : "";
      };
    },
  },
  /**
   * 1-based position of value2 in value1 at or after `start` (default 1), 0 when absent.
   * compareType: vbBinaryCompare (0, default, case-sensitive) or vbTextCompare (1, case-insensitive).
   */
  InStr: {
    params: ["value1", "value2", "start", "compareType"],
    minArgs: 2,
    maxArgs: 4,
    compile(site) {
      const haystack = site.required(0);
      const needle = site.required(1);
      const start = site.optional(2);
      const compare = site.optional(3);
      return (ctx) => {
        let text = toText(haystack(ctx), "value1");
        let find = toText(needle(ctx), "value2");
        const from = start === undefined ? 1 : toInteger(start(ctx), "start");
        if (from < 1)
          throw new ExpressionEvaluationError(`Expected InStr start to be 1 or more, got ${from}`);
        if (compare !== undefined && compareMode(compare(ctx)) === 1) {
          text = text.toLowerCase();
          find = find.toLowerCase();
        }
        return text.indexOf(find, from - 1) + 1;
      };
    },
  },
  /** Null and "" sources are left out; multi-valued sources contribute every value. */
  Join: {
    params: ["separator", "source"],
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    compile(site) {
      const separator = site.required(0);
      const sources: Evaluator[] = [];
      for (let i = 1; i < site.argCount; i++) sources.push(site.required(i));
      return (ctx) => {
        const parts: string[] = [];
        for (const source of sources) addParts(parts, source(ctx));
        return parts.join(toText(separator(ctx), "separator"));
      };
    },
  },
};

function addParts(parts: string[], value: Val): void {
  if (Array.isArray(value)) {
    for (const item of value) addParts(parts, item);
    return;
  }
  const text = toText(value, "a Join source");
  if (text !== "") parts.push(text);
}

/** vbBinaryCompare = 0, vbTextCompare = 1 (also accepted as those names in a string). */
function compareMode(value: Val): 0 | 1 {
  const s = single(value, "compareType");
  if (s === 0 || s === "0" || s === "vbBinaryCompare") return 0;
  if (s === 1 || s === "1" || s === "vbTextCompare") return 1;
  throw new ExpressionEvaluationError(
    `Expected compareType vbBinaryCompare or vbTextCompare, got ${JSON.stringify(s)}`,
  );
}
