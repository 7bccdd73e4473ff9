import { parseAttributePath } from "../../connectors/target/scim/attribute-path.js";
import {
  coerceAttributeValue,
  flattenResource,
  type ScimDialect,
} from "../../connectors/target/scim/index.js";
import { pathKind } from "../../connectors/target/scim/path-kind.js";
import { type AttributeChange, attrValuesEqual } from "../../domain/values.js";
import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { dialectTag } from "../check-context.js";
import { isSuccess, resourceBody, sendGet, sendPatch } from "../entra-requests.js";
import { sampleUser } from "../sample-values.js";

/**
 * The legacy role PATCH is a JSON-encoded `{id, value, displayName}` whose app-role `id` the engine does not
 * know (docs/scim-client.md), so this checker cannot send Entra's exact bytes: no failure on that guess.
 */
const LEGACY_ROLE_CAVEAT =
  "the legacy dialect sends the role JSON-encoded in an Add (not replacing the primary role); use the flag if the app cannot decode it";

/** Paths other checks cover on their own (12 active, 14 userName), and the one anchor of a user. */
const OWN_CHECK = new Set(["username", "active", "externalid"]);

interface Shape {
  readonly label: string;
  readonly paths: readonly string[];
  /** Absent at create, so the change is an `Add`. */
  readonly add: boolean;
  /** Why an app that ignores this shape only earns a warning, when it does. */
  readonly warnOnly?: string;
}

/** Check 11: every PATCH shape the template's mappings produce, in the dialect, verified by GET. */
export const patchShapesCheck: CheckDefinition = {
  id: 11,
  name: "every PATCH shape of the mappings",
  protects:
    'Entra updates only what changed, in the dialect\'s shapes (legacy: one Replace per attribute; flag: several folded into one path-less replace; filtered paths like emails[type eq "work"].value; extension URNs; Add for a new value). A shape the app refuses or ignores leaves the user stale.',
  severity: "fail",
  perDialect: true,
  readOnly: false,
  async run(context) {
    const { client, profile, objects, learned } = context;
    const dialect = context.dialect!;
    const shapes = patchShapes(profile.userPaths, dialect);
    const added = new Set(shapes.filter((s) => s.add).flatMap((s) => s.paths));
    const user = await objects.user(
      `p-${dialectTag(dialect)}`,
      profile.userPaths.filter((p) => !added.has(p)),
    );
    const next = sampleUser(profile.userPaths, user.name, 1);
    for (const shape of shapes) {
      const changes: AttributeChange[] = shape.paths.map((path) => ({
        path,
        oldValue: shape.add ? undefined : user.attributes[path],
        newValue: next[path]!,
      }));
      const response = await sendPatch(client, dialect, "user", user.id, changes);
      if (!isSuccess(response))
        return fail(`${shape.label}: expected 200 or 204, got ${response.status}`, response.exchange);
    }
    const read = await sendGet(client, "user", user.id);
    const body = resourceBody(read);
    if (read.status !== 200 || !body)
      return fail(`Expected 200 with the user, got ${read.status}`, read.exchange);
    const checked = shapes.flatMap((s) => s.paths).filter((p) => learned.storedPaths?.includes(p) ?? true);
    const stored = flattenResource(body, checked);
    const stale = checked.filter((p) => !attrValuesEqual(coerceAttributeValue(p, next[p]!), stored[p]));
    if (stale.length > 0) {
      const failed = shapes.filter((s) => s.paths.some((p) => stale.includes(p)));
      const message = `Expected the PATCHed values on GET, unchanged: ${stale.join(", ")} (${failed.map((s) => s.label).join("; ")})`;
      if (failed.every((s) => s.warnOnly))
        return warn(`${message}; ${failed.map((s) => s.warnOnly).join("; ")}`, read.exchange);
      return fail(message, read.exchange);
    }
    return pass(`${shapes.length} PATCH shapes applied (${shapes.map((s) => s.label).join("; ")})`);
  },
};

/** The shapes of the mapped paths: one simple, several simple, filtered, primary role, and an Add. */
export function patchShapes(paths: readonly string[], dialect: ScimDialect): Shape[] {
  const kindOf = (p: string) => pathKind(parseAttributePath(p));
  const simple = paths.filter((p) => kindOf(p) === "simple" && !OWN_CHECK.has(p.toLowerCase()));
  const filtered = paths.filter((p) => kindOf(p) === "filtered");
  const roles = paths.filter((p) => kindOf(p) === "primaryRole");
  const [single, addOne, ...several] = simple;
  const shapes: Shape[] = [];
  if (single) shapes.push({ label: "replace one attribute", paths: [single], add: false });
  if (several.length > 0) shapes.push({ label: "replace several attributes", paths: several, add: false });
  if (filtered.length > 0)
    shapes.push({ label: "replace filtered multi-valued paths", paths: filtered, add: false });
  if (roles.length > 0)
    shapes.push({
      label: "replace the primary app role",
      paths: roles,
      add: false,
      ...(dialect === "entra-legacy" ? { warnOnly: LEGACY_ROLE_CAVEAT } : {}),
    });
  if (addOne) shapes.push({ label: "add an attribute that had no value", paths: [addOne], add: true });
  return shapes;
}
