import { compileDotNetRegex, type DotNetRegex, translateDotNetRegex } from "../dotnet-regex.js";
import { compileReplacement, type Replacement } from "../dotnet-replacement.js";
import { ExpressionEvaluationError } from "../errors.js";
import type { EvalContext } from "../types.js";
import { type Evaluator, isNullOrEmpty, toText, type Val } from "../values.js";
import type { CompileSite, FunctionSpec } from "./spec.js";

const PARAMS = [
  "source",
  "oldValue",
  "regexPattern",
  "regexGroupName",
  "replacementValue",
  "replacementAttributeName",
  "template",
] as const;
const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

/** The five documented modes, each identified by exactly which optional parameters are supplied. */
const MODES = [
  { name: "literal", supplied: [OLD_VALUE, REPLACEMENT] },
  { name: "template", supplied: [OLD_VALUE, TEMPLATE] },
  { name: "regex", supplied: [PATTERN, REPLACEMENT] },
  { name: "regexGroup", supplied: [PATTERN, GROUP, REPLACEMENT] },
  { name: "regexGroupFromAttribute", supplied: [PATTERN, GROUP, REPLACEMENT_ATTRIBUTE] },
] as const;
type Mode = (typeof MODES)[number]["name"];

/** A regex, translated from .NET and compiled once (or once per distinct pattern when not constant). */
interface CompiledRegex {
  readonly translated: DotNetRegex;
  /** For scanning every match (`g`) with group positions (`d`). */
  readonly all: RegExp;
  /** For a single match. */
  readonly first: RegExp;
}

function compileRegex(pattern: string): CompiledRegex {
  const translated = translateDotNetRegex(pattern);
  return { translated, all: compileDotNetRegex(translated, "gd"), first: compileDotNetRegex(translated) };
}

/** The pattern argument: compiled now when it is a constant, else compiled at run time and remembered. */
function compilePattern(site: CompileSite): (ctx: EvalContext) => CompiledRegex {
  const constant = site.constantString(PATTERN);
  if (constant !== undefined) {
    const regex = constantRegex(site, constant);
    return () => regex;
  }
  const pattern = site.required(PATTERN);
  let last: { pattern: string; regex: CompiledRegex } | undefined;
  return (ctx) => {
    const text = toText(pattern(ctx), "regexPattern");
    if (last?.pattern !== text) {
      try {
        last = { pattern: text, regex: compileRegex(text) };
      } catch (error) {
        throw new ExpressionEvaluationError((error as Error).message);
      }
    }
    return last.regex;
  };
}

function constantRegex(site: CompileSite, pattern: string): CompiledRegex {
  try {
    return compileRegex(pattern);
  } catch (error) {
    throw site.error((error as Error).message, PATTERN);
  }
}

function groupIndex(regex: CompiledRegex, name: string): number {
  const index = /^\d+$/.test(name)
    ? regex.translated.groupIndexByNumber.get(Number(name))
    : regex.translated.groupIndexByName.get(name);
  if (index === undefined) {
    throw new ExpressionEvaluationError(
      `Expected regexGroupName to name a group of ${JSON.stringify(regex.translated.pattern)}, got ${JSON.stringify(name)}`,
    );
  }
  return index;
}

/** Replacement templates are usually constants: expand them once per regex, not per match. */
function replacementFor(value: Evaluator): (ctx: EvalContext, regex: CompiledRegex) => Replacement {
  let last: { text: string; regex: CompiledRegex; replacement: Replacement } | undefined;
  return (ctx, regex) => {
    const text = toText(value(ctx), PARAMS[REPLACEMENT]);
    if (last?.text !== text || last.regex !== regex)
      last = { text, regex, replacement: compileReplacement(text, regex.translated) };
    return last.replacement;
  };
}

/**
 * Replaces, in every match, the span of group `index` (0 = the whole match) by the expanded replacement.
 * Empty matches count (`[a-zA-Z_]*` on "john_doe72" leaves "72"), as in .NET.
 */
