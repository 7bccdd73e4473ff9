import type { Change } from "./change.js";

/**
 * Entra's accidental-deletion prevention: when one cycle would disable or delete more objects than the
 * threshold, none of those changes go out; each is held as a `StagedDelete` until an admin approves.
 * Disables that send nothing (already disabled) do not count.
 */
export function applyDeletionGuard(changes: readonly Change[], threshold: number, approved: boolean) {
  const isRemoval = (c: Change) => c.kind === "delete" || (c.kind === "disable" && c.changes.length > 0);
  const planned = changes.filter(isRemoval).length;
  const tripped = !approved && planned > threshold;
  const guarded: Change[] = tripped
    ? changes.map((c) =>
        isRemoval(c) && (c.kind === "delete" || c.kind === "disable")
          ? { kind: "stagedDelete", subject: c.subject, held: c, steps: c.steps }
          : c,
      )
    : [...changes];
  return { changes: guarded, guard: { planned, threshold, tripped } };
}
