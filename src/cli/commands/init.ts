import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { type AppTemplate, loadAppTemplates } from "../../config/app-template.js";
import { UsageError } from "../cli-context.js";

export interface InitOptions {
  readonly app: string;
  readonly out: string;
}

/** A placeholder that parses (so `validate` can check the rest of the file) but is obviously not real. */
const PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";

/** `directprint-io` → `DIRECTPRINT_IO_SCIM_TOKEN`: one variable per app, so several jobs can share a shell. */
const tokenVariable = (template: AppTemplate) =>
  `${template.name.toUpperCase().replaceAll("-", "_")}_SCIM_TOKEN`;

function groupsSection(template: AppTemplate): string[] {
  if (!template.groups) {
    return [
      `    # ${template.displayName} has no group provisioning; assigned groups still bring their direct members`,
      "    # into scope.",
    ];
  }
  return [
    "    groups:",
    "      # false: provision users only (assigned groups still bring their members).",
    "      enabled: true",
  ];
}

/**
 * The starter configuration for one template: every value that must be filled in is marked FILL IN and is a
 * syntactically valid placeholder, and every secret is an `env:` reference, so the file can be validated,
 * committed and shared before anyone holds a credential.
 */
export function starterConfig(template: AppTemplate, out: string): string {
  const lines = [
    `# entra-sync configuration for ${template.displayName} (template "${template.name}"), written by entra-sync init.`,
    `# Replace every value marked FILL IN, then check the file: entra-sync validate -c ${out}`,
    "# Secrets never live in this file: they are references, env:NAME (an environment variable) or file:PATH.",
    ...(template.documentation
      ? [`# ${template.displayName}'s provisioning setup: ${template.documentation}`]
      : []),
    "",
    "source:",
    "  graph:",
    "    # FILL IN: the Directory (tenant) id of your Entra tenant.",
    `    tenantId: ${PLACEHOLDER_ID}`,
    "    # FILL IN: the Application (client) id of the app registration entra-sync signs in as. It needs the",
    "    # Graph application permissions User.Read.All, GroupMember.Read.All and Application.Read.All.",
    `    clientId: ${PLACEHOLDER_ID}`,
    "    # The app registration's client secret, read from this environment variable at run time.",
    "    clientSecret: env:ENTRA_CLIENT_SECRET",
    `    # FILL IN: the object id of the ${template.displayName} enterprise app (service principal); its`,
    "    # user and group assignments decide who is provisioned.",
    `    servicePrincipalId: ${PLACEHOLDER_ID}`,
    "",
    "jobs:",
    `  - name: ${template.name}`,
    `    app: ${template.name}`,
    "    target:",
    `      # FILL IN: ${template.displayName}'s SCIM base URL (Entra's "Tenant URL"). Append ?aadOptscim062020`,
    "      # if the app expects RFC 7644 PATCH requests (lower-case ops, JSON booleans).",
    "      url: https://scim.example.com/scim",
    `      # ${template.displayName}'s bearer token (Entra's "Secret Token"), read from this environment variable.`,
    `      token: env:${tokenVariable(template)}`,
    '    # "assigned": users and groups assigned to the enterprise app; "all": everyone in the tenant.',
    "    scope: assigned",
    "    users:",
    "      # Change single mappings of the template by target (see entra-sync apps, docs/app-templates.md):",
    "      #   - { target: <attribute>, source: <Graph attribute> }   replaces the template's mapping",
    "      #   - { target: <attribute>, remove: true }                drops it",
    "      mappings: []",
    ...groupsSection(template),
    "",
  ];
  return lines.join("\n");
}

/** Writes the starter config for `options.app` to `options.out`; never overwrites a file. */
export function runInit(options: InitOptions, templates = loadAppTemplates()): void {
  const template = templates.get(options.app);
  if (!template) {
    throw new UsageError(
      `Expected one of the app templates (${[...templates.keys()].join(", ")}), got "${options.app}"`,
    );
  }
  try {
    writeFileSync(options.out, starterConfig(template, options.out), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw new UsageError(`Expected no file at ${options.out}, got an existing one; it is left unchanged`);
  }
}

/** `entra-sync init --app NAME [--out FILE]`: a commented starter configuration for one gallery app. */
export const initCommand = new Command("init")
  .description("write a starter configuration for one app template (see `entra-sync apps`)")
  .requiredOption("--app <name>", "app template name")
  .option("--out <file>", "file to create (never overwritten)", "entra-sync.yaml")
  .action((options: InitOptions) => {
    runInit(options);
    process.stdout.write(
      `Wrote ${options.out}: fill in the values marked FILL IN, then run entra-sync validate -c ${options.out}\n`,
    );
  });
