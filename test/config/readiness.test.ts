import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInit } from "../../src/cli/commands/init.js";
import { loadAppTemplates } from "../../src/config/app-template.js";
import { parseConfig } from "../../src/config/load-config.js";
import { MINIMAL_CONFIG } from "../support/config-texts.js";
import { tempDirs } from "../support/temp-dirs.js";

const templates = loadAppTemplates();
const tempDir = tempDirs("readiness");

const filled = MINIMAL_CONFIG.replace("scim.example.test", "scim.app.test").concat(`    notifications:
      webhooks:
        - { url: "https://hooks.app.test/notify", authorization: "env:HOOK_AUTH" }
`);

/** A config directory whose file secret exists, and an environment that holds the env secrets. */
function readyDir(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  mkdirSync(join(dir, "secrets"));
  writeFileSync(join(dir, "secrets", "scim-token"), "t0ken-value\n");
  return { dir, env: { ENTRA_CLIENT_SECRET: "client-secret-value", HOOK_AUTH: "Bearer hook-value" } };
}

const problemsOf = (text: string, dir: string, env?: NodeJS.ProcessEnv) => {
  const result = parseConfig(
    text,
    join(dir, "entra-sync.yaml"),
    templates,
    process.env,
    env ? { secretsFrom: env } : {},
  );
  return result.ok ? [] : result.diagnostics.map((d) => `${d.path} (line ${d.line}): ${d.message}`);
};

describe("the unfilled starter config", () => {
  it("is refused with one problem per placeholder, each saying what to fill in and where Entra shows it", () => {
    const dir = tempDir();
    const out = join(dir, "entra-sync.yaml");
    runInit({ app: "documo", out });
    const result = parseConfig(readFileSync(out, "utf8"), out, templates, process.env, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => `${d.path} (line ${d.line}): ${d.message}`)).toEqual([
      "source.graph.tenantId (line 9): Expected a real id, got the all-zero placeholder: tenantId is the Directory (tenant) ID (Entra admin center → Overview, or App registrations → your app → Overview)",
      "source.graph.clientId (line 12): Expected a real id, got the all-zero placeholder: clientId is the app registration's Application (client) ID (App registrations → your app → Overview)",
      "source.graph.servicePrincipalId (line 17): Expected a real id, got the all-zero placeholder: servicePrincipalId is the enterprise app's Object ID (Enterprise applications → your app → Overview), not its Application ID",
      `jobs[0].target.url (line 25): Expected the app's SCIM base URL (Entra's "Tenant URL"), got the placeholder https://scim.example.com/scim: the app's own SCIM provisioning settings show it (${templates.get("documo")?.documentation})`,
    ]);
  });

  it("passes once every placeholder is filled in", () => {
    const { dir, env } = readyDir();
    expect(problemsOf(filled, dir, env)).toEqual([]);
  });

  it("refuses an example.com webhook", () => {
    const { dir, env } = readyDir();
    const text = filled.replace("hooks.app.test", "hooks.example.org");
    expect(problemsOf(text, dir, env)).toEqual([
      "jobs[0].notifications.webhooks[0].url (line 16): Expected the URL quarantine notices are POSTed to, got the placeholder https://hooks.example.org/notify",
    ]);
  });
});

describe("secret references", () => {
  it("that cannot be resolved are each named by their reference, never by a value", () => {
    const { dir } = readyDir();
    const problems = problemsOf(filled.replace("secrets/scim-token", "secrets/missing"), dir, {
      ENTRA_CLIENT_SECRET: "",
      HOOK_AUTH: "Bearer hook-value",
    });
    expect(problems).toEqual([
      "source.graph.clientSecret (line 6): env:ENTRA_CLIENT_SECRET cannot be resolved: Expected environment variable ENTRA_CLIENT_SECRET to hold a secret, got nothing",
      `jobs[0].target.token (line 13): file:secrets/missing cannot be resolved: Expected a readable secret file at ${join(dir, "secrets", "missing")}, got ENOENT`,
    ]);
    expect(problems.join("\n")).not.toContain("hook-value");
  });

  it("report an unset variable and a path that cannot be read as a file", () => {
    const { dir } = readyDir();
    const problems = problemsOf(filled.replace("secrets/scim-token", "secrets"), dir, {
      ENTRA_CLIENT_SECRET: "client-secret-value",
    });
    expect(problems).toEqual([
      `jobs[0].target.token (line 13): file:secrets cannot be resolved: Expected a readable secret file at ${join(dir, "secrets")}, got EISDIR`,
      "jobs[0].notifications.webhooks[0].authorization (line 16): env:HOOK_AUTH cannot be resolved: Expected environment variable HOOK_AUTH to hold a secret, got nothing",
    ]);
  });

  it("are not checked when no environment is given (validate --no-secrets)", () => {
    const dir = tempDir();
    expect(problemsOf(filled, dir)).toEqual([]);
  });
});
