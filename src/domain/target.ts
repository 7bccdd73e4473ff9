import type { ObjectType, TargetId } from "./ids.js";
import type { AttributeChange, FlatAttributes } from "./values.js";

/** A resource as the target app holds it, flattened to the attribute paths the job maps. */
export interface TargetResource {
  readonly id: TargetId;
  readonly attributes: FlatAttributes;
}

/**
 * The SCIM app as the engine sees it. Implemented over HTTP by `connectors/target/scim` (which knows both
 * PATCH dialects) and in memory for unit tests. Every method throws `ConnectorError` on failure.
 */
export interface TargetConnector {
  /**
   * `GET /Users?filter=<attribute> eq "<value>"` (groups add `excludedAttributes=members`). Returns every
   * hit, flattened to `paths` (the attribute paths the job maps), so the caller can detect duplicates.
   */
  query(
    type: ObjectType,
    attribute: string,
    value: string,
    paths: readonly string[],
  ): Promise<TargetResource[]>;
  /** `GET /Users/{id}`; null on 404. */
  get(type: ObjectType, id: TargetId, paths: readonly string[]): Promise<TargetResource | null>;
  /** `POST /Users` (groups are created without members). Returns the app's id. */
  create(type: ObjectType, attributes: FlatAttributes): Promise<TargetId>;
  /** `PATCH` with exactly these changes, rendered in the job's dialect. */
  update(type: ObjectType, id: TargetId, changes: readonly AttributeChange[]): Promise<void>;
  /** One `PATCH /Groups/{id}` adding and/or removing these members (the caller batches). */
  updateMembers(groupId: TargetId, add: readonly TargetId[], remove: readonly TargetId[]): Promise<void>;
  /** `DELETE /Users/{id}`; a 404 counts as done. */
  delete(type: ObjectType, id: TargetId): Promise<void>;
  /** Entra's probe: `GET /Users?filter=<attribute> eq "<random guid>"` must answer 200 with no resources. */
  testConnection(attribute: string): Promise<void>;
}
