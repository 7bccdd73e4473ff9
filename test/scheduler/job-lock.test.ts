import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JobLock } from "../../src/state/job-lock.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";

const t0 = new Date("2025-01-01T00:00:00.000Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("JobLock on a state file shared by two daemons", () => {
  let dir: string;
  let a: JobLock;
  let b: JobLock;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "entra-sync-lock-"));
    const path = join(dir, "state.db");
    new SqliteStateStore(path).close();
    a = new JobLock(path);
    b = new JobLock(path);
  });
  afterEach(() => {
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives a job to one owner at a time and lets the holder renew it", () => {
    expect(a.acquire("hr", "daemon-a", 60_000, t0)).toBe(true);
    expect(b.acquire("hr", "daemon-b", 60_000, later(1000))).toBe(false);
    expect(a.acquire("hr", "daemon-a", 60_000, later(50_000))).toBe(true);
    expect(b.acquire("hr", "daemon-b", 60_000, later(70_000))).toBe(false);
    expect(b.holder("hr")).toEqual({ owner: "daemon-a", expires: later(110_000).toISOString() });
    expect(b.acquire("payroll", "daemon-b", 60_000, t0)).toBe(true);
  });

  it("lets another owner take over a lease that expired, after which the old holder cannot renew", () => {
    a.acquire("hr", "daemon-a", 60_000, t0);
    expect(b.acquire("hr", "daemon-b", 60_000, later(60_000))).toBe(true);
    expect(a.renew("hr", "daemon-a", 60_000, later(61_000))).toBe(false);
    expect(b.renew("hr", "daemon-b", 60_000, later(61_000))).toBe(true);
  });

  it("frees the job at once when the holder releases it", () => {
    a.acquire("hr", "daemon-a", 60_000, t0);
    b.release("hr", "daemon-b");
    expect(b.acquire("hr", "daemon-b", 60_000, later(1)), "a non-holder cannot release").toBe(false);
    a.release("hr", "daemon-a");
    expect(b.holder("hr")).toBeNull();
    expect(b.acquire("hr", "daemon-b", 60_000, later(2))).toBe(true);
  });
});
