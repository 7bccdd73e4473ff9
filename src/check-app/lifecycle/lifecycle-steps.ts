import type { AppTemplate } from "../../config/app-template.js";
import { flattenResource } from "../../connectors/target/scim/index.js";
import { getCaseInsensitive } from "../../connectors/target/scim/json-value.js";
import type { ObjectType } from "../../domain/ids.js";
import type { TenantStore } from "../../emulators/graph/tenant-store.js";
import { fail, pass } from "../check.js";
import { listResources, resourceBody, sendGet, sendQuery } from "../entra-requests.js";
import type { ProbeClient } from "../probe-client.js";
import type { CheckFinding } from "../types.js";
import type { LifecycleObjects } from "./lifecycle-tenant.js";

/** What of the lifecycle the app template provisions. */
export interface LifecyclePlan {
  /** A directly mapped source attribute the update step changes, and its target path. */
  readonly update: { readonly source: string; readonly target: string } | null;
  /** The template provisions groups with members. */
  readonly groups: boolean;
}

/** The source attributes the update step may change (plain strings on every user), in preference order. */
const UPDATABLE = ["jobTitle", "displayName", "surname", "givenName", "department"];
const UPDATED_VALUE = "Lead tester";

export function lifecyclePlan(template: AppTemplate): LifecyclePlan {
  const direct = template.users.mappings.filter((m) => m.source !== undefined && m.matching === undefined);
  const mapping = UPDATABLE.map((source) => direct.find((m) => m.source === source)).find((m) => m);
  return {
    update: mapping ? { source: mapping.source!, target: mapping.target } : null,
    groups: template.groups?.mappings.some((m) => m.target === "members") ?? false,
  };
}

/** One step of Entra's lifecycle: a change in the tenant, a cycle of the real engine, and what the app must show. */
export interface LifecycleStep {
  readonly id: number;
  readonly name: string;
  readonly protects: string;
  /** Why the template makes this step moot, or null. */
  notApplicable?(plan: LifecyclePlan): string | null;
  /** The change in the emulated tenant before the cycle (none for the first, initial cycle). */
  change(tenant: TenantStore, objects: LifecycleObjects, plan: LifecyclePlan): void;
  verify(client: ProbeClient, objects: LifecycleObjects, plan: LifecyclePlan): Promise<CheckFinding>;
}

/** Steps 3 and 4: `accountEnabled` set in the tenant, the user still found with `active` to match. */
function accountEnabledStep(id: number, what: string, enabled: boolean, protects: string): LifecycleStep {
  return {
    id,
    name: `lifecycle: ${what}`,
    protects,
    change: (tenant, objects) =>
      tenant.updateUser(tenant.requireUser(objects.userId), { accountEnabled: enabled }),
    verify: async (client, objects) => {
      const user = await oneUser(client, objects.userName);
      return "finding" in user ? user.finding : activeIs(user, enabled, enabled ? "re-enabled" : "disabled");
    },
  };
}

