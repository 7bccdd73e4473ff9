import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the scripted server saw it, headers included (for asserting what a client sends). */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers one request; may also never answer (to provoke a timeout) or destroy the socket. */
export type Reply = (res: ServerResponse, req: IncomingMessage) => void;

export interface ScriptedHttpServer {
  /** `http://127.0.0.1:PORT/scim` */
  readonly url: string;
  readonly requests: readonly SeenRequest[];
  /** Queues replies; requests beyond the script get `fallback`. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

/** A raw node:http server that answers from a script, for failure modes real SCIM servers will not produce. */
export async function startScriptedHttpServer(
  fallback: Reply = json(500, { detail: "unscripted" }),
): Promise<ScriptedHttpServer> {
  const requests: SeenRequest[] = [];
  const queue: Reply[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      (queue.shift() ?? fallback)(res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A reply with a JSON body (SCIM media type unless told otherwise). */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/scim+json",
): Reply {
  return (res) => {
    res.writeHead(status, { "content-type": contentType, ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
}

export const noContent: Reply = (res) => {
  res.writeHead(204);
  res.end();
};

/** Never answers: the client's timeout has to fire. */
export const hang: Reply = () => {};

/** Closes the connection without a response. */
export const reset: Reply = (_res, req) => {
  req.socket.destroy();
};
