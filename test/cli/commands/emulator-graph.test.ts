import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGraphEmulator } from "../../../src/cli/commands/emulator-graph.js";

/** Starts the emulator through the command's runner, waits for its banner, then stops it. */
async function banner(options: Parameters<typeof runGraphEmulator>[0]): Promise<string[]> {
  const lines: string[] = [];
  const controller = new AbortController();
  const running = runGraphEmulator(options, controller.signal, (line) => {
    lines.push(line);
    if (lines.length === 9) controller.abort();
  });
  await running;
  return lines;
}

describe("entra-sync emulator graph", () => {
  it("prints how to connect to the demo tenant, with the CA file path, but never the client secret", async () => {
    const certDir = mkdtempSync(join(tmpdir(), "emulator-graph-cli-"));
    const lines = await banner({ groups: 10, seed: 1, port: 0, host: "127.0.0.1", certDir });
    const demo = JSON.parse(
      readFileSync(new URL("../../../config/demo/tenant.json", import.meta.url), "utf8"),
    );
    const text = lines.join("\n");
    expect(lines[0]).toMatch(/^Graph emulator listening at https:\/\/127\.0\.0\.1:\d+$/);
    expect(text).toContain(`Tenant id:            ${demo.tenantId}`);
    expect(text).toContain(`Client id:            ${demo.application.clientId}`);
    expect(text).toContain(`Service principal id: ${demo.application.servicePrincipalId}`);
    expect(text).toContain(join(certDir, "graph-emulator-ca.pem"));
    expect(text).toMatch(/Client secret: +application\.clientSecret in .*config\/demo\/tenant\.json/);
    expect(text).not.toContain(demo.application.clientSecret);
  });

  it("generates a tenant of the requested size and saves it only when asked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-graph-cli-"));
    const file = join(dir, "tenant.json");
    const lines = await banner({
      users: 50,
      groups: 3,
      seed: 9,
      port: 0,
      host: "127.0.0.1",
      writeTenant: file,
    });
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(lines.join("\n")).toContain("50 users, 3 groups");
    expect(lines.join("\n")).not.toContain(saved.application.clientSecret);
    expect(saved.users).toHaveLength(50);
  });

  it("refuses --tenant together with --users", async () => {
    await expect(
      runGraphEmulator(
        { tenant: "x.json", users: 5, groups: 1, seed: 1, port: 0, host: "127.0.0.1" },
        new AbortController().signal,
        () => undefined,
      ),
    ).rejects.toThrowError("Expected either --tenant or --users, got both");
  });
});
