import { resolve } from "node:path";

/**
 * Node's file-system errors an admin can fix (a folder they may not write to, a read-only mount, a full
 * disk). Any command can hit them (init's file, demo's folder, the state file beside a config), so the CLI
 * tells them in one line at the top level instead of each command catching them; every other errno stays a
 * bug with its stack.
 */
const FIXABLE: Readonly<Record<string, { readonly meaning: string; readonly fix: string }>> = {
  EACCES: {
    meaning: "permission denied",
    fix: "give this user write access there, or choose another path",
  },
  EPERM: {
    meaning: "operation not permitted",
    fix: "give this user write access there, or choose another path",
  },
  EROFS: { meaning: "read-only file system", fix: "choose a path on a writable file system" },
  ENOSPC: { meaning: "no space left on device", fix: "free space on that disk, or choose another path" },
};

/** Node's syscall names in words; an unlisted one is shown as Node names it. */
const ACTIONS: Readonly<Record<string, string>> = {
  mkdir: "create the folder",
  open: "open",
  write: "write to",
  rename: "rename",
  unlink: "remove",
  rmdir: "remove",
  rm: "remove",
  copyfile: "copy to",
  scandir: "list",
};

/** Where each command takes its path from, so the one line can say which flag or key moves it. */
const PATH_OPTIONS = "init --out, demo --dir, the config's state.path or ENTRA_SYNC_STATE_DIR";

type FixableError = NodeJS.ErrnoException & { readonly code: string; readonly path: string };

export function isFixableFilesystemError(error: unknown): error is FixableError {
  const e = error as Partial<NodeJS.ErrnoException> | null;
  return (
    error instanceof Error &&
    typeof e?.code === "string" &&
    e.code in FIXABLE &&
    typeof e.path === "string" &&
    typeof e.syscall === "string"
  );
}

/**
 * `Expected to create the folder /srv/ro/.entra-sync, got EACCES (permission denied): give this user write
 * access there, or choose another path (init --out, …)`. The path is made absolute (against the working
 * directory the command ran in): `entra-sync.yaml` alone would not say which folder refused.
 */
export function describeFilesystemError(error: FixableError): string {
  const { meaning, fix } = FIXABLE[error.code]!;
  const action = ACTIONS[error.syscall!] ?? error.syscall;
  return `Expected to ${action} ${resolve(error.path)}, got ${error.code} (${meaning}): ${fix} (${PATH_OPTIONS})`;
}
