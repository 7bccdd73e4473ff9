import { randomUUID } from "node:crypto";
import { DEFAULT_ACCESS_ROLE_ID } from "../../domain/source.js";
import type { TenantInput } from "../../emulators/graph/tenant-schema.js";
import { testUserName } from "../sample-values.js";

const LIFECYCLE_ROLE = "7e57c0de-0000-4000-8000-000000000001";

/** The emulated tenant's objects the lifecycle plays with, named under the test prefix. */
export interface LifecycleObjects {
  readonly userId: string;
  readonly userName: string;
  readonly groupId: string;
  readonly groupName: string;
}

/**
 * A tenant with one enterprise app, one assigned user and one assigned group (no members yet): the first
 * cycle creates both, later steps change them through the tenant store as Graph writes would.
 */
export function lifecycleTenant(name: string): { tenant: TenantInput; objects: LifecycleObjects } {
  const objects = {
    userId: randomUUID(),
    userName: testUserName(name),
    groupId: randomUUID(),
    groupName: `${name}-group`,
  };
  const tenant: TenantInput = {
    tenantId: randomUUID(),
    application: {
      displayName: "entra-sync check-app",
      clientId: randomUUID(),
      clientSecret: randomUUID(),
      servicePrincipalId: randomUUID(),
      // A real role, not Default Access: some templates leave Default-Access-only users out of scope (RFPIO).
      appRoles: [{ id: LIFECYCLE_ROLE, value: "User", displayName: "User", isEnabled: true }],
    },
    users: [
      {
        id: objects.userId,
        userPrincipalName: objects.userName,
        displayName: name,
        givenName: "Check",
        surname: name,
        mail: `${name}@mail.example.com`,
        mailNickname: name,
        jobTitle: "Tester",
      },
    ],
    groups: [{ id: objects.groupId, displayName: objects.groupName, mailNickname: name, members: [] }],
    appRoleAssignments: [
      { principalId: objects.userId, appRoleId: LIFECYCLE_ROLE },
      { principalId: objects.groupId, appRoleId: DEFAULT_ACCESS_ROLE_ID },
    ],
  };
  return { tenant, objects };
}
