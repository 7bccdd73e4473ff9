import { readFileSync } from "node:fs";
import { Command } from "commander";
import {
  CheckAppCouldNotRun,
  type CheckReport,
  exitCodeOf,
  renderHtml,
  renderJson,
  renderJunit,
  renderText,
  runCheckApp,
  runLifecycle,
} from "../../check-app/index.js";
import { loadAppTemplates, TemplateError } from "../../config/app-template.js";
import { resolveSecret, SecretResolutionError, secretRefSchema } from "../../config/secret-ref.js";
import type { ScimDialect } from "../../connectors/target/scim/index.js";
import { UsageError } from "../cli-context.js";

const DIALECTS: Readonly<Record<string, readonly ScimDialect[]>> = {
  default: ["entra-legacy"],
  aadOptscim062020: ["aadOptscim062020"],
  both: ["entra-legacy", "aadOptscim062020"],
};
const RENDERERS: Readonly<Record<string, (report: CheckReport) => string>> = {
  text: renderText,
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
};

interface CheckAppFlags {
  readonly url: string;
  readonly token: string;
  readonly app: string;
  readonly dialect?: string;
  readonly readOnly?: boolean;
  readonly lifecycle?: boolean;
  readonly format: string;
  readonly caFile?: string;
}

/**
 * `entra-sync check-app`: the Entra compatibility report of a vendor's SCIM endpoint. Exit 0 when a dialect
 * is compatible, 1 when none is, 2 when the check could not run (bad input, endpoint unreachable, stopped
 * before any failure); the
 * shared error handler in main.ts only knows exit 1, so this command reports its own input errors.
 */
export const checkAppCommand = new Command("check-app")
  .description("check a SCIM endpoint against Entra's provisioning requests and recommend the tenant URL")
  .requiredOption("--url <url>", "the SCIM base URL (Entra's Tenant URL)")
  .requiredOption("--token <ref>", "the bearer token as a secret reference: env:NAME or file:PATH")
  .option(
    "--app <template>",
    "the app template whose mappings to send (see `entra-sync apps`)",
    "generic-scim",
  )
  .option("--dialect <dialect>", "default | aadOptscim062020 | both (default: the URL's flag, else both)")
  .option("--read-only", "only checks 1-5: nothing is created or changed")
  .option(
    "--lifecycle",
    "instead of the checks, play Entra's lifecycle from an emulated tenant through the real engine",
  )
  .option("--format <format>", "text | json | junit | html", "text")
  .option("--ca-file <file>", "a PEM CA to trust on top of the system roots (a private test CA)")
  .action(async (flags: CheckAppFlags) => {
    try {
      if (flags.lifecycle && flags.readOnly)
        throw new UsageError("Expected --lifecycle or --read-only, got both: the lifecycle writes");
      const render = choice(RENDERERS, flags.format, "--format");
      const common = {
        url: flags.url,
        token: resolveToken(flags.token),
        template: template(flags.app),
        ...(flags.dialect === undefined ? {} : { dialects: choice(DIALECTS, flags.dialect, "--dialect") }),
        ...(flags.caFile ? { caPem: readCa(flags.caFile) } : {}),
      };
      const report = flags.lifecycle
        ? await runLifecycle(common)
        : await runCheckApp({ ...common, readOnly: flags.readOnly ?? false });
      process.stdout.write(render(report));
      process.exitCode = exitCodeOf(report);
    } catch (error) {
      if (!isInputProblem(error)) throw error;
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
    }
  });

const isInputProblem = (error: unknown): error is Error =>
  error instanceof UsageError ||
  error instanceof SecretResolutionError ||
  error instanceof TemplateError ||
  error instanceof CheckAppCouldNotRun;

function choice<T>(options: Readonly<Record<string, T>>, value: string, flag: string): T {
  const found = options[value];
  if (found === undefined)
    throw new UsageError(`Expected ${flag} to be one of ${Object.keys(options).join(", ")}, got "${value}"`);
  return found;
}

/** The token is a reference, as in the config: never a literal on the command line (shell history, ps). */
function resolveToken(text: string): string {
  const parsed = secretRefSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`--token: ${parsed.error.issues[0]?.message}`);
  return resolveSecret(parsed.data, process.env, process.cwd());
}

function template(name: string) {
  const templates = loadAppTemplates();
  const found = templates.get(name);
  if (!found)
    throw new UsageError(
      `Expected --app to name a template (${[...templates.keys()].join(", ")}), got "${name}"`,
    );
  return found;
}

function readCa(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `Expected a readable PEM file for --ca-file, got ${(error as NodeJS.ErrnoException).code ?? "unreadable"} at ${path}`,
    );
  }
}
