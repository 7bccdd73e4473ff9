import { afterEach, describe, expect, it } from "vitest";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import { provisionOnDemand } from "../../src/app/on-demand.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

describe("provisioning one user on demand on a job that already has a watermark", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("reads the user whole, never Graph's changes (no 'delta token rejected' warning on every call)", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    expect(env.runtime.store.getJobState("e2e").watermark).not.toBeNull();
    const asked: string[] = [];
    const source = new Proxy(env.deps.source, {
      get(target, property) {
        if (property === "readChanges") asked.push("readChanges");
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const deps: CycleDeps = { ...env.deps, source };

    const result = await provisionOnDemand(deps, env.job, "alice@contoso.test");

    expect(result.status).toBe("Skipped");
    expect(result.entry?.errorCode).toBe("RedundantExport");
    expect(asked).toEqual([]);
    expect(env.runtime.store.getJobState("e2e").watermark).not.toBeNull();
  });
});
