import type { SourceId } from "./ids.js";
import type { UserCollection } from "./user-collection.js";
import type { SourceValue } from "./values.js";

/**
 * A user as read from Microsoft Graph. `attributes` holds the selected Graph properties by their Graph
 * names (`userPrincipalName`, `accountEnabled`, `mail`, …) plus extension attributes.
 */
export interface SourceUser {
  readonly id: SourceId;
  readonly attributes: Readonly<Record<string, SourceValue>>;
  /** The manager's object id; null = no manager; undefined = not read (manager not mapped). */
  readonly managerId?: SourceId | null;
  /** Set when Graph reported the user as removed (`@removed.reason`): soft (`changed`) or hard (`deleted`). */
  readonly removed?: "soft" | "hard";
}

/** A group as read from Graph, with its **direct** user members (Entra does not expand nesting). */
export interface SourceGroup {
  readonly id: SourceId;
  readonly attributes: Readonly<Record<string, SourceValue>>;
  readonly memberIds: readonly SourceId[];
  readonly removed?: "soft" | "hard";
}

/** An app role defined on the enterprise app (service principal). */
export interface AppRole {
  readonly id: string;
  readonly value: string | null;
  readonly displayName: string;
  readonly isEnabled: boolean;
}

/** An assignment of a user or group to the enterprise app, with the role it grants. */
export interface AppRoleAssignment {
  readonly id: string;
  readonly principalId: SourceId;
  readonly principalType: "User" | "Group" | "ServicePrincipal";
  /** `00000000-0000-0000-0000-000000000000` is the "Default Access" role. */
  readonly appRoleId: string;
}

/** The id Graph uses for the built-in "Default Access" role. */
export const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";

/** What the engine needs to read: Graph property names per object type. */
export interface SourceSelection {
  readonly userAttributes: readonly string[];
  readonly groupAttributes: readonly string[];
  readonly includeGroups: boolean;
  /** Read each user's manager (only when a mapping needs it). */
  readonly includeManager: boolean;
}

/** Opaque per-job position in Graph's change stream (the delta links). */
export interface SourceWatermark {
  readonly usersDeltaLink: string;
  readonly groupsDeltaLink: string | null;
}

/** A complete read of the tenant: every user and group, plus the watermark to continue from. */
export interface FullRead {
  /** The collection given to `readAll`, filled. */
  readonly users: UserCollection;
  readonly groups: readonly SourceGroup[];
  readonly watermark: SourceWatermark;
}

/**
 * Changes since a watermark. Users/groups carry only what Graph sent (see `removed`); group entries carry
 * `addedMemberIds` / `removedMemberIds` from `members@delta`.
 */
export interface DeltaRead {
  readonly kind: "delta";
  readonly users: readonly SourceUser[];
  readonly groups: readonly SourceGroupChange[];
  readonly watermark: SourceWatermark;
}

export interface SourceGroupChange {
  readonly id: SourceId;
  readonly attributes: Readonly<Record<string, SourceValue>>;
  readonly addedMemberIds: readonly SourceId[];
  readonly removedMemberIds: readonly SourceId[];
  readonly removed?: "soft" | "hard";
}

/** The stored delta link was rejected (expired token, 410 resync): the caller must do a full read. */
export interface DeltaExpired {
  readonly kind: "expired";
  readonly reason: string;
}

/** The enterprise app's assignments and role definitions. */
export interface AppAssignments {
  readonly appRoles: readonly AppRole[];
  readonly assignments: readonly AppRoleAssignment[];
}

/**
 * Reads the Entra tenant. Implemented over Microsoft Graph (`connectors/source/graph`) and in memory for
 * unit tests. Every method throws {@link SourceReadError} when the read cannot complete: a partial read is
 * never returned as if it were the whole tenant.
 */
export interface SourceConnector {
  /** Merges the tenant's users into `users` page by page (it must start empty). */
  readAll(selection: SourceSelection, users: UserCollection): Promise<FullRead>;
  readChanges(selection: SourceSelection, watermark: SourceWatermark): Promise<DeltaRead | DeltaExpired>;
  readAssignments(servicePrincipalId: string): Promise<AppAssignments>;
  /** One user by object id or userPrincipalName (on-demand provisioning); null when absent. */
  readUser(idOrUpn: string, selection: SourceSelection): Promise<SourceUser | null>;
  /**
   * Whether a user is a direct member of a group (on-demand provisioning's scope). Reads the group's members
   * page by page and stops at the user, holding none of them; false for a group that no longer exists.
   */
  isDirectMember(groupId: SourceId, userId: SourceId): Promise<boolean>;
}