export const lifecycleSteps: readonly LifecycleStep[] = [
  {
    id: 1,
    name: "lifecycle: create the assigned user and group",
    protects: "The initial cycle matches, finds nothing and creates the assigned user and group.",
    change: () => {},
    verify: async (client, objects, plan) => {
      const user = await oneUser(client, objects.userName);
      if ("finding" in user) return user.finding;
      const group = plan.groups ? await oneGroup(client, objects.groupName) : null;
      return group && "finding" in group ? group.finding : activeIs(user, true, "created");
    },
  },
  {
    id: 2,
    name: "lifecycle: update an attribute",
    protects: "An incremental cycle PATCHes only what changed (e.g. jobTitle → title).",
    notApplicable: (plan) => (plan.update ? null : `the template maps none of ${UPDATABLE.join(", ")}`),
    change: (tenant, objects, plan) =>
      tenant.updateUser(tenant.requireUser(objects.userId), { [plan.update!.source]: UPDATED_VALUE }),
    verify: async (client, objects, plan) => {
      const user = await oneUser(client, objects.userName);
      if ("finding" in user) return user.finding;
      const { target } = plan.update!;
      const value = flattenResource(user.resource, [target])[target];
      return value === UPDATED_VALUE
        ? pass(`${target} updated`)
        : fail(
            `Expected ${target} "${UPDATED_VALUE}" after the update, got ${JSON.stringify(value)}`,
            user.exchange,
          );
    },
  },
  accountEnabledStep(
    3,
    "disable",
    false,
    "A user disabled in Entra is disabled in the app (PATCH active), never deleted, and still found.",
  ),
  accountEnabledStep(
    4,
    "re-enable",
    true,
    "A user enabled again in Entra is re-enabled in the app, the same account.",
  ),
  {
    id: 5,
    name: "lifecycle: group membership",
    protects: "A member added in Entra is added to the app's group by a member PATCH.",
    notApplicable: (plan) => (plan.groups ? null : "the template provisions no groups"),
    change: (tenant, objects) => tenant.addMember(tenant.requireGroup(objects.groupId), objects.userId),
    verify: async (client, objects) => {
      const user = await oneUser(client, objects.userName);
      if ("finding" in user) return user.finding;
      const group = await oneGroup(client, objects.groupName);
      if ("finding" in group) return group.finding;
      const read = await sendGet(client, "group", String(group.resource.id), true);
      const members = resourceBody(read)?.members;
      const ids = Array.isArray(members) ? members.map((m: { value?: unknown }) => m?.value) : [];
      return ids.includes(user.resource.id)
        ? pass("member added")
        : fail(
            `Expected the group's members to hold the user ${String(user.resource.id)}, got ${JSON.stringify(ids)}`,
            read.exchange,
          );
    },
  },
  {
    id: 6,
    name: "lifecycle: delete",
    protects:
      "A user hard-deleted in Entra and a deleted group are deleted in the app (DELETE), and no longer found.",
    change: (tenant, objects) => {
      const user = tenant.requireUser(objects.userId);
      tenant.softDeleteUser(user);
      tenant.purgeUser(user);
      tenant.deleteGroup(tenant.requireGroup(objects.groupId));
    },
    verify: async (client, objects, plan) => {
      const gone: [ObjectType, string, string][] = [["user", "userName", objects.userName]];
      if (plan.groups) gone.push(["group", "displayName", objects.groupName]);
      for (const [type, attribute, value] of gone) {
        const query = await sendQuery(client, type, attribute, value);
        const hits = listResources(query);
        if (query.status !== 200 || hits === null || hits.length > 0)
          return fail(
            `Expected the deleted ${type} to be gone, got ${query.status} with ${hits?.length ?? "no list"}`,
            query.exchange,
          );
      }
      return pass("user and group deleted");
    },
  },
];

type Found =
  | { resource: Record<string, unknown>; exchange: CheckFinding["exchange"] }
  | { finding: CheckFinding };

async function oneUser(client: ProbeClient, userName: string): Promise<Found> {
  return one(client, "user", "userName", userName);
}

async function oneGroup(client: ProbeClient, displayName: string): Promise<Found> {
  return one(client, "group", "displayName", displayName);
}

async function one(
  client: ProbeClient,
  type: "user" | "group",
  attribute: string,
  value: string,
): Promise<Found> {
  const query = await sendQuery(client, type, attribute, value);
  const hits = listResources(query) ?? [];
  if (query.status !== 200 || hits.length !== 1)
    return {
      finding: fail(
        `Expected exactly one ${type} ${value} in the app, got ${query.status} with ${hits.length}`,
        query.exchange,
      ),
    };
  return { resource: hits[0]!, exchange: query.exchange };
}

function activeIs(
  found: { resource: Record<string, unknown>; exchange: CheckFinding["exchange"] },
  expected: boolean,
  what: string,
): CheckFinding {
  const active = getCaseInsensitive(found.resource, "active");
  return active === expected
    ? pass(`${what}, active ${expected}`)
    : fail(
        `Expected the ${what} user with active ${expected}, got ${JSON.stringify(active)}`,
        found.exchange,
      );
}
