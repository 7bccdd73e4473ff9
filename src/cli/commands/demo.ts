import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { stringify } from "yaml";
import { applyCycle, prepareCycle } from "../../app/run-cycle.js";
import { openRuntime } from "../../app/runtime.js";
import { loadConfigOrThrow } from "../../config/load-config.js";
import { startGraphEmulator } from "../../emulators/graph/graph-emulator.js";
import { parseTenant } from "../../emulators/graph/tenant-schema.js";
import { startDemoScimApp } from "../../emulators/scim/demo-scim-app.js";
import { loggerFor } from "../cli-context.js";
import { planHasChanges, renderPlan } from "../render-plan.js";
import { renderSummary } from "../render-summary.js";

const DEMO_TENANT = fileURLToPath(new URL("../../../config/demo/tenant.json", import.meta.url));

/**
 * `npm run demo`: the whole product on the built-in emulated tenant. Starts the Graph emulator and the demo
 * SCIM app in-process, writes a real config (secrets as env references), shows the plan, syncs, and shows
 * that a second plan has nothing to do.
 */
export const demoCommand = new Command("demo")
  .description("run the main job end to end against the built-in emulated tenant and a demo SCIM app")
  .option("--dir <dir>", "where to write the demo config, state and certificate", ".entra-sync/demo")
  .action(async (options: { dir: string }) => {
    const dir = resolve(options.dir);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tenant = parseTenant(JSON.parse(readFileSync(DEMO_TENANT, "utf8")), DEMO_TENANT);
    const graph = await startGraphEmulator({ tenant, certDir: dir });
    const scimToken = randomBytes(24).toString("base64url");
    const scim = await startDemoScimApp({ token: scimToken });
    const out = (text: string) => process.stdout.write(`${text}\n`);
    try {
      out(`Graph emulator (Entra tenant ${graph.tenantId}): ${graph.url}`);
      out(`Demo SCIM app: ${scim.url}`);
      const config = {
        source: {
          graph: {
            tenantId: graph.tenantId,
            clientId: graph.clientId,
            clientSecret: "env:ENTRA_SYNC_DEMO_CLIENT_SECRET",
            servicePrincipalId: graph.servicePrincipalId,
            authorityHost: graph.authorityHost,
            baseUrl: graph.url,
            caFile: graph.caFile,
          },
        },
        jobs: [
          {
            name: "demo",
            app: "generic-scim",
            target: { url: scim.url, token: "env:ENTRA_SYNC_DEMO_SCIM_TOKEN" },
          },
        ],
        state: { path: "state.db" },
      };
      const configPath = join(dir, "entra-sync.yaml");
      writeFileSync(
        configPath,
        `# Written by \`entra-sync demo\`; secrets are references.\n${stringify(config)}`,
      );
      out(`Config: ${configPath}\n`);
      const env = {
        ...process.env,
        ENTRA_SYNC_DEMO_CLIENT_SECRET: tenant.application.clientSecret,
        ENTRA_SYNC_DEMO_SCIM_TOKEN: scimToken,
      };
      const loaded = loadConfigOrThrow(configPath);
      const runtime = openRuntime(loaded, loggerFor({}, "warn"), env);
      try {
        const job = loaded.jobs[0]!;
        const deps = runtime.depsFor(job);
        const first = await prepareCycle(deps, job);
        out(renderPlan(first.plan));
        out("");
        const summary = await applyCycle(deps, first);
        out(renderSummary(summary));
        out(`The SCIM app now holds ${scim.users().length} users and ${scim.groups().length} groups.\n`);
        const second = await prepareCycle(deps, job);
        out(renderPlan(second.plan));
        out(
          planHasChanges(second.plan)
            ? "\nUnexpected: the second plan still has changes."
            : "\nThe second plan is empty: the app is in sync.",
        );
        out(`\nState (links, provisioning logs): ${resolve(dir, loaded.config.state.path)}`);
        if (planHasChanges(second.plan) || summary.cycle.state !== "Succeeded") process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    } finally {
      await scim.close();
      await graph.close();
    }
  });
