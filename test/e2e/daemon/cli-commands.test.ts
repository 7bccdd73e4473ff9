import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProvisioningLogEntry } from "../../../src/domain/provisioning-log.js";
import type { JobView } from "../../../src/observability/status-server/job-view.js";
import { EmulatorClient } from "../../emulators/graph/emulator-client.js";
import { runCli } from "../../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../../support/engine-env.js";
import { ids, smallTenant } from "../../support/tenants.js";

describe("the status, logs and provision commands, as child processes", () => {
  let env: EngineEnv;
  const cli = (...args: string[]) => runCli([args[0]!, "-c", env.configPath, ...args.slice(1)], env.env);

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
  });
  afterAll(async () => {
    await env.close();
  });

  it("prints the jobs from the state file in the status API's shape, without a daemon", async () => {
    const { code, stdout } = await cli("status", "--json");
    expect(code).toBe(0);
    const [view] = (JSON.parse(stdout) as { value: JobView[] }).value;
    expect(view).toMatchObject({
      id: "e2e",
      status: { code: "Active", lastExecution: { state: "Succeeded" }, quarantine: null },
      daemon: null,
    });
    const text = await cli("status");
    expect(text.stdout).toContain("e2e (generic-scim): Active, every PT40M");
    expect(text.stdout).toContain("linked: 6 users, 2 groups");
  });

  it("prints the provisioning log filtered, as text, JSON or CSV", async () => {
    const json = await cli("logs", "--action", "Create", "--object", "bob@contoso.test", "--json");
    const entries = JSON.parse(json.stdout) as ProvisioningLogEntry[];
    expect(entries.map((e) => `${e.action} ${e.sourceDisplayName}`)).toEqual(["Create bob@contoso.test"]);
    const csv = await cli("logs", "--status", "Success", "--action", "Create", "--csv");
    const lines = csv.stdout.trim().split("\r\n");
    expect(lines[0]).toBe(
      "activityDateTime,jobName,cycleId,changeId,action,status,errorCode,objectType,sourceId,sourceDisplayName,targetId,reason",
    );
    expect(lines).toHaveLength(9);
    expect(csv.stdout).toContain('"q""uo\\te@contoso.test"');
    const text = await cli("logs", "--job", "e2e", "--status", "Skipped");
    expect(text.stdout).toMatch(/Other {3}Skipped {2}user erin@contoso.test {2}\[NotEffectivelyEntitled\]/);
    const bad = await cli("logs", "--since", "yesterday");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Expected a valid "since" filter');
  });

  it("provisions one user on demand and prints each step with the attributes sent", async () => {
    const graph = new EmulatorClient(env.graph, smallTenant().application.clientSecret);
    await graph.graph("PATCH", `/v1.0/users/${ids.bob}`, { jobTitle: "VP" });
    await graph.close();
    const { code, stdout } = await cli("provision", "--job", "e2e", "--user", "bob@contoso.test");
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("Result: Success");
    expect(stdout).toContain("✓ TestConnection (processing)");
    expect(stdout).toContain("✓ EntryImport (import): Retrieved User 'bob@contoso.test'");
    expect(stdout).toContain("✓ EntrySynchronizationScoping (scoping)");
    expect(stdout).toMatch(
      /✓ EntryImport \(matching\): Retrieved 'bob@contoso.test' from .* by its linked id/,
    );
    expect(stdout).toContain('title: "Director" → "VP"');
    const unassigned = await cli("provision", "--job", "e2e", "--user", "frank@contoso.test");
    expect(unassigned.code).toBe(0);
    expect(unassigned.stdout.split("\n")[0]).toBe("Result: Skipped");
    expect(unassigned.stdout).toContain(
      "– EntrySynchronizationScoping (scoping): Determine if User in scope by evaluating against each scoping filter: out of scope, not assigned to the application",
    );
    const unknown = await cli("provision", "--job", "e2e", "--user", "nobody@contoso.test");
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain("✗ EntryImport (import): User 'nobody@contoso.test' was not found");
  });

  it("refuses to show status when there is no state file yet", async () => {
    rmSync(join(env.dir, "state.db"), { force: true });
    const { code, stderr } = await cli("status");
    expect(code).toBe(1);
    expect(stderr).toMatch(/Expected a state file at .*state\.db, got none/);
  });

  it("says in one line, without a stack, when the state file is not a database", async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(join(env.dir, `state.db${suffix}`), { force: true });
    writeFileSync(
      join(env.dir, "state.db"),
      "this is not a SQLite file, but long enough to have a header.".repeat(4),
    );
    const { code, stderr } = await cli("status");
    expect(code).toBe(1);
    expect(stderr).toBe("error: State store failed: file is not a database (SQLITE_NOTADB)\n");
  });
});
