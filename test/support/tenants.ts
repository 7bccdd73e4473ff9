import type { TenantInput } from "../../src/emulators/graph/tenant-schema.js";

/** Deterministic GUIDs for readable tests: guid(1) = 00000000-0000-0000-0000-000000000001. */
export const guid = (n: number) => `00000000-0000-0000-0000-${n.toString(16).padStart(12, "0")}`;

export const DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";
export const ROLE_ADMIN = "10000000-0000-0000-0000-000000000001";
export const ROLE_USER = "10000000-0000-0000-0000-000000000002";

export const ids = {
  alice: guid(0x101),
  bob: guid(0x102),
  carol: guid(0x103),
  dave: guid(0x104),
  erin: guid(0x105),
  frank: guid(0x106),
  guest: guid(0x107),
  quote: guid(0x108),
  engineering: guid(0x201),
  sales: guid(0x202),
  unassignedGroup: guid(0x203),
} as const;

/** The userNames the app holds after syncing {@link smallTenant} with the generic template (guest rewritten). */
export const SMALL_TENANT_USERNAMES: readonly string[] = [
  "alice@contoso.test",
  "bob@contoso.test",
  "carol@contoso.test",
  "dave@contoso.test",
  "gina@fabrikam.test",
  'q"uo\\te@contoso.test',
];

/**
 * A small tenant covering the scope rules: alice and bob assigned directly (bob as Admin), carol and dave
 * through the Engineering group, erin disabled but assigned, frank unassigned, a B2B guest, and a user whose
 * UPN holds a double quote and a backslash (filter escaping).
 */
export function smallTenant(): TenantInput {
  return {
    tenantId: guid(0xaaa),
    application: {
      displayName: "Test app",
      clientId: guid(0xbbb),
      clientSecret: "test-client-secret-value",
      servicePrincipalId: guid(0xccc),
      appRoles: [
        { id: ROLE_ADMIN, value: "Admin", displayName: "Administrator", isEnabled: true },
        { id: ROLE_USER, value: "User", displayName: "User", isEnabled: true },
      ],
    },
    users: [
      {
        id: ids.alice,
        userPrincipalName: "alice@contoso.test",
        displayName: "Alice Adams",
        givenName: "Alice",
        surname: "Adams",
        mail: "alice@contoso.test",
        mailNickname: "alice",
        jobTitle: "Engineer",
        department: "R&D",
        employeeId: "E001",
        companyName: "Contoso",
        city: "Seattle",
        state: "WA",
        telephoneNumber: "+1 206 555 0101",
        mobile: "+1 206 555 0201",
        preferredLanguage: "en-US",
        managerId: guid(0x102),
      },
      {
        id: ids.bob,
        userPrincipalName: "bob@contoso.test",
        displayName: "Bob Brown",
        givenName: "Bob",
        surname: "Brown",
        mail: "bob@contoso.test",
        mailNickname: "bob",
        jobTitle: "Director",
      },
      {
        id: ids.carol,
        userPrincipalName: "carol@contoso.test",
        displayName: "Carol Clark",
        givenName: "Carol",
        surname: "Clark",
        mailNickname: "carol",
      },
      {
        id: ids.dave,
        userPrincipalName: "dave@contoso.test",
        displayName: "Dave Dune",
        mailNickname: "dave",
      },
      {
        id: ids.erin,
        userPrincipalName: "erin@contoso.test",
        displayName: "Erin Evans",
        mailNickname: "erin",
        accountEnabled: false,
      },
      {
        id: ids.frank,
        userPrincipalName: "frank@contoso.test",
        displayName: "Frank Fox",
        mailNickname: "frank",
      },
      {
        id: ids.guest,
        userPrincipalName: "gina_fabrikam.test#EXT#@contoso.test",
        displayName: "Gina (Fabrikam)",
        mail: "gina@fabrikam.test",
        mailNickname: "gina_fabrikam.test#EXT#",
        userType: "Guest",
      },
      {
        id: ids.quote,
        userPrincipalName: 'q"uo\\te@contoso.test',
        displayName: "Quinn Quote",
        mailNickname: "quinn",
      },
    ],
    groups: [
      {
        id: ids.engineering,
        displayName: "Engineering",
        mailNickname: "engineering",
        members: [ids.carol, ids.dave, ids.alice],
      },
      { id: ids.sales, displayName: "Sales", mailNickname: "sales", members: [ids.bob] },
      {
        id: ids.unassignedGroup,
        displayName: "Unassigned",
        mailNickname: "unassigned",
        members: [ids.frank],
      },
    ],
    appRoleAssignments: [
      { principalId: ids.alice, appRoleId: ROLE_USER },
      { principalId: ids.bob, appRoleId: ROLE_ADMIN },
      { principalId: ids.erin, appRoleId: DEFAULT_ACCESS },
      { principalId: ids.guest, appRoleId: DEFAULT_ACCESS },
      { principalId: ids.quote, appRoleId: DEFAULT_ACCESS },
      { principalId: ids.engineering, appRoleId: DEFAULT_ACCESS },
      { principalId: ids.sales, appRoleId: ROLE_USER },
    ],
  };
}
