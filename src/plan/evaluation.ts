import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { MappedObject } from "../pipeline/map.js";
import type { MatchResult } from "../pipeline/match.js";
import type { ScopeDecision } from "../pipeline/scope.js";
import type { LinkRecord } from "../state/link.js";
import type { Subject } from "./change.js";

/**
 * Everything the read, scope, map and match stages learnt about one object: the planner's input.
 * `scope` is null when a linked object did not come back from a full read of the tenant.
 */
export interface ObjectEvaluation {
  readonly subject: Subject;
  readonly importStep: ProvisioningStep;
  readonly scope: ScopeDecision | null;
  /** Set when Graph reported the object removed: soft (recycle bin) or hard (permanently deleted). */
  readonly removed: "soft" | "hard" | undefined;
  readonly link: LinkRecord | undefined;
  /** Present for objects the planner needs values of (in scope, or linked and leaving scope). */
  readonly mapped: MappedObject | undefined;
  /** Present for in-scope objects without a link. */
  readonly match: MatchResult | undefined;
}

/** Knobs the planner honours; all come from the job config (or a CLI approval for held deletes). */
export interface PlanSettings {
  readonly appName: string;
  readonly actions: { readonly create: boolean; readonly update: boolean; readonly delete: boolean };
  readonly skipOutOfScopeDeletions: boolean;
  /** Mapped string attributes not defined `caseExact`: a change of case alone is not sent. */
  readonly ignoreCase: ReadonlySet<string>;
}
