import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import {
  type GraphEmulator,
  generateTenant,
  loadTenantFile,
  startGraphEmulator,
  type TenantData,
} from "../../emulators/graph/index.js";

const DEMO_TENANT = fileURLToPath(new URL("../../../config/demo/tenant.json", import.meta.url));

export interface EmulatorGraphOptions {
  readonly tenant?: string;
  readonly users?: number;
  readonly groups: number;
  readonly seed: number;
  readonly writeTenant?: string;
  readonly port: number;
  readonly host: string;
  readonly certDir?: string;
  readonly deltaPageSize?: number;
}

/**
 * Runs the emulator until `signal` aborts, printing how to connect. Separate from the command so a test
 * can drive it with an AbortController instead of process signals. Never prints the client secret: only
 * where to find it.
 */
export async function runGraphEmulator(
  options: EmulatorGraphOptions,
  signal: AbortSignal,
  write: (line: string) => void,
): Promise<void> {
  const { tenant, secretLocation } = await resolveTenant(options);
  const emulator = await startGraphEmulator({
    tenant,
    port: options.port,
    host: options.host,
    ...(options.certDir !== undefined && { certDir: options.certDir }),
    ...(options.deltaPageSize !== undefined && { deltaPageSize: options.deltaPageSize }),
  });
  for (const line of describe(emulator, tenant, secretLocation)) write(line);
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await emulator.close();
}

async function resolveTenant(
  options: EmulatorGraphOptions,
): Promise<{ tenant: TenantData; secretLocation: string }> {
  if (options.tenant !== undefined && options.users !== undefined) {
    throw new InvalidArgumentError("Expected either --tenant or --users, got both");
  }
  if (options.users === undefined) {
    const file = options.tenant ?? DEMO_TENANT;
    return { tenant: await loadTenantFile(file), secretLocation: `application.clientSecret in ${file}` };
  }
  const tenant = generateTenant({ users: options.users, groups: options.groups, seed: options.seed });
  if (options.writeTenant === undefined) {
    return {
      tenant,
      secretLocation: "application.clientSecret of the generated tenant: add --write-tenant FILE to save it",
    };
  }
  await writeFile(options.writeTenant, `${JSON.stringify(tenant, null, 2)}\n`, {
    encoding: "utf8",
    mode: 0o600,
  });
  return { tenant, secretLocation: `application.clientSecret in ${options.writeTenant}` };
}

function describe(emulator: GraphEmulator, tenant: TenantData, secretLocation: string): string[] {
  return [
    `Graph emulator listening at ${emulator.url}`,
    `  Graph base URL:       ${emulator.url} (requests go to ${emulator.url}/v1.0/...)`,
    `  Authority host:       ${emulator.authorityHost}`,
    `  Tenant id:            ${emulator.tenantId}`,
    `  Client id:            ${emulator.clientId}`,
    `  Service principal id: ${emulator.servicePrincipalId}`,
    `  CA certificate:       ${emulator.caFile} (trust it as caFile, or with NODE_EXTRA_CA_CERTS)`,
    `  Client secret:        ${secretLocation}`,
    `  Tenant:               ${tenant.users.length} users, ${tenant.groups.length} groups, ${tenant.appRoleAssignments.length} assignments`,
  ];
}

const integer =
  (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected ${what} between ${min} and ${max}, got ${value}`);
    }
    return n;
  };

/** `entra-sync emulator graph`: an Entra tenant behind Microsoft Graph v1.0 over HTTPS, until SIGINT / SIGTERM. */
export const emulatorGraphCommand = new Command("graph")
  .description("Run the Microsoft Graph / Entra tenant emulator over HTTPS (default: the demo tenant)")
  .option("--tenant <file>", "tenant JSON file (docs/tenant-format.md); default config/demo/tenant.json")
  .option("--users <n>", "generate a synthetic tenant with N users instead", integer("a user count", 0))
  .option("--groups <m>", "groups in a generated tenant", integer("a group count", 0), 10)
  .option(
    "--seed <s>",
    "seed of a generated tenant (same seed, same tenant)",
    integer("a seed", 0, 2 ** 32 - 1),
    1,
  )
  .option("--write-tenant <file>", "save the generated tenant (it holds the client secret) to this file")
  .option("--port <n>", "TCP port; 0 lets the OS pick one", integer("a port", 0, 65_535), 0)
  .option("--host <address>", "address to bind", "127.0.0.1")
  .option("--cert-dir <dir>", "where to write the CA certificate (default: a new temp dir)")
  .option("--delta-page-size <n>", "objects per delta page (default 100)", integer("a page size", 1, 999))
  .action(async (options: EmulatorGraphOptions) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    await runGraphEmulator(options, controller.signal, (line) => process.stdout.write(`${line}\n`));
  });
