import type { AddressInfo } from "node:net";
import express from "express";
import { ConnectorError } from "../../domain/errors.js";
import type { Logger } from "../logger.js";
import { assertBindAllowed, bearerAuth } from "./access.js";
import { apiRoutes } from "./api-routes.js";
import { DASHBOARD_HTML } from "./dashboard.js";
import type { JobControl } from "./job-control.js";

export interface StatusServerOptions {
  readonly control: JobControl;
  /** Default 127.0.0.1; anything else requires `token`. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Bearer token required on every request when set. */
  readonly token?: string;
  readonly logger: Logger;
}

export interface StatusServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  close(): Promise<void>;
}

/** The operator's view: health, readiness, Prometheus metrics, the JSON API and the dashboard. */
export async function startStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const host = options.host ?? "127.0.0.1";
  assertBindAllowed(host, options.token);
  const { control } = options;
  const app = express();
  app.disable("x-powered-by");
  if (options.token) app.use(bearerAuth(options.token));
  app.use(express.json({ limit: "16kb" }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res) => {
    const reasons = control.unready();
    res.status(reasons.length === 0 ? 200 : 503).json({ ready: reasons.length === 0, reasons });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(control.metrics.contentType).send(await control.metrics.metrics());
  });
  app.get("/", (_req, res) => {
    res
      .type("html")
      .set(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
      )
      .send(DASHBOARD_HTML);
  });
  app.use("/api", apiRoutes(control));
  app.use((_req: express.Request, res: express.Response) => {
    res.status(404).json({ error: "Expected a known path (/, /healthz, /readyz, /metrics, /api/jobs)" });
  });
  // Connector messages never hold secrets and say what to fix; anything else is a bug, kept to the log.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).json({ error: "Expected a JSON request body" });
      return;
    }
    if (error instanceof ConnectorError) {
      res.status(502).json({ error: `${error.code}: ${error.message}` });
      return;
    }
    options.logger.error({ err: error }, "status API request failed");
    res.status(500).json({ error: "Internal error: see the daemon's log" });
  });

  const server = app.listen(options.port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
