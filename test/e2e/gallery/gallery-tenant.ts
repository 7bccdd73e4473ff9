import type { TenantInput } from "../../../src/emulators/graph/tenant-schema.js";
import { DEFAULT_ACCESS, guid, ROLE_ADMIN, ROLE_USER } from "../../support/tenants.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** Users of the gallery tenant, by the short names the scenarios use. */
export const people = {
  alice: { id: guid(0x301), userName: "alice@contoso.test" },
  bob: { id: guid(0x302), userName: "bob@contoso.test" },
  carol: { id: guid(0x303), userName: "carol@contoso.test" },
  dave: { id: guid(0x304), userName: "dave@contoso.test" },
  erin: { id: guid(0x305), userName: "erin@contoso.test" },
  frank: { id: guid(0x306), userName: "frank@contoso.test" },
  gina: { id: guid(0x307), userName: "gina@fabrikam.test" },
} as const;
export type Person = keyof typeof people;

export const groupIds = { engineering: guid(0x401), sales: guid(0x402), unassigned: guid(0x403) } as const;

/**
 * One tenant for every gallery template, so each template's test differs only in what the app receives:
 * - alice: every attribute any template maps; assigned directly with the User role; in Engineering.
 * - bob: a few attributes; assigned directly as Admin and through Sales (User role).
 * - carol: no mail; in scope only through Engineering, whose assignment is Default Access.
 * - dave: no mailNickname, no given name or surname; Default Access directly, the User role through Sales.
 * - erin: disabled but assigned (never provisioned); frank: not assigned at all (only in an unassigned group).
 * - gina: a B2B guest assigned with Default Access (userName becomes gina@fabrikam.test).
 */
export function galleryTenant(): TenantInput {
  return {
    tenantId: guid(0xaab),
    application: {
      displayName: "Gallery app",
      clientId: guid(0xbbc),
      clientSecret: "gallery-client-secret-value",
      servicePrincipalId: guid(0xccd),
      appRoles: [
        { id: ROLE_ADMIN, value: "Admin", displayName: "Administrator", isEnabled: true },
        { id: ROLE_USER, value: "User", displayName: "User", isEnabled: true },
      ],
    },
    users: [
      {
        id: people.alice.id,
        userPrincipalName: people.alice.userName,
        displayName: "Alice Adams",
        givenName: "Alice",
        surname: "Adams",
        mail: "alice@contoso.test",
        mailNickname: "alice",
        jobTitle: "Engineer",
        department: "R&D",
        employeeId: "E001",
        companyName: "Contoso",
        streetAddress: "1 Main St",
        postalCode: "98101",
        city: "Seattle",
        state: "WA",
        country: "US",
        telephoneNumber: "+1 206 555 0101",
        mobile: "+1 206 555 0201",
        preferredLanguage: "en-US",
        managerId: people.bob.id,
      },
      {
        id: people.bob.id,
        userPrincipalName: people.bob.userName,
        displayName: "Bob Brown",
        givenName: "Bob",
        surname: "Brown",
        mail: "bob@contoso.test",
        mailNickname: "bob",
        jobTitle: "Director",
      },
      {
        id: people.carol.id,
        userPrincipalName: people.carol.userName,
        displayName: "Carol Clark",
        givenName: "Carol",
        surname: "Clark",
        mailNickname: "carol",
        preferredLanguage: "fr-FR",
      },
      {
        id: people.dave.id,
        userPrincipalName: people.dave.userName,
        displayName: "Dave Dune",
        mail: "dave@contoso.test",
        department: "Sales",
      },
      {
        id: people.erin.id,
        userPrincipalName: people.erin.userName,
        displayName: "Erin Evans",
        givenName: "Erin",
        mail: "erin@contoso.test",
        mailNickname: "erin",
        accountEnabled: false,
      },
      {
        id: people.frank.id,
        userPrincipalName: people.frank.userName,
        displayName: "Frank Fox",
        mail: "frank@contoso.test",
        mailNickname: "frank",
      },
      {
        id: people.gina.id,
        userPrincipalName: "gina_fabrikam.test#EXT#@contoso.test",
        displayName: "Gina (Fabrikam)",
        mail: "gina@fabrikam.test",
        mailNickname: "gina_fabrikam.test#EXT#",
        userType: "Guest",
      },
    ],
    groups: [
      {
        id: groupIds.engineering,
        displayName: "Engineering",
        mailNickname: "engineering",
        members: [people.alice.id, people.carol.id],
      },
      {
        id: groupIds.sales,
        displayName: "Sales",
        mailNickname: "sales",
        members: [people.bob.id, people.dave.id],
      },
      {
        id: groupIds.unassigned,
        displayName: "Unassigned",
        mailNickname: "unassigned",
        members: [people.frank.id],
      },
    ],
    appRoleAssignments: [
      { principalId: people.alice.id, appRoleId: ROLE_USER },
      { principalId: people.bob.id, appRoleId: ROLE_ADMIN },
      { principalId: people.dave.id, appRoleId: DEFAULT_ACCESS },
      { principalId: people.erin.id, appRoleId: ROLE_USER },
      { principalId: people.gina.id, appRoleId: DEFAULT_ACCESS },
      { principalId: groupIds.engineering, appRoleId: DEFAULT_ACCESS },
      { principalId: groupIds.sales, appRoleId: ROLE_USER },
    ],
  };
}

