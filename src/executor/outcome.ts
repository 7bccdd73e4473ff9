import type { ConnectorError } from "../domain/errors.js";
import type { SourceId, TargetId } from "../domain/ids.js";
import type { Change } from "../plan/change.js";

/**
 * What happened to one planned change. Apply returns outcomes and never throws for one object's failure.
 * `notAttempted`: the cycle stopped (a job-level failure such as revoked credentials) before reaching it.
 */
export type Outcome =
  | {
      readonly kind: "success";
      readonly change: Change;
      readonly targetId: TargetId | null;
      readonly durationMs: number;
      /** For member changes: the members the app holds now (planned members without an id are left out). */
      readonly memberIds?: readonly SourceId[];
    }
  | {
      readonly kind: "failure";
      readonly change: Change;
      readonly error: ConnectorError;
      readonly durationMs: number;
      /** For member changes: the members actually in the app after the batches that did succeed. */
      readonly memberIds?: readonly SourceId[];
    }
  | { readonly kind: "noop"; readonly change: Change }
  | { readonly kind: "notAttempted"; readonly change: Change };
