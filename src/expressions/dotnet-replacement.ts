import type { DotNetRegex } from "./dotnet-regex.js";

/** One piece of a .NET replacement pattern. */
type Piece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "group"; readonly jsIndex: number }
  | { readonly kind: "before" | "after" | "input" };

/**
 * A compiled .NET substitution pattern (`$1`, `${name}`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`),
 * expanded per match without JavaScript's own `$` rules. Like .NET, a reference to a group that does not
 * exist stays as literal text, and `$12` means group 12 only if it exists (else group 1 and "2").
 */
export type Replacement = (match: RegExpExecArray, input: string) => string;

export function compileReplacement(template: string, regex: DotNetRegex): Replacement {
  const pieces: Piece[] = [];
  const text = (t: string): void => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === "text") pieces[pieces.length - 1] = { kind: "text", text: last.text + t };
    else pieces.push({ kind: "text", text: t });
  };
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    if (c !== "$" || i + 1 >= template.length) {
      text(c);
      i++;
      continue;
    }
    const next = template[i + 1] as string;
    const named = /^\{([^}]*)\}/.exec(template.slice(i + 1));
    if (next === "$") {
      text("$");
      i += 2;
    } else if (next === "&") {
      pieces.push({ kind: "group", jsIndex: 0 });
      i += 2;
    } else if (next === "`" || next === "'" || next === "_") {
      pieces.push({ kind: next === "`" ? "before" : next === "'" ? "after" : "input" });
      i += 2;
    } else if (next === "+") {
      pieces.push({ kind: "group", jsIndex: regex.groupIndexByNumber.get(regex.lastGroupNumber) ?? 0 });
      i += 2;
    } else if (named) {
      const key = named[1] as string;
      const index = /^\d+$/.test(key)
        ? regex.groupIndexByNumber.get(Number(key))
        : regex.groupIndexByName.get(key);
      if (index === undefined) text(`$${named[0]}`);
      else pieces.push({ kind: "group", jsIndex: index });
      i += 1 + named[0].length;
    } else if (next >= "0" && next <= "9") {
      let digits = /^\d+/.exec(template.slice(i + 1))?.[0] ?? next;
      while (digits.length > 0 && !regex.groupIndexByNumber.has(Number(digits))) digits = digits.slice(0, -1);
      if (digits === "") {
        text("$");
        i++;
      } else {
        pieces.push({ kind: "group", jsIndex: regex.groupIndexByNumber.get(Number(digits)) as number });
        i += 1 + digits.length;
      }
    } else {
      text("$");
      i++;
    }
  }
  return (match, input) => {
    let out = "";
    for (const piece of pieces) {
      switch (piece.kind) {
        case "text":
          out += piece.text;
          break;
        case "group":
          out += match[piece.jsIndex] ?? "";
          break;
        case "before":
          out += input.slice(0, match.index);
          break;
        case "after":
          out += input.slice(match.index + (match[0] ?? "").length);
          break;
        case "input":
          out += input;
          break;
        default: {
          const unreachable: never = piece;
          return unreachable;
        }
      }
    }
    return out;
  };
}
