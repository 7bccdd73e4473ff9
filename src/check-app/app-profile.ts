import type { AppTemplate } from "../config/app-template.js";
import { parseAttributePath } from "../connectors/target/scim/attribute-path.js";
import { pathKind } from "../connectors/target/scim/path-kind.js";

/** What the checks need to know of an app template: the attribute paths its mappings write. */
export interface AppProfile {
  readonly name: string;
  /** User target paths sent on create and update, in mapping order (no manager: Entra sets it afterwards). */
  readonly userPaths: readonly string[];
  /** The manager path when the template maps one. */
  readonly managerPath: string | null;
  /** User matching attributes in precedence order (Entra tries them one at a time). */
  readonly userMatching: readonly string[];
  /** Group target paths (no members), or null when the template provisions no groups. */
  readonly groupPaths: readonly string[] | null;
  readonly groupMatching: readonly string[];
  /** The template maps group members, so Entra sends member PATCHes. */
  readonly groupMembers: boolean;
}

/** Reads the paths the vendor's customers will send out of the template's mappings. */
export function appProfile(template: AppTemplate): AppProfile {
  const userTargets = template.users.mappings.map((m) => m.target);
  const isKind = (target: string, kind: string) => pathKind(parseAttributePath(target)) === kind;
  const byPrecedence = (mappings: AppTemplate["users"]["mappings"]) =>
    mappings
      .filter((m) => m.matching !== undefined)
      .sort((a, b) => (a.matching ?? 0) - (b.matching ?? 0))
      .map((m) => m.target);
  const groups = template.groups;
  return {
    name: template.name,
    userPaths: userTargets.filter((t) => !isKind(t, "manager") && !isKind(t, "members")),
    managerPath: userTargets.find((t) => isKind(t, "manager")) ?? null,
    userMatching: byPrecedence(template.users.mappings),
    groupPaths: groups ? groups.mappings.map((m) => m.target).filter((t) => !isKind(t, "members")) : null,
    groupMatching: groups ? byPrecedence(groups.mappings) : [],
    groupMembers: groups?.mappings.some((m) => isKind(m.target, "members")) ?? false,
  };
}
