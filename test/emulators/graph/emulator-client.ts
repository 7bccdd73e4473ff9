import { Agent, fetch } from "undici";
import type { GraphEmulator } from "../../../src/emulators/graph/index.js";

export interface RawReply {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  // biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary Graph JSON
  readonly body: any;
}

/** A raw HTTPS client for the emulator (trusting its CA), to test the wire without the Graph SDK. */
export class EmulatorClient {
  private readonly agent: Agent;
  private token: string | undefined;

  constructor(
    private readonly emulator: GraphEmulator,
    private readonly secret: string,
  ) {
    this.agent = new Agent({ connect: { ca: emulator.caPem } });
  }

  async tokenRequest(form: Record<string, string>, tenant = this.emulator.tenantId): Promise<RawReply> {
    return this.send("POST", `/${tenant}/oauth2/v2.0/token`, new URLSearchParams(form).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
  }

  async accessToken(): Promise<string> {
    if (this.token === undefined) {
      const reply = await this.tokenRequest({
        client_id: this.emulator.clientId,
        client_secret: this.secret,
        grant_type: "client_credentials",
        scope: "https://graph.microsoft.com/.default",
      });
      this.token = String(reply.body.access_token);
    }
    return this.token;
  }

  /** A Graph call with a valid bearer token; `path` is relative to the origin or an absolute link. */
  async graph(method: string, path: string, body?: unknown): Promise<RawReply> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.accessToken()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    return this.send(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  }

  async send(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<RawReply> {
    const url = path.startsWith("https://") ? path : `${this.emulator.url}${path}`;
    const response = await fetch(url, { method, body, headers, dispatcher: this.agent });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
  }

  /** Follows nextLinks from `path`; returns every item and the final page. */
  async all(path: string): Promise<{ items: RawReply["body"][]; pages: number; last: RawReply["body"] }> {
    const items: RawReply["body"][] = [];
    let reply = await this.graph("GET", path);
    let pages = 1;
    for (;;) {
      if (reply.status !== 200)
        throw new Error(`Expected 200 from ${path}, got ${reply.status} ${JSON.stringify(reply.body)}`);
      items.push(...reply.body.value);
      const next = reply.body["@odata.nextLink"];
      if (next === undefined) return { items, pages, last: reply.body };
      reply = await this.graph("GET", next);
      pages += 1;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
