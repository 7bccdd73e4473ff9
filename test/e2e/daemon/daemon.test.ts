import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobView } from "../../../src/observability/status-server/job-view.js";
import { EmulatorClient } from "../../emulators/graph/emulator-client.js";
import { type EngineEnv, startEngineEnv } from "../../support/engine-env.js";
import { ids, smallTenant } from "../../support/tenants.js";
import { type DaemonProcess, getJson, spawnDaemon, waitFor } from "./cli-process.js";
import { type GatedScim, startGatedScim } from "./gated-scim.js";

const jobUrl = (d: DaemonProcess) => `${d.url}/api/jobs/e2e`;

/** The id of the job's last finished cycle once it is a Succeeded one other than `after`. */
async function nextSucceededCycle(daemon: DaemonProcess, after: string | null): Promise<JobView> {
  return waitFor(`a succeeded cycle after ${after}`, async () => {
    const view = await getJson<JobView>(jobUrl(daemon));
    const last = view.status.lastExecution;
    return last?.state === "Succeeded" && last.activityIdentifier !== after ? view : undefined;
  });
}

describe("the daemon, as a child process against the emulators", () => {
  let env: EngineEnv;
  let scim: GatedScim;
  const started: DaemonProcess[] = [];

  beforeEach(async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: { schedule: { interval: "PT2S" } },
      startServer: async () => {
        scim = await startGatedScim();
        return scim;
      },
    });
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((d) => d.stop("SIGKILL")));
    await env.close();
  });

  it("runs a cycle at start and again each interval, lands a tenant change in the app, and exits 0 on SIGTERM", async () => {
    const daemon = await spawnDaemon(env.configPath, env.env);
    started.push(daemon);
    const first = await nextSucceededCycle(daemon, null);
    expect(first.status.code).toBe("Active");
    expect(first.schedule).toMatchObject({ interval: "PT2S", state: "Active" });
    expect(first.status.synchronizedEntryCountByType).toContainEqual({ key: "User", value: 6 });
    const alice = () => env.scim.users().then((us) => us.find((u) => u.userName === "alice@contoso.test"));
    expect((await alice())?.title).toBe("Engineer");

    const graph = new EmulatorClient(env.graph, smallTenant().application.clientSecret);
    const reply = await graph.graph("PATCH", `/v1.0/users/${ids.alice}`, { jobTitle: "Principal Engineer" });
    expect(reply.status).toBe(204);

    const firstId = first.status.lastExecution!.activityIdentifier;
    await waitFor("the title change to reach the app", async () =>
      (await alice())?.title === "Principal Engineer" ? true : undefined,
    );
    const second = await nextSucceededCycle(daemon, firstId);
    expect(Date.parse(second.status.lastExecution!.timeBegan)).toBeGreaterThan(
      Date.parse(first.status.lastExecution!.timeEnded),
    );
    const updates = await getJson<{ value: { sourceDisplayName: string }[] }>(
      `${jobUrl(daemon)}/logs?action=Update&object=alice@contoso.test`,
    );
    expect(updates.value.map((e) => e.sourceDisplayName)).toContain("alice@contoso.test");

    // SIGTERM while a cycle waits on the app: the daemon stops scheduling but lets that cycle finish.
    scim.hold();
    await graph.graph("PATCH", `/v1.0/users/${ids.bob}`, { jobTitle: "VP" });
    await graph.close();
    await waitFor("a cycle waiting on the app", async () => (scim.waiting() > 0 ? true : undefined));
    const exited = daemon.stop("SIGTERM");
    await waitFor("the daemon to acknowledge SIGTERM", async () =>
      daemon.stderr().includes('"msg":"stopping: waiting for running cycles to finish"') ? true : undefined,
    );
    expect(daemon.child.exitCode, "still running while its cycle is held").toBeNull();
    scim.release();
    expect(await exited).toBe(0);
    expect(daemon.stderr()).toContain('"msg":"daemon stopped"');
    expect(env.runtime.store.cycles("e2e").filter((c) => c.state === "Running")).toEqual([]);
    const bob = (await env.scim.users()).find((u) => u.userName === "bob@contoso.test");
    expect(bob?.title).toBe("VP");
  });

  it("leaves a job to the daemon holding its lock, and takes it over once that daemon is killed", async () => {
    const holder = await spawnDaemon(env.configPath, env.env, ["--lock-lease", "2"]);
    started.push(holder);
    await nextSucceededCycle(holder, null);
    const standby = await spawnDaemon(env.configPath, env.env, ["--lock-lease", "2"]);
    started.push(standby);

    await waitFor("the standby daemon to find the job locked", async () =>
      standby.stderr().includes('"kind":"locked"') ? true : undefined,
    );
    const view = await getJson<JobView>(jobUrl(standby));
    expect(view.daemon).toMatchObject({ lockHeld: false, running: false });
    const ran = await fetch(`${jobUrl(standby)}/run`, { method: "POST" });
    expect(ran.status).toBe(409);
    expect(((await ran.json()) as { error: unknown }).error).toMatch(/held by/);
    expect(await (await fetch(`${standby.url}/metrics`)).text()).not.toContain("entra_sync_cycles_total{");
    expect(standby.stderr()).not.toContain('"msg":"cycle started"');

    expect(await holder.stop("SIGKILL")).toBeNull();
    await waitFor("the standby daemon to take the job over and run a cycle", async () =>
      (await (await fetch(`${standby.url}/metrics`)).text()).includes(
        'entra_sync_cycles_total{job="e2e",state="Succeeded"}',
      )
        ? true
        : undefined,
    );
    expect((await getJson<JobView>(jobUrl(standby))).daemon?.lockHeld).toBe(true);
    expect(await standby.stop("SIGTERM")).toBe(0);
  });
});
