import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../src/domain/errors.js";

describe("docs/errors.md", () => {
  it("documents exactly the error codes the engine can log", () => {
    const text = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
    const documented = [...text.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...errorCodes].sort());
  });
});
