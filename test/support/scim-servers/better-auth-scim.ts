import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { scim } from "@better-auth/scim";
import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { toNodeHandler } from "better-auth/node";
import type { RecordedRequest } from "../../../src/emulators/scim/request-log.js";
import type { ScimJson, ScimTestServer } from "./scim-test-server.js";

const BASE_PATH = "/api/auth/scim/v2";

/**
 * better-auth 1.7.5 with @better-auth/scim, an independent SCIM server written with Entra in mind
 * (scim-targets.md): `toNodeHandler` on a plain node:http server, the memory adapter, one connection whose
 * bearer credential is a fresh random token, and Entra's legacy group schema accepted.
 */
export async function startBetterAuthScim(): Promise<ScimTestServer> {
  const token = randomBytes(16).toString("hex");
  const requestLog: RecordedRequest[] = [];
  // The memory adapter needs one plain array per model before the first request.
  const database: Record<string, unknown[]> = {};
  let handler: ((request: Request) => Promise<Response>) | undefined;

  const server = createServer(
    toNodeHandler(async (request: Request) => {
      const body =
        request.method === "GET" || request.method === "DELETE" ? "" : await request.clone().text();
      const response = await handler!(request);
      const url = new URL(request.url);
      requestLog.push({
        method: request.method,
        path: url.pathname.slice(BASE_PATH.length),
        query: Object.fromEntries(url.searchParams),
        rawQuery: url.search.slice(1),
        body: body === "" ? undefined : (JSON.parse(body) as unknown),
        status: response.status,
      });
      return response;
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const auth = betterAuth({
    secret: randomBytes(32).toString("hex"),
    baseURL: origin,
    database: memoryAdapter(database),
    logger: { disabled: true },
    telemetry: { enabled: false },
    plugins: [
      scim({
        connections: [{ id: "entra-sync-tests", credentials: [{ type: "bearer", id: "tests", token }] }],
        compatibility: { microsoftEntra: { acceptLegacyGroupSchema: true } },
      }),
    ],
  });
  const context = await auth.$context;
  for (const table of Object.values(context.tables)) database[table.modelName] ??= [];
  handler = auth.handler;

  /** Lists a collection straight through the auth handler, so the request log only shows the client's traffic. */
  async function list(collection: "Users" | "Groups"): Promise<ScimJson[]> {
    const resources: ScimJson[] = [];
    for (let startIndex = 1; ; ) {
      const response = await auth.handler(
        new Request(`${origin}${BASE_PATH}/${collection}?startIndex=${startIndex}&count=100`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      const page = (await response.json()) as { Resources?: ScimJson[]; totalResults: number };
      resources.push(...(page.Resources ?? []));
      startIndex += page.Resources?.length ?? 0;
      if (!page.Resources?.length || resources.length >= page.totalResults) return resources;
    }
  }

  return {
    name: "better-auth",
    url: `${origin}${BASE_PATH}`,
    token,
    requestLog,
    clearRequestLog: () => {
      requestLog.length = 0;
    },
    users: () => list("Users"),
    groups: () => list("Groups"),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
