import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type ScimTestServer, startScimmyTestServer } from "../../support/scim-servers/index.js";

/** A SCIM test server behind a gate: while held, requests wait, so a test can catch a cycle mid-flight. */
export interface GatedScim extends ScimTestServer {
  hold(): void;
  release(): void;
  /** Requests waiting at the gate. */
  waiting(): number;
}

/** Hop-by-hop and framing headers: fetch sets its own. */
const SKIPPED = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "content-encoding",
  "keep-alive",
]);
const forwardable = (entries: Iterable<[string, unknown]>): Record<string, string> =>
  Object.fromEntries(
    [...entries].filter((e): e is [string, string] => typeof e[1] === "string" && !SKIPPED.has(e[0])),
  );

const bodyOf = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export async function startGatedScim(): Promise<GatedScim> {
  const inner = await startScimmyTestServer();
  const origin = new URL(inner.url).origin;
  let gate: Promise<void> | null = null;
  let open: () => void = () => {};
  let waiting = 0;
  const proxy = createServer(async (req, res) => {
    const body = await bodyOf(req);
    if (gate) {
      waiting += 1;
      await gate;
      waiting -= 1;
    }
    const reply = await fetch(new URL(req.url ?? "/", origin), {
      method: req.method,
      headers: forwardable(Object.entries(req.headers)),
      body: body.length > 0 ? body : undefined,
    });
    res.writeHead(reply.status, forwardable(reply.headers.entries()));
    res.end(Buffer.from(await reply.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  const url = new URL(inner.url);
  url.port = String(port);
  return {
    name: "scimmy behind a gate",
    url: url.toString().replace(/\/$/, ""),
    token: inner.token,
    get requestLog() {
      return inner.requestLog;
    },
    clearRequestLog: () => inner.clearRequestLog(),
    users: () => inner.users(),
    groups: () => inner.groups(),
    hold: () => {
      gate ??= new Promise((resolve) => (open = resolve));
    },
    release: () => {
      gate = null;
      open();
    },
    waiting: () => waiting,
    close: async () => {
      open();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await inner.close();
    },
  };
}
