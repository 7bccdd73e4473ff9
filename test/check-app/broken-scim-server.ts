import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { startDemoScimApp } from "../../src/emulators/scim/demo-scim-app.js";

/** A request on its way to the app, as a fault may rewrite it. */
export interface ProxiedRequest {
  method: string;
  /** Path below the tenant URL, with the query: `/Users?filter=…`. */
  path: string;
  authorization: string;
  body: unknown;
}

/** The app's answer, as a fault may rewrite it. */
export interface ProxiedAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * One deliberately broken behaviour. `request` may rewrite the request or answer in the app's place;
 * `answer` may rewrite the app's answer. Everything else passes to the demo SCIM app untouched.
 */
export interface Fault {
  readonly request?: (request: ProxiedRequest, token: string) => ProxiedAnswer | undefined;
  readonly answer?: (request: ProxiedRequest, answer: ProxiedAnswer) => void;
}

export interface BrokenScimServer {
  readonly url: string;
  readonly token: string;
  /** Creates a user straight in the app (not through the proxy): a customer's data that is already there. */
  seedUser(userName: string): Promise<void>;
  /** The users the app holds (read directly, not through the proxy). */
  users(): readonly Record<string, unknown>[];
  groups(): readonly Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The demo SCIM app behind a rewriting proxy on 127.0.0.1 that breaks exactly one behaviour (or none):
 * every fault of `faults.ts` is one way a real SCIM server fails Entra, switchable one at a time.
 */
export async function startBrokenScimServer(fault: Fault | null): Promise<BrokenScimServer> {
  const token = randomBytes(16).toString("hex");
  const app = await startDemoScimApp({ token });
  const upstream = new URL(app.url);
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const path = (req.url ?? "/").slice(upstream.pathname.length);
    const request: ProxiedRequest = {
      method: req.method ?? "GET",
      path,
      authorization: req.headers.authorization ?? "",
      body: text === "" ? undefined : (JSON.parse(text) as unknown),
    };
    const answer = fault?.request?.(request, token) ?? (await forward(upstream, request));
    fault?.answer?.(request, answer);
    const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
    res.writeHead(answer.status, body === "" ? {} : { "content-type": answer.contentType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    token,
    seedUser: async (userName) => {
      const response = await fetch(`${app.url}/Users`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
        body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName }),
      });
      if (response.status !== 201)
        throw new Error(`Expected the seed user to be created, got ${response.status}`);
    },
    users: () => app.users(),
    groups: () => app.groups(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}

async function forward(upstream: URL, request: ProxiedRequest): Promise<ProxiedAnswer> {
  const response = await fetch(`${upstream.origin}${upstream.pathname}${request.path}`, {
    method: request.method,
    redirect: "manual",
    headers: {
      authorization: request.authorization,
      accept: "application/scim+json",
      ...(request.body === undefined ? {} : { "content-type": "application/scim+json" }),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "application/scim+json",
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
  };
}

async function readBody(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A fresh id, for answers the proxy makes up in the app's place. */
export const madeUpId = () => randomUUID();