/** A reference to another provisioned user: the app's id of that user, whatever the app assigned. */
export interface UserRef {
  readonly ref: Person;
}
export type Expected = string | boolean | UserRef;

/**
 * What each user's attributes must be in the app, by target path, written out by hand from the tenant above
 * and Entra's default sources (the oracle the templates are checked against). A path a user has no value for
 * is absent: nothing may be sent for it.
 */
export const expectedUserValues: Readonly<Record<Person, Readonly<Record<string, Expected>>>> = {
  alice: {
    userName: "alice@contoso.test",
    active: true,
    externalId: "alice",
    displayName: "Alice Adams",
    title: "Engineer",
    'emails[type eq "work"].value': "alice@contoso.test",
    preferredLanguage: "en-US",
    userType: "Member",
    "name.givenName": "Alice",
    "name.familyName": "Adams",
    "name.formatted": "Alice Adams",
    'addresses[type eq "work"].streetAddress': "1 Main St",
    'addresses[type eq "work"].locality': "Seattle",
    'addresses[type eq "work"].region': "WA",
    'addresses[type eq "work"].postalCode': "98101",
    'addresses[type eq "work"].country': "US",
    'phoneNumbers[type eq "work"].value': "+1 206 555 0101",
    'phoneNumbers[type eq "mobile"].value': "+1 206 555 0201",
    'roles[primary eq "True"].value': "User",
    [`${ENTERPRISE}:employeeNumber`]: "E001",
    [`${ENTERPRISE}:department`]: "R&D",
    [`${ENTERPRISE}:organization`]: "Contoso",
    [`${ENTERPRISE}:manager`]: { ref: "bob" },
  },
  bob: {
    userName: "bob@contoso.test",
    active: true,
    externalId: "bob",
    displayName: "Bob Brown",
    title: "Director",
    'emails[type eq "work"].value': "bob@contoso.test",
    userType: "Member",
    "name.givenName": "Bob",
    "name.familyName": "Brown",
    "name.formatted": "Bob Brown",
    'roles[primary eq "True"].value': "Admin",
  },
  carol: {
    userName: "carol@contoso.test",
    active: true,
    externalId: "carol",
    displayName: "Carol Clark",
    preferredLanguage: "fr-FR",
    userType: "Member",
    "name.givenName": "Carol",
    "name.familyName": "Clark",
    "name.formatted": "Carol Clark",
  },
  dave: {
    userName: "dave@contoso.test",
    active: true,
    displayName: "Dave Dune",
    'emails[type eq "work"].value': "dave@contoso.test",
    userType: "Member",
    'roles[primary eq "True"].value': "User",
    [`${ENTERPRISE}:department`]: "Sales",
  },
  erin: {},
  frank: {},
  gina: {
    userName: "gina@fabrikam.test",
    active: true,
    externalId: "gina_fabrikam.test#EXT#",
    displayName: "Gina (Fabrikam)",
    'emails[type eq "work"].value': "gina@fabrikam.test",
    userType: "Guest",
  },
};
