import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/cli/cli-context.js";
import { initCommand, runInit } from "../../src/cli/commands/init.js";
import { loadAppTemplates } from "../../src/config/app-template.js";
import { parseConfig } from "../../src/config/load-config.js";

const templates = loadAppTemplates();
const freshPath = () => join(mkdtempSync(join(tmpdir(), "entra-sync-init-")), "entra-sync.yaml");

describe("entra-sync init", () => {
  it.each([...templates.keys()])(
    "writes a %s starter config that passes the schema and holds only secret references",
    (app) => {
      const out = freshPath();
      runInit({ app, out });
      const text = readFileSync(out, "utf8");
      const result = parseConfig(text, out);
      expect(result.ok ? [] : result.diagnostics).toEqual([]);
      if (!result.ok) return;
      const job = result.loaded.jobs[0]!;
      expect(job.template.name).toBe(app);
      expect(job.groups !== null).toBe(templates.get(app)!.groups !== undefined);
      expect(result.loaded.config.source.graph.clientSecret).toEqual({
        kind: "env",
        name: "ENTRA_CLIENT_SECRET",
      });
      expect(job.config.target.token.kind).toBe("env");
      const secretLines = text.split("\n").filter((line) => /^\s*(clientSecret|token):/.test(line));
      expect(secretLines.map((line) => line.split(":").slice(1).join(":").trim().startsWith("env:"))).toEqual(
        [true, true],
      );
      expect(text).toContain("# FILL IN: the Directory (tenant) id");
    },
  );

  it("refuses to overwrite an existing file and leaves it unchanged", () => {
    const out = freshPath();
    writeFileSync(out, "mine\n");
    expect(() => runInit({ app: "rfpio", out })).toThrowError(
      new UsageError(`Expected no file at ${out}, got an existing one; it is left unchanged`),
    );
    expect(readFileSync(out, "utf8")).toBe("mine\n");
  });

  it("refuses an unknown app, listing the templates, and writes nothing", () => {
    const out = freshPath();
    expect(() => runInit({ app: "nope", out })).toThrowError(
      `Expected one of the app templates (directprint-io, documo, generic-scim, maptician, plandisc, rfpio), got "nope"`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("is wired as `init --app NAME --out FILE` and says what to do next", async () => {
    const out = freshPath();
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      await initCommand.parseAsync(["--app", "documo", "--out", out], { from: "user" });
    } finally {
      write.mockRestore();
    }
    expect(readFileSync(out, "utf8")).toContain("app: documo");
    expect(printed.join("")).toBe(
      `Wrote ${out}: fill in the values marked FILL IN, then run entra-sync validate -c ${out}\n`,
    );
  });
});
