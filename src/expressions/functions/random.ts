import { ExpressionEvaluationError } from "../errors.js";
import { toInteger, toText } from "../values.js";
import type { FunctionSpec } from "./spec.js";

/** Character classes of the Windows password-complexity rules. */
const DIGITS = "0123456789";
const SPECIALS = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";
const CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWERS = "abcdefghijklmnopqrstuvwxyz";
const MAX_RANDOM_LENGTH = 256;

/** A uniformly chosen index below `n` from a [0,1) source. */
const pick = (random: () => number, n: number): number => Math.min(n - 1, Math.floor(random() * n));

/** Version-4 GUID, lower case with hyphens, from the injected random source. */
function randomGuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => pick(random, 256));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface RandomStringRule {
  readonly length: number;
  readonly minNumbers: number;
  readonly minSpecial: number;
  readonly minCapital: number;
  readonly minLower: number;
  readonly avoid: string;
}

/**
 * A string of `length` characters with at least the required count from each class, the rest drawn from
 * all classes, shuffled; characters in `avoid` never appear.
 */
function randomString(rule: RandomStringRule, random: () => number): string {
  const without = (chars: string): string => [...chars].filter((c) => !rule.avoid.includes(c)).join("");
  const classes = [
    { chars: without(DIGITS), min: rule.minNumbers, name: "numbers" },
    { chars: without(SPECIALS), min: rule.minSpecial, name: "special characters" },
    { chars: without(CAPITALS), min: rule.minCapital, name: "capitals" },
    { chars: without(LOWERS), min: rule.minLower, name: "lower-case letters" },
  ];
  const required = classes.reduce((sum, c) => sum + c.min, 0);
  if (rule.length < 1 || rule.length > MAX_RANDOM_LENGTH || required > rule.length) {
    throw new ExpressionEvaluationError(
      `Expected a RandomString length between 1 and ${MAX_RANDOM_LENGTH} and at least the sum of the minimums (${required}), got ${rule.length}`,
    );
  }
  const out: string[] = [];
  for (const c of classes) {
    if (c.min < 0)
      throw new ExpressionEvaluationError(`Expected a minimum count of ${c.name} of 0 or more, got ${c.min}`);
    if (c.min > 0 && c.chars === "") {
      throw new ExpressionEvaluationError(`Expected some ${c.name} left after CharactersToAvoid, got none`);
    }
    for (let i = 0; i < c.min; i++) out.push(c.chars[pick(random, c.chars.length)] as string);
  }
  const all = classes.map((c) => c.chars).join("");
  if (all === "")
    throw new ExpressionEvaluationError("Expected some characters left after CharactersToAvoid, got none");
  while (out.length < rule.length) out.push(all[pick(random, all.length)] as string);
  for (let i = out.length - 1; i > 0; i--) {
    const j = pick(random, i + 1);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out.join("");
}

export const randomFunctions: Readonly<Record<string, FunctionSpec>> = {
  Guid: {
    params: [],
    minArgs: 0,
    maxArgs: 0,
    compile: () => (ctx) => randomGuid(ctx.random),
  },
  RandomString: {
    params: [
      "Length",
      "MinimumNumbers",
      "MinimumSpecialCharacters",
      "MinimumCapital",
      "MinimumLowerCase",
      "CharactersToAvoid",
    ],
    minArgs: 5,
    maxArgs: 6,
    compile(site) {
      const length = site.required(0);
      const numbers = site.required(1);
      const special = site.required(2);
      const capital = site.required(3);
      const lower = site.required(4);
      const avoid = site.optional(5);
      return (ctx) =>
        randomString(
          {
            length: toInteger(length(ctx), "Length"),
            minNumbers: toInteger(numbers(ctx), "MinimumNumbers"),
            minSpecial: toInteger(special(ctx), "MinimumSpecialCharacters"),
            minCapital: toInteger(capital(ctx), "MinimumCapital"),
            minLower: toInteger(lower(ctx), "MinimumLowerCase"),
            avoid: avoid === undefined ? "" : toText(avoid(ctx), "CharactersToAvoid"),
          },
          ctx.random,
        );
    },
  },
};
