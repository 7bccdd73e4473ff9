import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { CliSpawnOptions } from "./cli.js";

/** The unprivileged user of Debian and of Node's images (`nobody` / `nogroup`). */
const NOBODY = 65534;

const isRoot = process.getuid?.() === 0;

/**
 * Temp folders for a CLI child process that runs as a user other than root, for tests of what it may and
 * may not write (a read-only folder, a container's read-only config and writable volume). Root ignores
 * permission bits (tests and CI run as root), so there the CLI runs as `nobody`: folders stay owned by root
 * with mode 755 (readable, not writable by anyone else) unless handed to it. Otherwise the CLI runs as this
 * user and a locked folder is made read-only (555). Either way the CLI can read what the test wrote. Call at
 * the top level of a test file; everything is made writable again and removed after each test.
 */
export function cliUserDirs(prefix: string): {
  /** Spawn options that run the CLI as that user. */
  readonly cliUser: CliSpawnOptions;
  /** A new, empty temp folder the CLI can read (still writable by the test until {@link lock}). */
  make(): string;
  /** Makes `path` (a folder made here, or one inside it) unwritable for {@link cliUser}. */
  lock(path: string): void;
  /** A new, empty temp folder {@link cliUser} can write, as a container's volume owned by its user. */
  makeWritable(): string;
} {
  const made: string[] = [];
  const locked: string[] = [];
  afterEach(() => {
    for (const path of locked.splice(0)) chmodSync(path, 0o755);
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const make = () => {
    const dir = mkdtempSync(join(tmpdir(), `entra-sync-${prefix}-`));
    // mkdtemp makes 700; the CLI (as nobody) must be able to enter and read it.
    chmodSync(dir, 0o755);
    made.push(dir);
    return dir;
  };
  return {
    cliUser: isRoot ? { uid: NOBODY, gid: NOBODY } : {},
    make,
    lock: (path) => {
      chmodSync(path, isRoot ? 0o755 : 0o555);
      locked.push(path);
    },
    makeWritable: () => {
      const dir = make();
      if (isRoot) chownSync(dir, NOBODY, NOBODY);
      return dir;
    },
  };
}
