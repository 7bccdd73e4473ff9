import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultKind, type FaultProxy, startFaultProxy } from "../support/fault-proxy.js";

describe("the fault-injecting proxy", () => {
  let upstream: Server;
  let upstreamUrl: string;
  let hits = 0;
  const proxies: FaultProxy[] = [];
  const proxyWith = async (rate: number, kinds: readonly FaultKind[], seed = 7) => {
    const proxy = await startFaultProxy({ upstream: upstreamUrl, rate, kinds, seed, holdMs: 300 });
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      hits++;
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => res.writeHead(201, { "x-seen": req.url ?? "" }).end(`echo:${body}`));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/scim`;
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it("passes requests through untouched at a zero fault rate", async () => {
    const proxy = await proxyWith(0, ["serverError"]);
    const response = await fetch(proxy.urlFor(`${upstreamUrl}/Users?x=1`), { method: "POST", body: "hi" });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-seen")).toBe("/scim/Users?x=1");
    expect(await response.text()).toBe("echo:hi");
    expect(proxy.counts).toEqual({ throttle: 0, serverError: 0, timeout: 0, reset: 0, passed: 1 });
  });

  it("throttles with a Retry-After in seconds and never forwards a throttled request", async () => {
    const proxy = await proxyWith(1, ["throttle"]);
    const before = hits;
    const response = await fetch(proxy.urlFor(upstreamUrl), { method: "POST", body: "x" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(hits).toBe(before);
    expect(proxy.requests).toEqual([{ method: "POST", path: "/scim", fault: "throttle", forwarded: false }]);
  });

  it("answers 500, resets connections and holds requests past the client's timeout, counting each", async () => {
    const errors = await proxyWith(1, ["serverError"]);
    expect((await fetch(errors.urlFor(upstreamUrl))).status).toBe(500);
    const resets = await proxyWith(1, ["reset"]);
    await expect(fetch(resets.urlFor(upstreamUrl))).rejects.toThrow();
    const holds = await proxyWith(1, ["timeout"]);
    await expect(fetch(holds.urlFor(upstreamUrl), { signal: AbortSignal.timeout(100) })).rejects.toThrow(
      /timeout|aborted/i,
    );
    expect([errors.counts.serverError, resets.counts.reset, holds.counts.timeout]).toEqual([1, 1, 1]);
  });

  it("injects the same faults for the same seed, at about the configured rate, up to maxFaults", async () => {
    const run = async (seed: number, maxFaults?: number) => {
      const proxy = await startFaultProxy({
        upstream: upstreamUrl,
        rate: 0.2,
        seed,
        kinds: ["throttle", "serverError"],
        ...(maxFaults === undefined ? {} : { maxFaults }),
      });
      proxies.push(proxy);
      for (let i = 0; i < 200; i++) await (await fetch(proxy.urlFor(upstreamUrl))).arrayBuffer();
      return proxy.requests.map((r) => r.fault);
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    const injected = first.filter((f) => f !== null).length;
    expect(injected).toBeGreaterThan(20);
    expect(injected).toBeLessThan(60);
    expect((await run(42, 3)).filter((f) => f !== null)).toHaveLength(3);
  });
});
