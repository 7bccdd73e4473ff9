import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { JobDefinition } from "../config/job-definition.js";
import type { LoadedConfig } from "../config/load-config.js";
import { resolveSecret } from "../config/secret-ref.js";
import { createGraphSource } from "../connectors/source/graph/index.js";
import { createScimTarget, type ScimRequestInfo, type ScimTarget } from "../connectors/target/scim/index.js";
import type { SourceConnector } from "../domain/source.js";
import type { Logger } from "../observability/logger.js";
import { notifyQuarantine } from "../observability/notifier.js";
import { SqliteStateStore } from "../state/sqlite-store.js";
import type { StateStore } from "../state/state-store.js";
import { appRoleDirectory } from "./app-role-directory.js";
import type { CycleDeps } from "./cycle-deps.js";
import { notificationChannels } from "./notification-channels.js";

/**
 * The composition root: the only place that turns config into concrete connectors and a store. Secrets are
 * resolved here, from the environment or files, and handed straight to the connectors.
 */
export interface Runtime {
  readonly store: StateStore;
  readonly source: SourceConnector;
  depsFor(job: JobDefinition): CycleDeps;
  close(): Promise<void>;
}

function readCa(baseDir: string, file: string | undefined): string | undefined {
  return file === undefined ? undefined : readFileSync(resolve(baseDir, file), "utf8");
}

/** Observers a long-running host (the daemon) attaches to every job's connectors. */
export interface RuntimeHooks {
  /** Called once per SCIM request attempt (metrics: requests, 429s). */
  readonly onScimRequest?: (job: string, info: ScimRequestInfo) => void;
}

export function openRuntime(
  loaded: LoadedConfig,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  hooks: RuntimeHooks = {},
): Runtime {
  const { config, baseDir } = loaded;
  const graph = config.source.graph;
  const roles = appRoleDirectory(
    createGraphSource({
      tenantId: graph.tenantId,
      clientId: graph.clientId,
      clientSecret: resolveSecret(graph.clientSecret, env, baseDir),
      authorityHost: graph.authorityHost,
      graphBaseUrl: graph.baseUrl,
      caPem: readCa(baseDir, graph.caFile),
    }),
  );
  const source = roles.remembering;
  const store = new SqliteStateStore(resolve(baseDir, config.state.path), {
    logRetentionDays: config.state.logRetentionDays,
  });
  const targets = new Map<string, ScimTarget>();
  const targetFor = (job: JobDefinition): ScimTarget => {
    let target = targets.get(job.name);
    if (!target) {
      const t = job.config.target;
      target = createScimTarget({
        baseUrl: t.url,
        token: resolveSecret(t.token, env, baseDir),
        caPem: readCa(baseDir, t.caFile),
        timeoutMs: t.timeoutSeconds * 1000,
        maxConnections: t.concurrency,
        appRoles: roles.lookup,
        onRequest: hooks.onScimRequest ? (info) => hooks.onScimRequest?.(job.name, info) : undefined,
      });
      targets.set(job.name, target);
    }
    return target;
  };
  return {
    store,
    source,
    depsFor: (job) => {
      const channels = notificationChannels(job.config, env, baseDir);
      const jobLogger = logger.child({ job: job.name });
      return {
        source,
        target: targetFor(job),
        store,
        servicePrincipalId: graph.servicePrincipalId,
        logger: jobLogger,
        clock: () => new Date(),
        random: Math.random,
        newId: randomUUID,
        notify: async (notice) => {
          for (const result of await notifyQuarantine(channels, notice)) {
            if (!result.ok)
              jobLogger.warn(
                { channel: result.channel, error: result.error },
                "quarantine notification failed",
              );
          }
        },
      };
    },
    close: async () => {
      await Promise.all([...targets.values()].map((t) => t.close()));
      store.close();
    },
  };
}
