import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { type CycleSummary, runCycle } from "../../app/run-cycle.js";
import { openRuntime } from "../../app/runtime.js";
import { loadConfigOrThrow } from "../../config/load-config.js";
import { startGraphEmulator } from "../../emulators/graph/graph-emulator.js";
import { parseTenant, type TenantInput } from "../../emulators/graph/tenant-schema.js";
import type { TenantStore } from "../../emulators/graph/tenant-store.js";
import { createLogger } from "../../observability/logger.js";

/** The real engine between the emulated tenant and the vendor's endpoint, one job, state in a temp dir. */
export interface EngineHarness {
  /** The live emulated tenant: change it between cycles. */
  readonly tenant: TenantStore;
  sync(): Promise<CycleSummary>;
  close(): Promise<void>;
}

export interface EngineHarnessOptions {
  readonly tenant: TenantInput;
  /** The tenant URL, with the dialect's flag. */
  readonly url: string;
  readonly token: string;
  readonly app: string;
  readonly caPem?: string;
}

/**
 * Starts the Graph emulator (HTTPS on 127.0.0.1) and a runtime on a config written to a temp dir. Both
 * secrets are env references resolved from an in-memory environment: the vendor's token never touches the
 * disk.
 */
export async function startEngineHarness(options: EngineHarnessOptions): Promise<EngineHarness> {
  const dir = mkdtempSync(join(tmpdir(), "entra-sync-check-app-"));
  const tenant = parseTenant(options.tenant);
  const graph = await startGraphEmulator({ tenant, certDir: dir });
  try {
    const config = {
      source: {
        graph: {
          tenantId: graph.tenantId,
          clientId: graph.clientId,
          clientSecret: "env:CHECK_APP_GRAPH_SECRET",
          servicePrincipalId: graph.servicePrincipalId,
          authorityHost: graph.authorityHost,
          baseUrl: graph.url,
          caFile: graph.caFile,
        },
      },
      jobs: [
        {
          name: "check-app",
          app: options.app,
          target: {
            url: options.url,
            token: "env:CHECK_APP_SCIM_TOKEN",
            ...(options.caPem ? { caFile: writeCa(dir, options.caPem) } : {}),
          },
        },
      ],
      state: { path: "state.db" },
    };
    const configPath = join(dir, "entra-sync.yaml");
    writeFileSync(configPath, stringify(config));
    const env = {
      CHECK_APP_GRAPH_SECRET: tenant.application.clientSecret,
      CHECK_APP_SCIM_TOKEN: options.token,
    };
    const loaded = loadConfigOrThrow(configPath);
    const runtime = openRuntime(loaded, createLogger("silent", false), env);
    const job = loaded.jobs[0]!;
    const deps = runtime.depsFor(job);
    return {
      tenant: graph.store,
      sync: () => runCycle(deps, job),
      close: async () => {
        await runtime.close();
        await graph.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function writeCa(dir: string, pem: string): string {
  const path = join(dir, "target-ca.pem");
  writeFileSync(path, pem);
  return path;
}
