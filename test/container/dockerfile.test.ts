import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { daemonCommand } from "../../src/cli/commands/daemon.js";
import type { JobView } from "../../src/observability/status-server/job-view.js";
import { waitFor } from "../e2e/daemon/cli-process.js";
import { runCli, startCli } from "../support/cli.js";
import { cliUserDirs } from "../support/cli-user-dirs.js";
import { envOf, execForm, finalStage, healthcheck, last } from "../support/dockerfile.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const image = finalStage(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
const imageEnv = envOf(image);
const entrypoint = execForm(last(image, "ENTRYPOINT"));
const cmd = execForm(last(image, "CMD"));
const health = healthcheck(image);
const STATUS_TOKEN = "container-status-token-0123456789";
const TOKEN_ENV = cmd[cmd.indexOf("--token-env") + 1]!;
const DEFAULT_PORT = daemonCommand.options.find((o) => o.long === "--port")?.defaultValue as string;
const dirs = cliUserDirs("container");
/**
 * Patience for the daemon child to start and finish its first cycle: on a machine busy with other test
 * workers one CLI start took up to ~15 s. A limit, not a measurement: the test asserts no duration.
 */
const STARTUP_MS = 45_000;

/**
 * The image's entry point is the compiled CLI (`/app/dist/cli/main.js`, tsc's output of `src/` per
 * tsconfig.build.json); the tests run its source, like every CLI test, so they need no build.
 */
function sourceOf(entry: string): string {
  const match = /^\/app\/dist\/(.+)\.js$/.exec(entry);
  if (!match) throw new Error(`Expected the entry point under /app/dist, got ${entry}`);
  const source = join(ROOT, "src", `${match[1]}.ts`);
  if (!existsSync(source)) throw new Error(`Expected ${source} for ${entry}, got no such file`);
  return source;
}

/** The default command, with the container's paths moved to the test's folders (the volume mounts). */
const mounted = (args: readonly string[], mounts: Record<string, string>): string[] =>
  args.map((a) =>
    Object.entries(mounts).reduce(
      (arg, [inside, outside]) => arg.replace(new RegExp(`^${inside}/`), `${outside}/`),
      a,
    ),
  );

/** The environment of the process: the image's ENV (its state dir moved to `data`) and what `-e` adds. */
function containerEnv(data: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ENTRA_SYNC_STATE_DIR: _dir, [TOKEN_ENV]: _token, ...host } = process.env;
  return { ...host, ...imageEnv, ENTRA_SYNC_STATE_DIR: data, ...extra };
}

describe("the Dockerfile's runtime image, read without a Docker engine", () => {
  it("runs as a non-root user, with the state dir a volume that user owns and the working directory", () => {
    const user = last(image, "USER");
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const stateDir = imageEnv.ENTRA_SYNC_STATE_DIR!;
    expect(stateDir).toBe("/data");
    expect(execForm(last(image, "VOLUME"))).toContain(stateDir);
    expect(last(image, "WORKDIR")).toBe(stateDir);
    expect(last(image, "RUN")).toContain(`chown ${user}:${user} ${stateDir}`);
  });

  it("runs the daemon beyond loopback only with a token, on the port it exposes and health-checks", () => {
    expect(entrypoint[0]).toBe("node");
    // What the CLI tests (startCli) run: the source the image's entry point is compiled from.
    expect(sourceOf(entrypoint[1]!)).toBe(join(ROOT, "src", "cli", "main.ts"));
    expect(cmd.slice(0, 3)).toEqual(["daemon", "-c", "/conf/entra-sync.yaml"]);
    expect(cmd[cmd.indexOf("--host") + 1]).toBe("0.0.0.0");
    expect(TOKEN_ENV).toBe("ENTRA_SYNC_STATUS_TOKEN");
    expect(last(image, "EXPOSE")).toBe(DEFAULT_PORT);
    expect(health.command.slice(0, 2)).toEqual(["node", "-e"]);
    expect(health.command[2]).toContain(`http://127.0.0.1:${DEFAULT_PORT}/healthz`);
    expect(health.command[2]).toContain(`process.env.${TOKEN_ENV}`);
  });
});

