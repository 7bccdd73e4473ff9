import type { ErrorCode } from "./errors.js";
import type { ObjectType } from "./ids.js";

/** Entra's `provisioningAction` values (portal casing). */
export type ProvisioningAction = "Create" | "Update" | "Delete" | "Disable" | "StagedDelete" | "Other";
/** Entra's `provisioningStatusInfo.status` values. */
export type ProvisioningStatus = "Success" | "Failure" | "Skipped" | "Warning";
export type StepType = "import" | "scoping" | "matching" | "processing" | "referenceResolution" | "export";

/** Entra's skip reasons (the `SkipReason` detail of an `EntrySynchronizationSkip` step). */
export type SkipReason =
  | "RedundantExport"
  | "NotEffectivelyEntitled"
  | "MandatoryFieldsMissing"
  | "ImportSkipped"
  | "OutOfScopeDeletionSkipped"
  | "TargetObjectActionDisabled"
  | "UnableToResolveReferenceAttributeValue";

/** One step of an entry, as in Entra's `provisioningSteps[]`. */
export interface ProvisioningStep {
  readonly name: string;
  readonly type: StepType;
  readonly status: "success" | "failure" | "skipped" | "warning";
  readonly description: string;
  readonly details: Readonly<Record<string, string>>;
}

/** `modifiedProperties[]`: values as JSON text, like Entra shows them. */
export interface ModifiedProperty {
  readonly displayName: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

/**
 * One provisioning-log entry, shaped after Graph's `provisioningObjectSummary`. Immutable once written.
 */
export interface ProvisioningLogEntry {
  readonly id: string;
  readonly jobName: string;
  readonly cycleId: string;
  readonly changeId: string;
  readonly activityDateTime: string;
  readonly durationInMilliseconds: number;
  readonly action: ProvisioningAction;
  readonly status: ProvisioningStatus;
  readonly errorCode: ErrorCode | SkipReason | null;
  /** Why it succeeded, failed or was skipped, in words. */
  readonly reason: string;
  readonly objectType: ObjectType;
  readonly sourceId: string;
  readonly sourceDisplayName: string;
  readonly targetId: string | null;
  readonly steps: readonly ProvisioningStep[];
  readonly modifiedProperties: readonly ModifiedProperty[];
}
