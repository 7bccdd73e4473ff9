import { randomBytes } from "node:crypto";
import { startDemoScimApp } from "../../src/emulators/scim/demo-scim-app.js";
import { startFastScimServer } from "./fast-scim-server.js";

export type TargetKind = "demo" | "fast";

/** A SCIM app the engine provisions into, as the benchmark parent sees it: where it is and what it served. */
export interface BenchTarget {
  readonly kind: TargetKind;
  readonly url: string;
  readonly token: string;
  /** Requests answered since the last `clear`; `writes` counts everything but GET. */
  counts(): { readonly requests: number; readonly writes: number };
  clear(): void;
  close(): Promise<void>;
}

async function startDemo(): Promise<BenchTarget> {
  const token = randomBytes(16).toString("hex");
  const app = await startDemoScimApp({ token });
  return {
    kind: "demo",
    url: app.url,
    token,
    counts: () => ({
      requests: app.requestLog.length,
      writes: app.requestLog.filter((r) => r.method !== "GET").length,
    }),
    clear: () => app.clearRequestLog(),
    close: () => app.close(),
  };
}

async function startFast(): Promise<BenchTarget> {
  const server = await startFastScimServer();
  return {
    kind: "fast",
    url: server.url,
    token: server.token,
    counts: () => {
      const all = Object.entries(server.requests);
      const total = all.reduce((sum, [, n]) => sum + n, 0);
      return { requests: total, writes: total - (server.requests.GET ?? 0) };
    },
    clear: () => server.resetCounters(),
    close: () => server.close(),
  };
}

export const startTarget = (kind: TargetKind): Promise<BenchTarget> =>
  kind === "demo" ? startDemo() : startFast();
