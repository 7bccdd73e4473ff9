import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { generateTenant } from "../../src/emulators/graph/generate-tenant.js";
import { type GraphEmulator, startGraphEmulator } from "../../src/emulators/graph/graph-emulator.js";
import type { TenantData } from "../../src/emulators/graph/tenant-schema.js";
import { type BenchTarget, startTarget, type TargetKind } from "./targets.js";

/** Requests in flight towards the app: the job's `target.concurrency`, and autocannon's connection count. */
export const CONCURRENCY = 8;

/** Groups per user in generated tenants: 100k users → 1,000 groups of ~130 members each. */
const USERS_PER_GROUP = 100;

export interface BenchEnv {
  readonly tenant: TenantData;
  readonly graph: GraphEmulator;
  readonly target: BenchTarget;
  /** Environment for a worker: holds the Graph client secret the config refers to. */
  readonly workerEnv: NodeJS.ProcessEnv;
  /** Seconds `generateTenant` took. */
  readonly generateSeconds: number;
  /** Writes a config whose state lives in `<name>.db` (one per independent engine) and returns its path. */
  configFor(stateName: string): string;
  close(): Promise<void>;
}

/**
 * The emulated world one benchmark runs against, in the parent process: a generated tenant behind the Graph
 * emulator (HTTPS, its default page sizes), a SCIM app, and config files with secret references in a temp
 * directory. Engines run in workers (`runWorker`) so their memory is measured apart from the emulators'.
 */
export async function startBenchEnv(users: number, kind: TargetKind): Promise<BenchEnv> {
  const dir = mkdtempSync(join(tmpdir(), "entra-sync-bench-"));
  const started = performance.now();
  const tenant = generateTenant({ users, groups: Math.max(1, users / USERS_PER_GROUP), seed: 8 });
  const generateSeconds = (performance.now() - started) / 1000;
  const graph = await startGraphEmulator({ tenant, certDir: dir });
  const target = await startTarget(kind);
  writeFileSync(join(dir, "scim-token"), `${target.token}\n`);
  return {
    tenant,
    graph,
    target,
    workerEnv: { ...process.env, BENCH_GRAPH_SECRET: tenant.application.clientSecret },
    generateSeconds,
    configFor(stateName) {
      const config = {
        source: {
          graph: {
            tenantId: graph.tenantId,
            clientId: graph.clientId,
            clientSecret: "env:BENCH_GRAPH_SECRET",
            servicePrincipalId: graph.servicePrincipalId,
            authorityHost: graph.authorityHost,
            baseUrl: graph.url,
            caFile: graph.caFile,
          },
        },
        jobs: [
          {
            name: "bench",
            app: "generic-scim",
            target: { url: target.url, token: "file:scim-token", concurrency: CONCURRENCY },
          },
        ],
        state: { path: `${stateName}.db` },
        logging: { level: "silent" },
      };
      const path = join(dir, `${stateName}.yaml`);
      writeFileSync(path, stringify(config));
      return path;
    },
    close: async () => {
      await target.close();
      await graph.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
