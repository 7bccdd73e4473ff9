import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/observability/logger.js";
import { type StatusServer, startStatusServer } from "../../src/observability/status-server/server.js";
import { Daemon } from "../../src/scheduler/daemon.js";
import { JobLock } from "../../src/state/job-lock.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

/** The slice of playwright-core this test drives (imported by name so the type check needs no install). */
interface Locator {
  waitFor(options?: { state?: "visible" | "attached" | "detached" }): Promise<void>;
  nth(index: number): Locator;
  count(): Promise<number>;
  allTextContents(): Promise<string[]>;
  textContent(): Promise<string | null>;
  first(): Locator;
  click(): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  fill(value: string): Promise<void>;
  isVisible(): Promise<boolean>;
  locator(selector: string): Locator;
}
interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface PlaywrightCore {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

const PLAYWRIGHT = "playwright-core";

describe("the dashboard in headless Chromium", () => {
  let env: EngineEnv;
  let lock: JobLock;
  let daemon: Daemon;
  let server: StatusServer;
  let browser: Browser;
  const logger = createLogger("silent", false);

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    lock = new JobLock(join(env.dir, "state.db"));
    daemon = new Daemon({ jobs: env.loaded.jobs, runtime: env.runtime, lock, logger });
    server = await startStatusServer({ control: daemon, port: 0, logger });
    const started = daemon.run("e2e");
    if (started.kind !== "started") throw new Error(`Expected the cycle to start, got ${started.kind}`);
    await started.done;
    const { chromium } = (await import(PLAYWRIGHT)) as PlaywrightCore;
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
    await server?.close();
    lock?.close();
    await env?.close();
  });

  it("lists the jobs, filters the log, opens an entry's steps and properties, and saves a screenshot", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);

    const job = page.locator('[data-testid="job-row"][data-job="e2e"]');
    await job.waitFor();
    expect(await job.textContent()).toContain("Active");
    expect(await job.textContent()).toContain("6 / 2");

    await page.locator('[data-testid="log-row"]').first().waitFor();
    expect(await page.locator('[data-testid="log-row"]').count()).toBeGreaterThan(8);
    await page.locator('select[name="action"]').selectOption("Create");
    await page.locator('input[name="object"]').fill("alice@contoso.test");
    await page.locator('#filters button[type="submit"]').click();
    // Locators, not waitForFunction: the page's CSP forbids the eval that polling a string predicate needs.
    await page.locator('[data-testid="log-row"]').nth(1).waitFor({ state: "detached" });
    expect(await page.locator('[data-testid="log-row"]').count()).toBe(1);
    expect(await page.locator('[data-testid="log-row"]').first().textContent()).toContain(
      "alice@contoso.test",
    );

    await page.locator('[data-testid="log-row"]').first().click();
    expect(await page.locator("#detail").isVisible()).toBe(true);
    const stepTypes = await page.locator('[data-testid="detail-step"] td:nth-child(2)').allTextContents();
    expect(stepTypes).toEqual(["import", "scoping", "matching", "export"]);
    const properties = await page.locator('[data-testid="detail-property"]').allTextContents();
    // Property, old value (none on a create), new value: the cells of one row.
    expect(properties).toContain('userName—"alice@contoso.test"');

    // Paused, the job has no next cycle: the cell says so instead of showing a time that will not come.
    await job.locator("button").first().click();
    await page.locator('[data-testid="next-cycle"]:text-is("none (paused)")').waitFor();
    expect(await job.textContent()).toContain("Paused");

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });
  });
});
