import { z } from "zod";
import type { EntityType } from "./properties.js";

/**
 * Everything a delta round needs to continue, carried in the `$skiptoken` / `$deltatoken` itself (the
 * server keeps no per-client state, so replaying a link is idempotent).
 * - `initial`: the first round, walking the live objects by slot; `to` is the change-log head when the
 *   round started, so the deltaLink replays anything that changed while the client was paging.
 * - `changes`: a later round over the change log `[from, to)`; `to` is fixed when the round's first page
 *   is served (a deltaLink carries `to: null`).
 * `cursor` indexes the objects of the round; `memberCursor` the members of the current group when one
 * group's `members@delta` spans pages.
 */
const deltaStateSchema = z.object({
  v: z.literal(1),
  type: z.enum(["user", "group"]),
  select: z.array(z.string()).nullable(),
  pageSize: z.number().int().positive(),
  epoch: z.number().int().nonnegative(),
  phase: z.enum(["initial", "changes"]),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative().nullable(),
  cursor: z.number().int().nonnegative(),
  memberCursor: z.number().int().nonnegative(),
});

export type DeltaState = z.infer<typeof deltaStateSchema> & { readonly type: EntityType };

export const encodeDeltaToken = (state: DeltaState): string =>
  Buffer.from(JSON.stringify(state), "utf8").toString("base64url");

/** Undefined for anything that is not a token this emulator issued. */
export function decodeDeltaToken(token: string): DeltaState | undefined {
  try {
    const parsed = deltaStateSchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
