import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const COMMAND_MODULE = fileURLToPath(new URL("../../../src/cli/commands/emulator-scim.ts", import.meta.url));
let child: ChildProcess | undefined;

/** Runs the command in a child process (it waits for a signal), returning its stdout lines as they arrive. */
function run(args: readonly string[], env: Record<string, string> = {}) {
  const script = `import(${JSON.stringify(COMMAND_MODULE)}).then((m) => m.emulatorScimCommand.parseAsync(${JSON.stringify(args)}, { from: "user" }))`;
  child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, ENTRA_SYNC_SCIM_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let buffered = "";
  const waiters: (() => void)[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  const line = async (pattern: RegExp): Promise<string> => {
    for (;;) {
      const found = lines.find((l) => pattern.test(l));
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { process: child, line, lines };
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

describe("entra-sync emulator scim", () => {
  it("prints its URL, serves SCIM with the given token, logs requests and stops on SIGTERM", async () => {
    const app = run(["--token", "cli-token", "--log-requests"]);
    const url = (await app.line(/^SCIM demo app listening at /)).split(" at ")[1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim$/);
    const response = await fetch(`${url}/Users`, { headers: { authorization: "Bearer cli-token" } });
    expect(response.status).toBe(200);
    expect(await app.line(/^GET \/Users 200$/)).toBe("GET /Users 200");
    expect(app.lines.join("\n")).not.toContain("cli-token");
    app.process.kill("SIGTERM");
    const [code] = await once(app.process, "exit");
    expect(code).toBe(0);
  });

  it("takes the token from ENTRA_SYNC_SCIM_TOKEN and otherwise prints a generated one", async () => {
    const fromEnv = run([], { ENTRA_SYNC_SCIM_TOKEN: "env-token" });
    const envUrl = (await fromEnv.line(/listening at /)).split(" at ")[1]!;
    expect((await fetch(`${envUrl}/Users`, { headers: { authorization: "Bearer env-token" } })).status).toBe(
      200,
    );
    fromEnv.process.kill("SIGTERM");
    await once(fromEnv.process, "exit");

    const generated = run([]);
    const url = (await generated.line(/listening at /)).split(" at ")[1]!;
    const token = (await generated.line(/^Generated bearer token: /)).split(": ")[1]!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect((await fetch(`${url}/Users`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
