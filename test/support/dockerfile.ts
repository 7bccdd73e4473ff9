/**
 * Just enough of the Dockerfile syntax to test what an image runs without a Docker engine: instructions
 * with their continuation lines joined and comments dropped, exec-form (JSON array) arguments, `ENV` pairs
 * and `HEALTHCHECK` options. A form this does not read is an error, never a silent guess.
 */
export interface Instruction {
  /** Upper case: `FROM`, `ENV`, `CMD`… */
  readonly keyword: string;
  readonly args: string;
}

/** The instructions of the last stage (from its `FROM` on): the image `docker build` produces. */
export function finalStage(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = "";
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line)) continue;
    const joined = pending + line;
    if (joined.endsWith("\\")) {
      pending = `${joined.slice(0, -1)} `;
      continue;
    }
    pending = "";
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(joined);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim() });
  }
  const from = instructions.map((i) => i.keyword).lastIndexOf("FROM");
  if (from < 0) throw new Error("Expected a FROM instruction in the Dockerfile, got none");
  return instructions.slice(from);
}

/** Every instruction of `keyword` in order. */
export const all = (stage: readonly Instruction[], keyword: string): string[] =>
  stage.filter((i) => i.keyword === keyword).map((i) => i.args);

/** The one that takes effect (the last), e.g. of `CMD`, `USER`, `WORKDIR`. */
export function last(stage: readonly Instruction[], keyword: string): string {
  const found = all(stage, keyword).at(-1);
  if (found === undefined) throw new Error(`Expected a ${keyword} instruction, got none`);
  return found;
}

/** `["node", "x.js"]` → its strings; the shell form is refused (it would run under /bin/sh -c). */
export function execForm(args: string): string[] {
  const parsed: unknown = args.startsWith("[") ? JSON.parse(args) : undefined;
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string"))
    throw new Error(`Expected the exec form (a JSON array of strings), got ${args}`);
  return parsed;
}

/** The environment the stage's `ENV KEY=value …` instructions set (unquoted values only). */
export function envOf(stage: readonly Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of all(stage, "ENV")) {
    for (const pair of args.split(/\s+/)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=([^"'\s]*)$/.exec(pair);
      if (!match) throw new Error(`Expected ENV KEY=value pairs without quotes, got ${args}`);
      env[match[1]!] = match[2]!;
    }
  }
  return env;
}

/** `HEALTHCHECK --interval=30s … CMD [...]` → its options and the command it runs. */
export function healthcheck(stage: readonly Instruction[]): {
  readonly options: Record<string, string>;
  readonly command: string[];
} {
  const args = last(stage, "HEALTHCHECK");
  const match = /^((?:--[a-z-]+=\S+\s+)*)CMD\s+(\[.*\])$/.exec(args);
  if (!match) throw new Error(`Expected HEALTHCHECK [--option=value…] CMD [exec form], got ${args}`);
  const options = Object.fromEntries(
    match[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((o) => o.slice(2).split("=") as [string, string]),
  );
  return { options, command: execForm(match[2]!) };
}
