import { resolve } from "node:path";
import { Command } from "commander";
import { SqliteStateStore } from "../../state/sqlite-store.js";
import { RESET_PARTS, type ResetPart } from "../../state/state-store.js";
import { addConfigOption, loadFor, selectJobs, UsageError } from "../cli-context.js";

const FULL: readonly ResetPart[] = ["watermark", "escrows", "quarantine", "links"];

function parseParts(text: string): ResetPart[] {
  if (text === "full") return [...FULL];
  const parts = text.split(",").map((p) => p.trim());
  for (const p of parts) {
    if (!(RESET_PARTS as readonly string[]).includes(p)) {
      throw new UsageError(`Expected reset parts from ${[...RESET_PARTS, "full"].join(", ")}, got "${p}"`);
    }
  }
  return parts as ResetPart[];
}

/**
 * `entra-sync restart`: Entra's "Restart provisioning". By default it clears the watermark, escrows and
 * quarantine (the next cycle is an initial one that re-evaluates everything, while links to existing
 * accounts are kept); `--reset links` also forgets the links (the next cycle re-matches every object);
 * `--reset force-deletes` lets deletions held by the accidental-deletion guard through in the next cycle.
 */
export const restartCommand = addConfigOption(new Command("restart"))
  .description("restart a job the way Entra's 'Restart provisioning' does (see docs/operations.md)")
  .requiredOption("--job <name>", "the job to restart")
  .option(
    "--reset <parts>",
    `comma-separated: ${RESET_PARTS.join(", ")}, or full`,
    "watermark,escrows,quarantine",
  )
  .action((options: { config: string; job: string; reset: string }) => {
    const loaded = loadFor(options);
    const [job] = selectJobs(loaded, options.job);
    const parts = parseParts(options.reset);
    const store = new SqliteStateStore(resolve(loaded.baseDir, loaded.config.state.path));
    try {
      store.reset(job!.name, parts);
    } finally {
      store.close();
    }
    process.stdout.write(`Job "${job!.name}": reset ${parts.join(", ")}. The next cycle applies it.\n`);
  });
