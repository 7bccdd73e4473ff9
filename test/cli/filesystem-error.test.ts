import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFilesystemError, isFixableFilesystemError } from "../../src/cli/filesystem-error.js";

/** An error shaped as Node's fs functions throw them. */
const fsError = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, errno: -1 });

const PATHS = "(init --out, demo --dir, the config's state.path or ENTRA_SYNC_STATE_DIR)";

describe("the one-line message for a file-system error an admin can fix", () => {
  it.each([
    [
      "EACCES",
      "open",
      "open",
      "permission denied",
      "give this user write access there, or choose another path",
    ],
    [
      "EPERM",
      "rename",
      "rename",
      "operation not permitted",
      "give this user write access there, or choose another path",
    ],
    [
      "EROFS",
      "mkdir",
      "create the folder",
      "read-only file system",
      "choose a path on a writable file system",
    ],
    [
      "ENOSPC",
      "write",
      "write to",
      "no space left on device",
      "free space on that disk, or choose another path",
    ],
  ])("tells %s (%s) with the path, its meaning and the way out", (code, syscall, action, meaning, fix) => {
    const error = fsError(code, syscall, "/srv/conf/x.db");
    expect(isFixableFilesystemError(error)).toBe(true);
    expect(describeFilesystemError(error as never)).toBe(
      `Expected to ${action} /srv/conf/x.db, got ${code} (${meaning}): ${fix} ${PATHS}`,
    );
  });

  it("makes a relative path absolute, so the message says which folder refused", () => {
    const error = fsError("EACCES", "open", "entra-sync.yaml");
    expect(describeFilesystemError(error as never)).toContain(
      `open ${resolve("entra-sync.yaml")}, got EACCES`,
    );
  });

  it("leaves other errors (a missing file, an error without a path) to the stack trace", () => {
    expect(isFixableFilesystemError(fsError("ENOENT", "open", "/x"))).toBe(false);
    expect(isFixableFilesystemError(Object.assign(new Error("x"), { code: "EACCES" }))).toBe(false);
    expect(isFixableFilesystemError({ code: "EACCES", syscall: "open", path: "/x" })).toBe(false);
  });
});
