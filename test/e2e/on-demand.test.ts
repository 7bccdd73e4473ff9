import { afterEach, describe, expect, it } from "vitest";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import { provisionOnDemand } from "../../src/app/on-demand.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

describe("provisioning one user on demand on a job that already has a watermark", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("reads the user whole, without first asking Graph for changes and warning that the delta token was rejected", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    expect(env.runtime.store.getJobState("e2e").watermark).not.toBeNull();
    // Every warning on-demand logs, whichever child logger it goes through.
    const warnings: string[] = [];
    const logger: CycleDeps["logger"] = new Proxy(env.deps.logger, {
      get(target, property) {
        if (property === "child") return () => logger;
        if (property === "warn") return (_fields: unknown, message: string) => warnings.push(message);
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const deps: CycleDeps = { ...env.deps, logger };

    const result = await provisionOnDemand(deps, env.job, "alice@contoso.test");

    expect(result.status).toBe("Skipped");
    expect(result.entry?.errorCode).toBe("RedundantExport");
    expect(warnings).toEqual([]);
    expect(env.runtime.store.getJobState("e2e").watermark).not.toBeNull();
  });
});
