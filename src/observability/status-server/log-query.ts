import { z } from "zod";
import type { LogQuery } from "../../state/state-store.js";

/**
 * A time as ISO-8601 (`2026-11-22T15:00:00+01:00`, `…Z`, or a date for its midnight UTC), turned into the
 * UTC form the log stores, since the store compares times as text: an offset left as typed would compare
 * wrongly against `…Z` times.
 */
const isoTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value).toISOString());

/** Query parameters of `GET /api/jobs/{name}/logs` (and the `logs` command's options). */
export const logFilterSchema = z.strictObject({
  action: z.enum(["Create", "Update", "Delete", "Disable", "StagedDelete", "Other"]).optional(),
  status: z.enum(["Success", "Failure", "Skipped", "Warning"]).optional(),
  /** Source id, userPrincipalName / displayName, or target id. */
  object: z.string().min(1).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export type LogFilter = z.output<typeof logFilterSchema>;

/** Turns raw filter values into a store query; throws "Expected …" messages for bad values. */
export function parseLogQuery(job: string, raw: Record<string, unknown>): LogQuery {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = logFilterSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`Expected a valid "${issue.path.join(".")}" filter: ${issue.message}`);
  }
  return { job, ...parsed.data };
}
