import { Command } from "commander";
import { type OnDemandResult, provisionOnDemand } from "../../app/on-demand.js";
import { openRuntime } from "../../app/runtime.js";
import {
  addConfigOption,
  addLogOptions,
  type LogOptions,
  loadFor,
  loggerFor,
  selectJobs,
} from "../cli-context.js";

const MARK = { success: "✓", failure: "✗", skipped: "–", warning: "!" } as const;

function renderResult(result: OnDemandResult): string {
  const lines = result.steps.map((s) => {
    const details = Object.entries(s.details).map(([k, v]) => `\n      ${k}: ${v}`);
    return `  ${MARK[s.status]} ${s.name} (${s.type}): ${s.description}${details.join("")}`;
  });
  const sent = result.entry?.modifiedProperties ?? [];
  if (sent.length > 0) {
    // Old values are what the app held (read by the match step), or what was last exported if it could not be read.
    lines.push("  attributes (in the app → sent):");
    for (const p of sent) lines.push(`    ${p.displayName}: ${p.oldValue ?? "—"} → ${p.newValue ?? "—"}`);
  }
  return [`Result: ${result.status}`, ...lines].join("\n");
}

/** `entra-sync provision`: Entra's provision on demand for one user, step by step. Exit 1 on failure. */
export const provisionCommand = addLogOptions(addConfigOption(new Command("provision")), "warn")
  .description("provision one user now and show each step (Entra's provision on demand)")
  .requiredOption("--job <name>", "the job to provision through")
  .requiredOption("--user <id-or-upn>", "the user's object id or userPrincipalName")
  .option("--json", "print the result as JSON")
  .action(async (options: { config: string; job: string; user: string; json?: boolean } & LogOptions) => {
    const loaded = loadFor(options);
    const [job] = selectJobs(loaded, options.job);
    const runtime = openRuntime(loaded, loggerFor(options, "warn"));
    try {
      const result = await provisionOnDemand(runtime.depsFor(job!), job!, options.user);
      process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : renderResult(result)}\n`);
      process.exitCode = result.status === "Failure" ? 1 : 0;
    } finally {
      await runtime.close();
    }
  });
