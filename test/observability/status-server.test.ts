import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OnDemandResult } from "../../src/app/on-demand.js";
import type { ProvisioningLogEntry } from "../../src/domain/provisioning-log.js";
import { createLogger } from "../../src/observability/logger.js";
import type { JobView } from "../../src/observability/status-server/job-view.js";
import { type StatusServer, startStatusServer } from "../../src/observability/status-server/server.js";
import { Daemon } from "../../src/scheduler/daemon.js";
import { JobLock } from "../../src/state/job-lock.js";
import { EmulatorClient } from "../emulators/graph/emulator-client.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { ids, smallTenant } from "../support/tenants.js";

const logger = createLogger("silent", false);

describe("the status server in front of a daemon, over loopback HTTP", () => {
  let env: EngineEnv;
  let lock: JobLock;
  let daemon: Daemon;
  let server: StatusServer;
  const api = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await api(path, init)).json() as T;

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    lock = new JobLock(join(env.dir, "state.db"));
    daemon = new Daemon({ jobs: env.loaded.jobs, runtime: env.runtime, lock, logger });
    server = await startStatusServer({ control: daemon, port: 0, logger });
  });
  afterAll(async () => {
    await daemon.stop();
    await server.close();
    lock.close();
    await env.close();
  });

  it("reports a job that never ran as NotRun and the daemon as not ready", async () => {
    const view = await json<JobView>("/api/jobs/e2e");
    expect(view).toMatchObject({
      id: "e2e",
      templateId: "generic-scim",
      schedule: { interval: "PT40M", state: "Active" },
      status: { code: "NotRun", lastExecution: null, quarantine: null, progress: [] },
    });
    const ready = await api("/readyz");
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reasons: unknown }).reasons).toEqual([
      'job "e2e" has not completed a cycle yet',
    ]);
    expect((await api("/healthz")).status).toBe(200);
  });

  it("runs a cycle on POST /run and then shows it as Entra's lastExecution, with link counts", async () => {
    const run = await api("/api/jobs/e2e/run", { method: "POST" });
    expect(run.status).toBe(202);
    expect(((await run.json()) as JobView).status.progress).toHaveLength(1);
    const again = await api("/api/jobs/e2e/run", { method: "POST" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: unknown }).error).toBe(
      "Expected an idle job, got one with a cycle in progress",
    );
    await daemon.idle();
    const view = await json<JobView>("/api/jobs/e2e");
    expect(view.status).toMatchObject({
      code: "Active",
      countSuccessiveCompleteFailures: 0,
      lastExecution: { state: "Succeeded", countImported: 11, countEscrowed: 0 },
      synchronizedEntryCountByType: [
        { key: "User", value: 6 },
        { key: "Group", value: 2 },
      ],
    });
    expect(view.status.lastSuccessfulExecution).toEqual(view.status.lastExecution);
    expect((await api("/readyz")).status).toBe(200);
    expect((await json<{ value: JobView[] }>("/api/jobs")).value.map((j) => j.id)).toEqual(["e2e"]);
  });

  it("filters the provisioning log by action, status and object", async () => {
    const creates = await json<{ value: ProvisioningLogEntry[] }>(
      "/api/jobs/e2e/logs?action=Create&status=Success",
    );
    expect(creates.value.length).toBe(8);
    expect(creates.value.every((e) => e.action === "Create" && e.status === "Success")).toBe(true);
    const alice = await json<{ value: ProvisioningLogEntry[] }>(
      "/api/jobs/e2e/logs?object=alice@contoso.test",
    );
    // Alice's create, then the manager reference set once Bob existed.
    expect(alice.value.map((e) => `${e.sourceId} ${e.action}`).sort()).toEqual([
      `${ids.alice} Create`,
      `${ids.alice} Update`,
    ]);
    const aliceCreate = alice.value.find((e) => e.action === "Create")!;
    expect(aliceCreate.steps.map((s) => s.type)).toEqual(["import", "scoping", "matching", "export"]);
    const limited = await json<{ value: ProvisioningLogEntry[] }>("/api/jobs/e2e/logs?limit=2");
    expect(limited.value).toHaveLength(2);
    const bad = await api("/api/jobs/e2e/logs?status=Great");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: unknown }).error).toMatch(/^Expected a valid "status" filter/);
    const unknown = await api("/api/jobs/nope/logs");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: unknown }).error).toBe(
      'Expected a job name (e2e), got "nope"',
    );
  });

  it("pauses a job in the state file, refuses to run it while paused, and resumes it", async () => {
    const paused = await json<JobView>("/api/jobs/e2e/pause", { method: "POST" });
    expect(paused.schedule.state).toBe("Paused");
    expect(paused.status.code).toBe("Paused");
    expect(env.runtime.store.getJobState("e2e").status.paused).toBe(true);
    const run = await api("/api/jobs/e2e/run", { method: "POST" });
    expect(run.status).toBe(409);
    expect(((await run.json()) as { error: unknown }).error).toBe(
      "Expected an active job, got a paused one: resume it first",
    );
    const resumed = await json<JobView>("/api/jobs/e2e/resume", { method: "POST" });
    expect(resumed.status.code).toBe("Active");
    expect(env.runtime.store.getJobState("e2e").status.paused).toBe(false);
  });

  it("provisions one user on demand: only that user changes and the job's watermark stays put", async () => {
    const graph = new EmulatorClient(env.graph, smallTenant().application.clientSecret);
    await graph.graph("PATCH", `/v1.0/users/${ids.bob}`, { jobTitle: "VP" });
    await graph.graph("PATCH", `/v1.0/users/${ids.carol}`, { jobTitle: "Architect" });
    await graph.close();
    const before = env.runtime.store.getJobState("e2e");
    const cyclesBefore = env.runtime.store.cycles("e2e").length;
    env.scim.clearRequestLog();

    const result = await json<OnDemandResult>("/api/jobs/e2e/provision", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "bob@contoso.test" }),
    });

    expect(result.status).toBe("Success");
    expect(result.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      "TestConnection:success",
      "EntryImport:success",
      // The match step: on demand reads the linked user from the app.
      "EntryImport:success",
      "EntrySynchronizationScoping:success",
      "EntryExportUpdate:success",
    ]);
    expect(result.entry?.modifiedProperties).toEqual([
      { displayName: "title", oldValue: '"Director"', newValue: '"VP"' },
    ]);
    const writes = env.writes();
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0]?.body)).toContain("VP");
    expect(env.runtime.store.getJobState("e2e")).toEqual(before);
    expect(env.runtime.store.cycles("e2e")).toHaveLength(cyclesBefore);
    expect(env.runtime.store.links("e2e", "user").size).toBe(6);
  });

  it("provisions on demand a user in scope through a group, reading only assigned groups' members", async () => {
    env.graph.clearRequestLog();
    const result = await json<OnDemandResult>("/api/jobs/e2e/provision", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: ids.carol }),
    });
    expect(result.status).toBe("Success");
    expect(result.steps.find((s) => s.type === "scoping")?.status).toBe("success");
    expect(result.entry?.modifiedProperties).toEqual([
      { displayName: "title", oldValue: null, newValue: '"Architect"' },
    ]);
    const groupReads = env.graph.requestLog
      .map((entry) => entry.path)
      .filter((path) => path.startsWith("/v1.0/groups"));
    expect(groupReads).toContain(`/v1.0/groups/${ids.engineering}/members`);
    expect(groupReads).not.toContain(`/v1.0/groups/${ids.unassignedGroup}/members`);
    expect(groupReads.every((path) => path.endsWith("/members"))).toBe(true);
  });

  it("explains on demand why an unassigned user is skipped, and refuses a body without a user", async () => {
    const result = await json<OnDemandResult>("/api/jobs/e2e/provision", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: ids.frank }),
    });
    expect(result.status).toBe("Skipped");
    expect(result.entry).toBeNull();
    expect(result.steps.find((s) => s.type === "scoping")).toMatchObject({
      status: "skipped",
      details: { "Assigned to the application": "false", Reason: "not assigned to the application" },
    });
    expect(result.steps.at(-1)?.details.SkipReason).toBe("NotEffectivelyEntitled");
    const missing = await json<OnDemandResult>("/api/jobs/e2e/provision", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "nobody@contoso.test" }),
    });
    expect(missing.status).toBe("Failure");
    expect(missing.steps.at(-1)?.description).toBe(
      "User 'nobody@contoso.test' was not found in Microsoft Entra ID",
    );
    const bad = await api("/api/jobs/e2e/provision", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(bad.status).toBe(400);
  });

  it("exports Prometheus metrics for cycles, changes, escrows and quarantine", async () => {
    const text = await (await api("/metrics")).text();
    expect(text).toContain('entra_sync_cycles_total{job="e2e",state="Succeeded"} 1');
    expect(text).toContain('entra_sync_changes_total{job="e2e",action="Create",status="Success"} 8');
    expect(text).toContain('entra_sync_cycle_duration_seconds_count{job="e2e"} 1');
    expect(text).toContain('entra_sync_escrowed_objects{job="e2e"} 0');
    expect(text).toContain("entra_sync_quarantined_jobs 0");
    expect(text).toContain("# TYPE entra_sync_rate_limited_requests_total counter");
  });

  it("never puts a secret into a response", async () => {
    const bodies = await Promise.all(
      ["/api/jobs", "/api/jobs/e2e", "/api/jobs/e2e/logs?limit=1000", "/metrics", "/"].map(async (p) =>
        (await api(p)).text(),
      ),
    );
    for (const body of bodies) {
      expect(body).not.toContain(env.scim.token);
      expect(body).not.toContain(smallTenant().application.clientSecret);
    }
  });

  it("serves a self-contained dashboard that reads only the JSON API", async () => {
    const response = await api("/");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
    expect(html).not.toContain("innerHTML");
    for (const call of ['"/api/jobs"', '"/api/jobs/" + encodeURIComponent', '"/logs?"'])
      expect(html).toContain(call);
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1];
    expect(() => new Function(script ?? "syntax error: no script")).not.toThrow();
    for (const testId of [
      "job-row",
      "quarantine-banner",
      "cycle-progress",
      "log-row",
      "detail-step",
      "detail-property",
    ])
      expect(html).toContain(`"${testId}"`);
  });
});

describe("the status server's access rules", () => {
  const control = {} as never;

  it("refuses to listen beyond loopback without a bearer token", async () => {
    await expect(startStatusServer({ control, host: "0.0.0.0", port: 0, logger })).rejects.toThrow(
      /^Expected a bearer token \(--token-env NAME\) to serve the status API on 0\.0\.0\.0/,
    );
  });

  it("requires the bearer token on every request when one is set", async () => {
    const server = await startStatusServer({ control, host: "0.0.0.0", port: 0, token: "s3cret", logger });
    try {
      const port = new URL(server.url).port;
      const bare = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(bare.status).toBe(401);
      const wrong = await fetch(`http://127.0.0.1:${port}/`, { headers: { authorization: "Bearer nope" } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`http://127.0.0.1:${port}/healthz`, {
        headers: { authorization: "Bearer s3cret" },
      });
      expect(right.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
