import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import { type CycleSummary, type PreparedCycle, prepareCycle, runCycle } from "../../src/app/run-cycle.js";
import { openRuntime, type Runtime } from "../../src/app/runtime.js";
import type { JobDefinition } from "../../src/config/job-definition.js";
import { type LoadedConfig, loadConfigOrThrow } from "../../src/config/load-config.js";
import { type GraphEmulator, startGraphEmulator } from "../../src/emulators/graph/graph-emulator.js";
import { parseTenant, type TenantInput } from "../../src/emulators/graph/tenant-schema.js";
import { createLogger } from "../../src/observability/logger.js";
import { type RecordedRequest, type ScimTestServer, startScimmyTestServer } from "./scim-servers/index.js";

export interface EngineEnvOptions {
  readonly tenant: TenantInput;
  readonly startServer?: () => Promise<ScimTestServer>;
  /** Append Entra's `aadOptscim062020` flag to the tenant URL. */
  readonly flagDialect?: boolean;
  /** Extra job settings merged into the one job (`app`, `users`, `groups`, …). */
  readonly job?: Record<string, unknown>;
}

/**
 * A real environment for end-to-end tests: the Graph emulator over HTTPS, a SCIM server over HTTP, a config
 * file with secret references, a SQLite state file, and the real connectors, all on 127.0.0.1.
 */
export interface EngineEnv {
  readonly graph: GraphEmulator;
  readonly scim: ScimTestServer;
  readonly dir: string;
  readonly configPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly loaded: LoadedConfig;
  readonly runtime: Runtime;
  readonly job: JobDefinition;
  readonly deps: CycleDeps;
  plan(): Promise<PreparedCycle>;
  sync(): Promise<CycleSummary>;
  /** Requests that change the app (anything but GET), since the last clear. */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startEngineEnv(options: EngineEnvOptions): Promise<EngineEnv> {
  const dir = mkdtempSync(join(tmpdir(), "entra-sync-e2e-"));
  const tenant = parseTenant(options.tenant);
  const graph = await startGraphEmulator({ tenant, certDir: dir, pageSizeDefault: 3, deltaPageSize: 3 });
  const scim = await (options.startServer ?? startScimmyTestServer)();
  const config = {
    source: {
      graph: {
        tenantId: graph.tenantId,
        clientId: graph.clientId,
        clientSecret: "env:TEST_GRAPH_SECRET",
        servicePrincipalId: graph.servicePrincipalId,
        authorityHost: graph.authorityHost,
        baseUrl: graph.url,
        caFile: graph.caFile,
      },
    },
    jobs: [
      {
        name: "e2e",
        app: "generic-scim",
        target: {
          url: options.flagDialect ? `${scim.url}?aadOptscim062020` : scim.url,
          token: "file:scim-token",
        },
        ...options.job,
      },
    ],
    state: { path: "state.db" },
  };
  const configPath = join(dir, "entra-sync.yaml");
  writeFileSync(configPath, stringify(config));
  writeFileSync(join(dir, "scim-token"), `${scim.token}\n`);
  const env = { ...process.env, TEST_GRAPH_SECRET: tenant.application.clientSecret };
  const loaded = loadConfigOrThrow(configPath);
  const runtime = openRuntime(loaded, createLogger("silent", false), env);
  const job = loaded.jobs[0]!;
  const deps = runtime.depsFor(job);
  return {
    graph,
    scim,
    dir,
    configPath,
    env,
    loaded,
    runtime,
    job,
    deps,
    plan: () => prepareCycle(deps, job),
    sync: () => runCycle(deps, job),
    writes: () => scim.requestLog.filter((r) => r.method !== "GET"),
    close: async () => {
      await runtime.close();
      await scim.close();
      await graph.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
