/**
 * Translates a .NET regular expression into an equivalent JavaScript one (always with the `u` flag, so
 * Unicode classes and case folding behave like .NET). What changes:
 * - `\d`, `\w` become Unicode classes (.NET's are Unicode; JavaScript's are ASCII);
 * - `$` (without the m option) and `\Z` also match before a final `\n`; `\A`, `\z` become lookarounds;
 *   `.` excludes only `\n`;
 * - .NET numbers unnamed groups before named ones; back-references and `$n` substitutions are renumbered;
 * - identity escapes such as `\@` lose their backslash; a `{` that is not a quantifier is literal;
 * - leading inline options `(?imnsx)` become flags or are applied during translation.
 * Unsupported (rejected with an error naming the construct): atomic groups, conditionals, balancing
 * groups, `\G`, inline options other than at the start or with `-`, named blocks (`\p{IsGreek}`), class
 * subtraction, `\W` inside a class, duplicate or numeric group names.
 */
export interface DotNetRegex {
  /** The .NET pattern as given. */
  readonly pattern: string;
  /** The JavaScript source and flags (no `g`/`d`; users add them). */
  readonly source: string;
  readonly flags: string;
  /** .NET group number (0 = whole match) → JavaScript group index. */
  readonly groupIndexByNumber: ReadonlyMap<number, number>;
  /** Group name → JavaScript group index. */
  readonly groupIndexByName: ReadonlyMap<string, number>;
  /** Highest .NET group number. */
  readonly lastGroupNumber: number;
}

const GENERAL_CATEGORIES = new Set(
  "L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn".split(
    " ",
  ),
);
const WORD_CLASS_BODY = "\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}";
/** Characters that must stay escaped under the `u` flag. */
const SYNTAX_CHARS = "^$\\.*+?()[]{}|/";
const END_OF_INPUT = "(?![\\s\\S])";

interface Group {
  readonly name: string | null;
  readonly jsIndex: number;
}

export function translateDotNetRegex(pattern: string): DotNetRegex {
  return new Translator(pattern).run();
}

/** Compiles, adding the given extra flags (`g`, `d`) to the translated ones. */
export function compileDotNetRegex(translated: DotNetRegex, extraFlags = ""): RegExp {
  return new RegExp(translated.source, translated.flags + extraFlags);
}

class Translator {
  private options = { i: false, m: false, n: false, s: false, x: false };
  private body = 0;
  private readonly groups: Group[] = [];
  private numbers = new Map<number, number>();
  private names = new Map<string, number>();

  constructor(private readonly pattern: string) {}

  private fail(what: string, at: number): never {
    throw new Error(
      `Expected a .NET regular expression without ${what}, got ${JSON.stringify(this.pattern)} (at character ${at + 1})`,
    );
  }

  private invalid(reason: string): never {
    throw new Error(`Expected a valid regular expression, got ${JSON.stringify(this.pattern)}: ${reason}`);
  }

  run(): DotNetRegex {
    this.readLeadingOptions();
    this.collectGroups();
    const source = this.translate();
    const flags = `u${this.options.i ? "i" : ""}${this.options.m ? "m" : ""}`;
    try {
      new RegExp(source, flags);
    } catch (error) {
      this.invalid((error as Error).message);
    }
    let last = 0;
    for (const n of this.numbers.keys()) last = Math.max(last, n);
    return {
      pattern: this.pattern,
      source,
      flags,
      groupIndexByNumber: this.numbers,
      groupIndexByName: this.names,
      lastGroupNumber: last,
    };
  }

  /** `(?imnsx)` groups at the very start turn options on for the whole pattern. */
  private readLeadingOptions(): void {
    const leading = /^\(\?([imnsx]+)\)/;
    for (;;) {
      const m = leading.exec(this.pattern.slice(this.body));
      if (m === null) return;
      for (const c of m[1] as string) this.options[c as keyof typeof this.options] = true;
      this.body += m[0].length;
    }
  }

