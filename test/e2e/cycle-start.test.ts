import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import { runCycle } from "../../src/app/run-cycle.js";
import { openRuntime } from "../../src/app/runtime.js";
import { createLogger } from "../../src/observability/logger.js";
import { readJobView } from "../../src/observability/status-server/job-view.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

const T0 = Date.parse("2025-03-01T08:00:00.000Z");
const MINUTE = 60_000;

/**
 * The job's real connectors, on a clock that only moves when the probe or the Graph read runs: the probe
 * takes a minute and the read half an hour, as a big initial cycle's read takes most of the cycle.
 */
function slowStart(deps: CycleDeps): CycleDeps {
  let now = T0;
  const { target, source } = deps;
  return {
    ...deps,
    clock: () => new Date(now),
    target: new Proxy(target, {
      get: (t, property) =>
        property === "testConnection"
          ? async (...args: Parameters<typeof target.testConnection>) => {
              now += MINUTE;
              return t.testConnection(...args);
            }
          : Reflect.get(t, property, t),
    }),
    source: {
      ...source,
      readAll: async (...args) => {
        now += 30 * MINUTE;
        return source.readAll(...args);
      },
    },
  };
}

describe("a cycle's timeBegan", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("is when the cycle began, before its Test Connection probe and its read", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    const summary = await runCycle(slowStart(env.deps), env.job);
    expect(summary.cycle.state).toBe("Succeeded");
    const execution = readJobView(env.job, env.runtime.store, null).status.lastExecution;
    expect(execution?.timeBegan).toBe(new Date(T0).toISOString());
    expect(execution?.timeEnded).toBe(new Date(T0 + 31 * MINUTE).toISOString());
  });

  it("is before the probe that failed the cycle, so a failed cycle has a duration too", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    writeFileSync(join(env.dir, "scim-token"), "wrong-token");
    const broken = openRuntime(env.loaded, createLogger("silent", false), env.env);
    const summary = await runCycle(slowStart(broken.depsFor(env.job)), env.job);
    await broken.close();
    expect(summary.cycle.state).toBe("Failed");
    const execution = readJobView(env.job, env.runtime.store, null).status.lastExecution;
    expect(execution?.timeBegan).toBe(new Date(T0).toISOString());
    expect(execution?.timeEnded).toBe(new Date(T0 + MINUTE).toISOString());
  });
});
