import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { JobLock } from "../state/job-lock.js";

/** How long a one-shot run holds a job; renewed every third of it while the cycle runs. */
const LEASE_MS = 60_000;

/** Another process (a daemon, or another sync) holds the job. */
export class JobBusyError extends Error {
  override readonly name = "JobBusyError";
}

/** A lease left by a one-shot sync on this host whose process is gone (SIGKILL, crash) is taken at once. */
function takeOverFromDeadSync(lock: JobLock, job: string, owner: string): boolean {
  const holder = lock.holder(job);
  const [kind, host, pid] = holder?.owner.split(":") ?? [];
  if (!holder || kind !== "sync" || host !== hostname() || !pid || processAlive(Number(pid))) return false;
  return lock.takeOver(job, holder.owner, owner, LEASE_MS);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `work` while holding the job's lease in the state file, the same lease a daemon takes, so a one-shot
 * `sync` never runs a job that a daemon (or another sync) is running on the same state.
 */
export async function withJobLease<T>(lock: JobLock, job: string, work: () => Promise<T>): Promise<T> {
  const owner = `sync:${hostname()}:${process.pid}:${randomUUID()}`;
  if (!lock.acquire(job, owner, LEASE_MS) && !takeOverFromDeadSync(lock, job, owner)) {
    const holder = lock.holder(job);
    throw new JobBusyError(
      `Expected job "${job}" to be free, got it held by ${holder?.owner ?? "another process"} until ${holder?.expires ?? "?"}`,
    );
  }
  const renewal = setInterval(() => lock.renew(job, owner, LEASE_MS), LEASE_MS / 3);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    lock.release(job, owner);
  }
}
