import { randomBytes } from "node:crypto";
import { Command, InvalidArgumentError } from "commander";
import { startDemoScimApp } from "../../emulators/scim/demo-scim-app.js";

/** Env var read when `--token` is not given. */
export const SCIM_TOKEN_ENV = "ENTRA_SYNC_SCIM_TOKEN";

interface EmulatorScimOptions {
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly logRequests?: boolean;
}

/**
 * `entra-sync emulator scim`: runs the in-memory demo SCIM app until SIGINT / SIGTERM. The first stdout line
 * is `SCIM demo app listening at <tenant URL>`. Without `--token` or ENTRA_SYNC_SCIM_TOKEN a random token is
 * generated and printed once: this is a throwaway local test app, and the operator needs it to configure a job.
 */
export const emulatorScimCommand = new Command("scim")
  .description("Run the in-memory demo SCIM 2.0 app (scimmy) as a provisioning target")
  .option("--port <n>", "TCP port; 0 lets the OS pick one", parsePort, 0)
  .option("--host <address>", "address to bind", "127.0.0.1")
  .option("--token <token>", `bearer token clients must send (default: $${SCIM_TOKEN_ENV} or a random one)`)
  .option("--log-requests", "print every request (method, path, status, body) to stdout")
  .action(async (options: EmulatorScimOptions) => {
    // An empty value counts as unset: an empty token would let any "Bearer " through.
    const given = options.token || process.env[SCIM_TOKEN_ENV] || undefined;
    const token = given ?? randomBytes(24).toString("base64url");
    const app = await startDemoScimApp({
      token,
      port: options.port,
      host: options.host,
      ...(options.logRequests
        ? {
            onRequest: (entry) =>
              console.log(
                `${entry.method} ${entry.path}${entry.rawQuery ? `?${entry.rawQuery}` : ""} ${entry.status}` +
                  (entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`),
              ),
          }
        : {}),
    });
    console.log(`SCIM demo app listening at ${app.url}`);
    if (given === undefined) console.log(`Generated bearer token: ${token}`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await app.close();
  });

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(`Expected a port between 0 and 65535, got ${value}`);
  }
  return port;
}