function replaceSpans(input: string, regex: RegExp, index: number, replacement: Replacement): string {
  let out = "";
  let position = 0;
  regex.lastIndex = 0;
  for (const match of input.matchAll(regex)) {
    const span = match.indices?.[index];
    if (span === undefined) continue;
    out += input.slice(position, span[0]) + replacement(match, input);
    position = span[1];
  }
  return out + input.slice(position);
}

function selectMode(site: CompileSite): Mode {
  const supplied = PARAMS.map((_, i) => i).filter((i) => i !== SOURCE && site.optional(i) !== undefined);
  const mode = MODES.find(
    (m) => m.supplied.length === supplied.length && m.supplied.every((i) => supplied.includes(i)),
  );
  if (mode === undefined) {
    const describe = (indexes: readonly number[]): string => indexes.map((i) => PARAMS[i] ?? "?").join(" + ");
    throw site.error(
      `Expected Replace(source, …) with one of ${MODES.map((m) => describe(m.supplied)).join("; ")}, got ${describe(supplied) || "no optional argument"}`,
    );
  }
  return mode.name;
}

/** Applies `fn` to the source text; a null source gives no value. */
const onSource =
  (source: Evaluator, fn: (text: string, ctx: EvalContext) => Val): Evaluator =>
  (ctx) => {
    const value = source(ctx);
    return value === null ? null : fn(toText(value, "source"), ctx);
  };

export const replaceFunction: FunctionSpec = {
  params: PARAMS,
  minArgs: 2,
  maxArgs: 7,
  compile(site) {
    const source = site.required(SOURCE);
    const mode = selectMode(site);
    switch (mode) {
      case "literal": {
        const oldValue = site.required(OLD_VALUE);
        const replacement = site.required(REPLACEMENT);
        // Literal, case-sensitive; an empty oldValue has nothing to find.
        return onSource(source, (text, ctx) => {
          const find = toText(oldValue(ctx), PARAMS[OLD_VALUE]);
          return find === "" ? text : text.split(find).join(toText(replacement(ctx), PARAMS[REPLACEMENT]));
        });
      }
      case "template": {
        const oldValue = site.required(OLD_VALUE);
        const template = site.required(TEMPLATE);
        return onSource(source, (text, ctx) => {
          const find = toText(oldValue(ctx), PARAMS[OLD_VALUE]);
          const shape = toText(template(ctx), PARAMS[TEMPLATE]);
          return find === "" ? shape : shape.split(find).join(text);
        });
      }
      case "regex":
      case "regexGroup": {
        const regex = compilePattern(site);
        const replacement = replacementFor(site.required(REPLACEMENT));
        const group = mode === "regexGroup" ? site.required(GROUP) : undefined;
        checkConstantGroup(site);
        return onSource(source, (text, ctx) => {
          const r = regex(ctx);
          const index = group === undefined ? 0 : groupIndex(r, toText(group(ctx), PARAMS[GROUP]));
          return replaceSpans(text, r.all, index, replacement(ctx, r));
        });
      }
      case "regexGroupFromAttribute": {
        const regex = compilePattern(site);
        const group = site.required(GROUP);
        const fallback = site.required(REPLACEMENT_ATTRIBUTE);
        checkConstantGroup(site);
        // The source wins when it has a value; otherwise the named group is taken from the other value.
        return (ctx) => {
          const value = source(ctx);
          if (!isNullOrEmpty(value)) return value;
          const other = fallback(ctx);
          if (other === null) return null;
          const r = regex(ctx);
          const match = r.first.exec(toText(other, PARAMS[REPLACEMENT_ATTRIBUTE]));
          return match?.[groupIndex(r, toText(group(ctx), PARAMS[GROUP]))] ?? null;
        };
      }
      default: {
        const unreachable: never = mode;
        return unreachable;
      }
    }
  },
};

/** With a constant pattern and group name, a misspelt group is reported when the mapping is compiled. */
function checkConstantGroup(site: CompileSite): void {
  const pattern = site.constantString(PATTERN);
  const name = site.constantString(GROUP);
  if (pattern === undefined || name === undefined) return;
  try {
    groupIndex(constantRegex(site, pattern), name);
  } catch (error) {
    throw site.error((error as Error).message, GROUP);
  }
}
