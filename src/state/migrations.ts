/**
 * Schema migrations, applied in order inside one transaction; `PRAGMA user_version` records how many ran.
 * Never edit a shipped migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE job_state (
    job TEXT PRIMARY KEY,
    fingerprint TEXT,
    watermark TEXT,
    status TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE links (
    job TEXT NOT NULL,
    object_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    exported TEXT NOT NULL,
    manager_id TEXT,
    member_ids TEXT NOT NULL DEFAULT '[]',
    disabled_reason TEXT,
    PRIMARY KEY (job, object_type, source_id)
  );
  CREATE TABLE escrows (
    job TEXT NOT NULL,
    object_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_failed TEXT NOT NULL,
    last_failed TEXT NOT NULL,
    next_attempt TEXT NOT NULL,
    error_code TEXT NOT NULL,
    error_message TEXT NOT NULL,
    reference_failure INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job, object_type, source_id)
  );
  CREATE TABLE cycles (
    cycle_id TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    kind TEXT NOT NULL,
    started TEXT NOT NULL,
    ended TEXT,
    state TEXT NOT NULL,
    counters TEXT NOT NULL DEFAULT '{}',
    error TEXT
  );
  CREATE INDEX cycles_job ON cycles (job, started);
  CREATE TABLE provisioning_log (
    id TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    cycle_id TEXT NOT NULL,
    time TEXT NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    object_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    source_name TEXT NOT NULL,
    target_id TEXT,
    error_code TEXT,
    entry TEXT NOT NULL
  );
  CREATE INDEX provisioning_log_job_time ON provisioning_log (job, time);
  CREATE INDEX provisioning_log_source ON provisioning_log (job, source_id);
  `,
  `
  -- The connector data store: the source as last read, so an incremental cycle can re-evaluate scope for
  -- the objects a delta touched without reading the whole tenant again.
  CREATE TABLE source_objects (
    job TEXT NOT NULL,
    object_type TEXT NOT NULL,
    id TEXT NOT NULL,
    attributes TEXT NOT NULL,
    manager_id TEXT,
    removed TEXT,
    PRIMARY KEY (job, object_type, id)
  );
  CREATE TABLE source_members (
    job TEXT NOT NULL,
    group_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    PRIMARY KEY (job, group_id, member_id)
  );
  CREATE INDEX source_members_member ON source_members (job, member_id);
  CREATE TABLE source_assignments (
    job TEXT NOT NULL,
    id TEXT NOT NULL,
    principal_id TEXT NOT NULL,
    principal_type TEXT NOT NULL,
    app_role_id TEXT NOT NULL,
    PRIMARY KEY (job, id)
  );
  `,
  `
  -- Incremental cycles look up the groups of each changed user: a covering index answers that from the
  -- index alone (the primary key starts with group_id and cannot serve it).
  DROP INDEX source_members_member;
  CREATE INDEX source_members_by_member ON source_members (job, member_id, group_id);
  `,
  `
  -- Log entries get an integer key: a random-UUID primary key made every insert a random write into its
  -- own index (67 µs per 2 KB entry against 41 µs without it). Entry ids stay, as a plain column.
  CREATE TABLE provisioning_log_next (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    job TEXT NOT NULL,
    cycle_id TEXT NOT NULL,
    time TEXT NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    object_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    source_name TEXT NOT NULL,
    target_id TEXT,
    error_code TEXT,
    entry TEXT NOT NULL
  );
  INSERT INTO provisioning_log_next (id, job, cycle_id, time, action, status, object_type, source_id, source_name,
    target_id, error_code, entry)
    SELECT id, job, cycle_id, time, action, status, object_type, source_id, source_name, target_id, error_code, entry
    FROM provisioning_log ORDER BY rowid;
  DROP TABLE provisioning_log;
  ALTER TABLE provisioning_log_next RENAME TO provisioning_log;
  CREATE INDEX provisioning_log_job_time ON provisioning_log (job, time);
  CREATE INDEX provisioning_log_source ON provisioning_log (job, source_id);
  `,
  `
  -- No query reads the log by source id (\`logs --object\` also matches names and target ids, so SQLite walks
  -- the (job, time) index either way), yet every entry was a random insert into this index: 37–42 → 28–29 µs
  -- per 3 KB entry without it, the same 0.1 s object lookup over 150k entries (docs/benchmarks.md).
  DROP INDEX IF EXISTS provisioning_log_source;
  `,
  `
  -- Objects whose escrow was cleared by a restart, pruned (escrowsPruned) or expired after 28 days while their
  -- change is still not in the app: every cycle evaluates them again until one provisions them, fails anew
  -- (a new escrow) or finds nothing to send (docs/reliability.md).
  CREATE TABLE released_escrows (
    job TEXT NOT NULL,
    object_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    first_failed TEXT NOT NULL,
    last_failed TEXT NOT NULL,
    error_code TEXT NOT NULL,
    error_message TEXT NOT NULL,
    released_by TEXT NOT NULL,
    released TEXT NOT NULL,
    PRIMARY KEY (job, object_type, source_id)
  );
  `,
];
