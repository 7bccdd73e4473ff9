import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigurationDocs } from "../../src/config/config-docs.js";

describe("docs/configuration.md", () => {
  it("is what the config schema generates (run `npm run docs:config` after changing the schema)", () => {
    const committed = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
    expect(committed).toBe(renderConfigurationDocs());
  });

  it("documents every key with its default, e.g. Entra's 40-minute schedule and the deletion threshold", () => {
    const docs = renderConfigurationDocs();
    expect(docs).toContain('| `jobs[].schedule` | object \\| object | `{"interval":"PT40M"}` |');
    expect(docs).toContain("| `jobs[].deletionThreshold` | integer | `500` |");
    expect(docs).toContain("| `source.graph.clientSecret` | string |  | yes |");
  });
});
