import Database from "better-sqlite3";
import { openingStateFile } from "./state-failure.js";

/** Who holds a job and until when (ISO time). */
export interface JobLease {
  readonly owner: string;
  readonly expires: string;
}

/**
 * Lease-based per-job locks in the state file, so two daemons pointed at the same state never run the same
 * job. A lease must be renewed before it expires; one that expired can be taken over, so a daemon killed
 * with SIGKILL blocks its jobs for one lease at most.
 *
 * It uses its own connection and its own table (not a migration) so it can be opened next to the state
 * store without coupling the store's schema version to the daemon.
 */
export class JobLock {
  private readonly db: Database.Database;
  private readonly claim: Database.Transaction<
    (job: string, owner: string, now: Date, leaseMs: number) => boolean
  >;

  constructor(path: string) {
    this.db = openingStateFile(path, () => {
      const db = new Database(path);
      db.pragma("journal_mode = WAL");
      db.pragma("busy_timeout = 5000");
      db.exec("CREATE TABLE IF NOT EXISTS job_locks (job TEXT PRIMARY KEY, owner TEXT, expires TEXT)");
      return db;
    });
    const upsert = this.db.prepare(
      `INSERT INTO job_locks (job, owner, expires) VALUES (@job, @owner, @expires)
       ON CONFLICT(job) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
       WHERE job_locks.owner = excluded.owner OR job_locks.expires <= @now`,
    );
    // IMMEDIATE: the check and the write happen under one write lock, so two daemons cannot both win.
    this.claim = this.db.transaction((job: string, owner: string, now: Date, leaseMs: number) => {
      const expires = new Date(now.getTime() + leaseMs).toISOString();
      return upsert.run({ job, owner, expires, now: now.toISOString() }).changes === 1;
    });
  }

  /**
   * Takes the job for `leaseMs`, or extends the lease when `owner` already holds it. False when another
   * owner holds an unexpired lease.
   */
  acquire(job: string, owner: string, leaseMs: number, now = new Date()): boolean {
    return this.claim.immediate(job, owner, now, leaseMs);
  }

  /** Extends a lease `owner` holds; false when it lost the lease (it expired and another daemon took it). */
  renew(job: string, owner: string, leaseMs: number, now = new Date()): boolean {
    const held = this.db
      .prepare("UPDATE job_locks SET expires = ? WHERE job = ? AND owner = ?")
      .run(new Date(now.getTime() + leaseMs).toISOString(), job, owner);
    return held.changes === 1;
  }

  /**
   * Takes the job from `previousOwner` at once, whatever its lease says; false when someone else holds it by
   * now. For a holder known to be dead (a one-shot sync killed on this host).
   */
  takeOver(job: string, previousOwner: string, owner: string, leaseMs: number, now = new Date()): boolean {
    const taken = this.db
      .prepare("UPDATE job_locks SET owner = ?, expires = ? WHERE job = ? AND owner = ?")
      .run(owner, new Date(now.getTime() + leaseMs).toISOString(), job, previousOwner);
    return taken.changes === 1;
  }

  /** Gives the job up at once (a clean shutdown), so a standby daemon need not wait for the lease. */
  release(job: string, owner: string): void {
    this.db.prepare("DELETE FROM job_locks WHERE job = ? AND owner = ?").run(job, owner);
  }

  holder(job: string): JobLease | null {
    const row = this.db.prepare("SELECT owner, expires FROM job_locks WHERE job = ?").get(job) as
      | JobLease
      | undefined;
    return row ?? null;
  }

  close(): void {
    this.db.close();
  }
}
