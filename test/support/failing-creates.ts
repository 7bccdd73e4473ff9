import { type EngineEnv, startEngineEnv } from "./engine-env.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { startScimmyTestServer } from "./scim-servers/index.js";
import { smallTenant } from "./tenants.js";

/**
 * The small tenant's job with the app behind a fault proxy that answers 500 to the user creates `fails`
 * accepts (by userName), before they reach the app: POSTs are not retried, so each is one failed create.
 * `proxy.set({ rate: 0 })` is the app recovering. The caller closes both.
 */
export async function startFailingCreates(options: {
  readonly fails: (userName: string) => boolean;
  /** Most creates failed; later ones pass. Default unlimited. */
  readonly maxFaults?: number;
  /** Extra job settings (`quarantine`, …). */
  readonly job?: Record<string, unknown>;
}): Promise<{ readonly env: EngineEnv; readonly proxy: FaultProxy }> {
  const scim = await startScimmyTestServer();
  const proxy = await startFaultProxy({
    upstream: scim.url,
    rate: 1,
    kinds: ["serverError"],
    afterUpstreamShare: 0,
    ...(options.maxFaults === undefined ? {} : { maxFaults: options.maxFaults }),
    only: (r) =>
      r.method === "POST" &&
      r.path.endsWith("/Users") &&
      options.fails(String((JSON.parse(r.body) as { userName?: unknown }).userName)),
  });
  const env = await startEngineEnv({
    tenant: smallTenant(),
    startServer: async () => scim,
    job: { target: { url: proxy.urlFor(scim.url), token: "file:scim-token" }, ...options.job },
  });
  return { env, proxy };
}
