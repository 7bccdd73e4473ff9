import { Command } from "commander";
import { loadAppTemplates } from "../../config/app-template.js";

/** `entra-sync apps`: the gallery templates with their object types and target attributes. */
export const appsCommand = new Command("apps")
  .description("list the app templates (gallery apps) with their object types and attributes")
  .option("--json", "print as JSON")
  .action((options: { json?: boolean }) => {
    const templates = [...loadAppTemplates().values()];
    if (options.json) {
      process.stdout.write(`${JSON.stringify(templates, null, 2)}\n`);
      return;
    }
    for (const t of templates) {
      const types = t.groups ? "users, groups" : "users";
      process.stdout.write(`${t.name} — ${t.displayName} (${types})\n`);
      for (const [label, type] of [
        ["users", t.users],
        ["groups", t.groups],
      ] as const) {
        if (!type) continue;
        const attrs = type.attributes.map(
          (a) => `${a.name}${a.filterable ? "★" : ""}${a.required ? " (required)" : ""}`,
        );
        process.stdout.write(`  ${label}: ${attrs.join(", ")}\n`);
      }
    }
  });