describe("the image's entry point and default command, run against the real CLI", () => {
  let engine: EngineEnv;
  let conf: string;
  let data: string;

  beforeEach(async () => {
    engine = await startEngineEnv({ tenant: smallTenant() });
    // The config folder as the README mounts it: read-only for the process, no state path in the file.
    conf = dirs.make();
    const config = stringify({
      source: {
        graph: {
          tenantId: engine.graph.tenantId,
          clientId: engine.graph.clientId,
          clientSecret: "env:TEST_GRAPH_SECRET",
          servicePrincipalId: engine.graph.servicePrincipalId,
          authorityHost: engine.graph.authorityHost,
          baseUrl: engine.graph.url,
          caFile: "ca.pem",
        },
      },
      jobs: [
        { name: "e2e", app: "generic-scim", target: { url: engine.scim.url, token: "file:scim-token" } },
      ],
    });
    writeFileSync(join(conf, "entra-sync.yaml"), config);
    writeFileSync(join(conf, "scim-token"), `${engine.scim.token}\n`);
    writeFileSync(join(conf, "ca.pem"), readFileSync(engine.graph.caFile));
    dirs.lock(conf);
    data = dirs.makeWritable();
  });
  afterEach(async () => {
    await engine.close();
  });

  it(
    "serves /healthz behind the token on 0.0.0.0, passes its HEALTHCHECK, and keeps state in the volume",
    async () => {
      // `--port 0` after the image's command (the last one wins): a fixed port could be taken on a shared machine.
      const args = [...mounted(cmd, { "/conf": conf }), "--port", "0"];
      const env = containerEnv(data, {
        TEST_GRAPH_SECRET: smallTenant().application.clientSecret,
        [TOKEN_ENV]: STATUS_TOKEN,
      });
      const daemon = startCli(args, env, { ...dirs.cliUser, cwd: data });
      let stdout = "";
      daemon.child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
      });
      try {
        const port = await waitFor(
          "the daemon to print where it listens",
          async () => {
            if (daemon.child.exitCode !== null)
              throw new Error(`daemon exited: ${(await daemon.done).stderr}`);
            return /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(stdout)?.[1];
          },
          STARTUP_MS,
        );
        const url = `http://127.0.0.1:${port}`;
        const auth = { authorization: `Bearer ${STATUS_TOKEN}` };
        expect((await fetch(`${url}/healthz`)).status).toBe(401);
        const healthy = await fetch(`${url}/healthz`, { headers: auth });
        expect(healthy.status).toBe(200);
        expect(await healthy.json()).toEqual({ status: "ok" });

        const check = (token: string) =>
          spawnSync(
            process.execPath,
            [health.command[1]!, health.command[2]!.replace(`:${DEFAULT_PORT}/`, `:${port}/`)],
            { env: { ...process.env, [TOKEN_ENV]: token }, timeout: 20_000 },
          ).status;
        expect(check(STATUS_TOKEN)).toBe(0);
        expect(check("wrong-token")).toBe(1);

        const view = await waitFor(
          "the first cycle to succeed",
          async () => {
            const job = (await (await fetch(`${url}/api/jobs/e2e`, { headers: auth })).json()) as JobView;
            return job.status.lastExecution?.state === "Succeeded" ? job : undefined;
          },
          STARTUP_MS,
        );
        expect(view.status.synchronizedEntryCountByType).toContainEqual({ key: "User", value: 6 });
        expect(readdirSync(data)).toContain("state.db");
        expect(readdirSync(conf).sort()).toEqual(["ca.pem", "entra-sync.yaml", "scim-token"]);
      } finally {
        daemon.child.kill("SIGTERM");
      }
      const { code, stderr } = await daemon.done;
      expect(stderr).not.toContain(STATUS_TOKEN);
      expect(code).toBe(0);
    },
    3 * STARTUP_MS,
  );
});

describe("the daemon refusing to serve beyond loopback without a token", () => {
  let conf: string;
  let data: string;

  beforeEach(() => {
    conf = dirs.make();
    // Never read: the daemon checks its flags before it loads the config.
    writeFileSync(join(conf, "entra-sync.yaml"), "jobs: []\n");
    dirs.lock(conf);
    data = dirs.makeWritable();
  });

  it("refuses to start when the container was not given the token the command names", async () => {
    const args = mounted(cmd, { "/conf": conf });
    const { code, stderr } = await runCli(args, containerEnv(data, {}), {
      ...dirs.cliUser,
      cwd: data,
    });
    expect(stderr).toBe(
      `error: Expected the environment variable ${TOKEN_ENV} to hold the API token, got none\n`,
    );
    expect(code).toBe(1);
  });

  it.each(["0.0.0.0", "::", "192.0.2.10"])(
    "refuses --host %s without --token-env, in one line",
    async (host) => {
      const args = ["daemon", "-c", join(conf, "entra-sync.yaml"), "--host", host, "--port", "0"];
      const { code, stderr } = await runCli(args, containerEnv(data, {}), dirs.cliUser);
      expect(stderr).toBe(
        `error: Expected a bearer token (--token-env NAME) to serve the status API on ${host}, got none; bind to 127.0.0.1 or set a token\n`,
      );
      expect(code).toBe(1);
      expect(readdirSync(data)).toEqual([]);
    },
  );
});