  /** Pass 1: find capturing groups to build .NET's numbering (unnamed first, then named). */
  private collectGroups(): void {
    const p = this.pattern;
    const found: { name: string | null }[] = [];
    let inClass = false;
    for (let i = this.body; i < p.length; i++) {
      const c = p[i];
      if (c === "\\") {
        i++;
      } else if (inClass) {
        if (c === "]") inClass = false;
      } else if (c === "[") {
        inClass = true;
        if (p[i + 1] === "^") i++;
        if (p[i + 1] === "]") i++;
      } else if (this.options.x && c === "#") {
        while (i < p.length && p[i] !== "\n") i++;
      } else if (c === "(") {
        if (p[i + 1] !== "?") {
          if (!this.options.n) found.push({ name: null });
        } else {
          const named = /^\(\?(?:<([^>=!]*)>|'([^']*)')/.exec(p.slice(i));
          if (named) found.push({ name: (named[1] ?? named[2]) as string });
          else if (p.startsWith("(?#", i)) i = p.indexOf(")", i) < 0 ? p.length : p.indexOf(")", i);
        }
      }
    }
    let unnamed = 0;
    found.forEach((group, index) => {
      const jsIndex = index + 1;
      this.groups.push({ name: group.name, jsIndex });
      if (group.name === null) this.numbers.set(++unnamed, jsIndex);
    });
    let next = unnamed;
    for (const group of this.groups) {
      if (group.name === null) continue;
      if (group.name.includes("-")) this.fail("balancing groups (?<a-b>…)", 0);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(group.name)) {
        this.fail(`the group name ${JSON.stringify(group.name)} (names must start with a letter or _)`, 0);
      }
      if (this.names.has(group.name)) this.fail(`a repeated group name ${group.name}`, 0);
      this.names.set(group.name, group.jsIndex);
      this.numbers.set(++next, group.jsIndex);
    }
    this.numbers.set(0, 0);
  }

  /** Pass 2: emit the JavaScript source. */
  private translate(): string {
    const p = this.pattern;
    let out = "";
    let i = this.body;
    while (i < p.length) {
      const c = p[i] as string;
      if (c === "\\") {
        const [text, next] = this.escape(i, false);
        out += text;
        i = next;
      } else if (c === "[") {
        const [text, next] = this.charClass(i);
        out += text;
        i = next;
      } else if (c === "(") {
        const [text, next] = this.openGroup(i);
        out += text;
        i = next;
      } else if (c === "$") {
        out += this.options.m ? "$" : `(?=\\n?${END_OF_INPUT})`;
        i++;
      } else if (c === ".") {
        out += this.options.s ? "[\\s\\S]" : "[^\\n]";
        i++;
      } else if (c === "{") {
        const quantifier = /^\{\d+(?:,\d*)?\}/.exec(p.slice(i));
        out += quantifier ? quantifier[0] : "\\{";
        i += quantifier ? quantifier[0].length : 1;
      } else if (c === "}" || c === "]") {
        out += `\\${c}`;
        i++;
      } else if (this.options.x && /\s/.test(c)) {
        i++;
      } else if (this.options.x && c === "#") {
        while (i < p.length && p[i] !== "\n") i++;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  private openGroup(i: number): [string, number] {
    const p = this.pattern;
    if (p[i + 1] !== "?") return [this.options.n ? "(?:" : "(", i + 1];
    const rest = p.slice(i);
    if (rest.startsWith("(?#")) {
      const close = p.indexOf(")", i);
      if (close < 0) this.invalid("unterminated (?#…) comment");
      return ["", close + 1];
    }
    for (const prefix of ["(?:", "(?=", "(?!", "(?<=", "(?<!"]) {
      if (rest.startsWith(prefix)) return [prefix, i + prefix.length];
    }
    const named = /^\(\?(?:<([^>]*)>|'([^']*)')/.exec(rest);
    if (named) {
      const name = (named[1] ?? named[2]) as string;
      if (name.includes("-")) this.fail("balancing groups (?<a-b>…)", i);
      return [`(?<${name}>`, i + named[0].length];
    }
    if (rest.startsWith("(?>")) this.fail("atomic groups (?>…)", i);
    if (rest.startsWith("(?(")) this.fail("conditionals (?(…)…)", i);
    if (/^\(\?[imnsx-]+[:)]/.test(rest)) this.fail("inline options other than a leading (?imnsx)", i);
    return this.invalid(`unrecognized group construct at character ${i + 1}`);
  }

  /** `\…` at `i`; returns the translation and the index after the escape. */
  private escape(i: number, inClass: boolean): [string, number] {
    const p = this.pattern;
    const c = p[i + 1];
    if (c === undefined) this.invalid("a pattern cannot end with \\");
    const next = i + 2;
    switch (c) {
      case "d":
        return ["\\p{Nd}", next];
      case "D":
        return ["\\P{Nd}", next];
      case "w":
        return [inClass ? WORD_CLASS_BODY : `[${WORD_CLASS_BODY}]`, next];
      case "W":
        if (inClass) this.fail("\\W inside a [] class", i);
        return [`[^${WORD_CLASS_BODY}]`, next];
      case "s":
      case "S":
      case "t":
      case "n":
      case "r":
      case "f":
      case "v":
        return [`\\${c}`, next];
      case "b":
        return [inClass ? "\\x08" : "\\b", next];
      case "B":
        if (inClass) this.invalid("\\B is not allowed inside a [] class");
        return ["\\B", next];
      case "e":
        return ["\\x1B", next];
      case "a":
        return ["\\x07", next];
      case "A":
      case "z":
      case "Z":
      case "G":
        if (inClass) this.invalid(`\\${c} is not allowed inside a [] class`);
        if (c === "G") this.fail("\\G (contiguous matches)", i);
        return [c === "A" ? "(?<![\\s\\S])" : c === "z" ? END_OF_INPUT : `(?=\\n?${END_OF_INPUT})`, next];
      case "x": {
        const hex = /^[0-9A-Fa-f]{2}/.exec(p.slice(next));
        if (!hex) this.invalid(`\\x needs two hex digits at character ${i + 1}`);
        return [`\\x${hex[0]}`, next + 2];
      }
      case "u": {
        const hex = /^[0-9A-Fa-f]{4}/.exec(p.slice(next));
        if (!hex) this.invalid(`\\u needs four hex digits at character ${i + 1}`);
        return [`\\u${hex[0]}`, next + 4];
      }
      case "c": {
        const letter = p[next];
        if (letter === undefined || !/[A-Za-z]/.test(letter))
          this.invalid(`\\c needs a letter at character ${i + 1}`);
        return [`\\c${letter}`, next + 1];
      }
      case "p":
      case "P": {
        const m = /^\{([^}]*)\}/.exec(p.slice(next));
        if (!m) this.invalid(`\\${c} needs {category} at character ${i + 1}`);
        if (!GENERAL_CATEGORIES.has(m[1] as string)) this.fail(`the Unicode block or category ${m[1]}`, i);
        return [`\\${c}{${m[1]}}`, next + m[0].length];
      }
      case "k": {
        if (inClass) return ["k", next];
        const m = /^(?:<([^>]*)>|'([^']*)')/.exec(p.slice(next));
        if (!m) this.invalid(`\\k needs <name> at character ${i + 1}`);
        const name = (m[1] ?? m[2]) as string;
        const index = /^\d+$/.test(name) ? this.numbers.get(Number(name)) : this.names.get(name);
        if (index === undefined) this.invalid(`reference to undefined group ${name}`);
        return [`(?:\\${index})`, next + m[0].length];
      }
      default:
        break;
    }
    if (c === "0") {
      const octal = /^[0-7]{0,2}/.exec(p.slice(next))?.[0] ?? "";
      return [`\\x${Number.parseInt(`0${octal}`, 8).toString(16).padStart(2, "0")}`, next + octal.length];
    }
    if (c >= "1" && c <= "9") {
      if (inClass) this.invalid(`a back-reference cannot appear inside a [] class (at character ${i + 1})`);
      const digits = /^\d+/.exec(p.slice(i + 1))?.[0] ?? c;
      const index = this.numbers.get(Number(digits));
      if (index === undefined) this.invalid(`reference to undefined group number ${digits}`);
      return [`(?:\\${index})`, i + 1 + digits.length];
    }
    if (/[A-Za-z0-9_]/.test(c)) this.invalid(`unrecognized escape sequence \\${c}`);
    const keep = inClass ? `${SYNTAX_CHARS}-` : SYNTAX_CHARS;
    return [keep.includes(c) ? `\\${c}` : c, next];
  }

  /** A `[…]` class starting at `i`. */
  private charClass(i: number): [string, number] {
    const p = this.pattern;
    let out = "[";
    let j = i + 1;
    if (p[j] === "^") {
      out += "^";
      j++;
    }
    if (p[j] === "]") {
      out += "\\]";
      j++;
    }
    while (j < p.length && p[j] !== "]") {
      const c = p[j] as string;
      if (c === "\\") {
        const [text, next] = this.escape(j, true);
        out += text;
        j = next;
      } else if (c === "-" && p[j + 1] === "[") {
        this.fail("character class subtraction [a-z-[aeiou]]", j);
      } else {
        out += c === "[" ? "\\[" : c;
        j++;
      }
    }
    if (j >= p.length) this.invalid("unterminated [] set");
    return [`${out}]`, j + 1];
  }
}
