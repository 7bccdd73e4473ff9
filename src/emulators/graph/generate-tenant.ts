import { DEFAULT_ACCESS_ROLE_ID } from "../../domain/source.js";
import { seededRandom } from "./seeded-random.js";
import type { TenantData, TenantGroup, TenantUser } from "./tenant-schema.js";

export interface GenerateTenantOptions {
  readonly users: number;
  readonly groups: number;
  /** Same seed, same tenant (ids, names, memberships, assignments). */
  readonly seed: number;
}

const FIRST = [
  "Adele",
  "Alex",
  "Allan",
  "Bianca",
  "Brian",
  "Christie",
  "Debra",
  "Diego",
  "Emily",
  "Enrico",
  "Grady",
  "Henrietta",
  "Irvin",
  "Isaiah",
  "Johanna",
  "Joni",
  "Lee",
  "Lidia",
  "Lynne",
  "Megan",
  "Miriam",
  "Nestor",
  "Patti",
  "Pradeep",
  "Raul",
  "Sakura",
  "Tomás",
  "Wei",
  "Yuki",
  "Zoë",
];
const LAST = [
  "Vance",
  "Wilber",
  "Deyoung",
  "Pisani",
  "Johnson",
  "Cline",
  "Berger",
  "Siciliani",
  "Braun",
  "Rossi",
  "Archie",
  "Mueller",
  "Sauer",
  "Haworth",
  "Lanier",
  "Sherman",
  "Gu",
  "Holloway",
  "Robbins",
  "Bowen",
  "Graham",
  "Wilke",
  "Fernandez",
  "Gupta",
  "Ortega",
  "Tanaka",
  "García",
  "Zhang",
  "Sato",
  "Okafor",
];
const DEPARTMENTS = [
  "Engineering",
  "Sales",
  "Marketing",
  "Finance",
  "Human Resources",
  "Legal",
  "Operations",
  "Support",
];
const TITLES = [
  "Engineer",
  "Senior Engineer",
  "Manager",
  "Director",
  "Analyst",
  "Specialist",
  "Consultant",
  "Administrator",
];
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ["Redmond", "WA"],
  ["Seattle", "WA"],
  ["Austin", "TX"],
  ["Boston", "MA"],
  ["Chicago", "IL"],
  ["Denver", "CO"],
];
const DOMAIN = "contoso.onmicrosoft.com";
/** Users per manager in the generated reporting tree. */
const SPAN_OF_CONTROL = 8;

/**
 * A synthetic tenant of any size for load tests and benchmarks. Deterministic per seed and linear in
 * size (100k users in well under a second). Shape: a management tree; ~3% disabled and ~1% guest users;
 * every user in one group by index plus ~30% in a second one; every 10th group nested in the previous
 * one; 4 of 5 groups and every 50th user assigned to the app, cycling through its roles.
 */
export function generateTenant(options: GenerateTenantOptions): TenantData {
  const random = seededRandom(options.seed);
  const appRoles = ["Admin", "User", "Reader"].map((value) => ({
    id: random.guid(),
    value,
    displayName: value,
    isEnabled: true,
  }));
  const application = {
    displayName: "Generated SCIM App",
    clientId: random.guid(),
    clientSecret: `generated-secret-${random.guid()}`,
    servicePrincipalId: random.guid(),
    appRoles,
  };
  const users: TenantUser[] = [];
  for (let i = 0; i < options.users; i++) users.push(generateUser(random, i, users));
  const groups: TenantGroup[] = [];
  for (let j = 0; j < options.groups; j++) {
    const department = DEPARTMENTS[j % DEPARTMENTS.length] ?? "Team";
    groups.push({
      id: random.guid(),
      displayName: `${department} ${j}`,
      mailNickname: `${department.toLowerCase().replace(/\s+/g, "-")}-${j}`,
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      members: [],
    });
  }
  for (const [i, user] of users.entries()) {
    if (groups.length === 0) break;
    groups[i % groups.length]?.members.push(user.id);
    const second = random.int(groups.length);
    if (random.next() < 0.3 && second !== i % groups.length) groups[second]?.members.push(user.id);
  }
  for (let j = 10; j < groups.length; j += 10) {
    const nested = groups[j - 1];
    if (nested) groups[j]?.members.push(nested.id);
  }
  const roleIds = [...appRoles.map((role) => role.id), DEFAULT_ACCESS_ROLE_ID];
  const appRoleAssignments = [
    ...groups
      .filter((_, j) => j % 5 !== 4)
      .map((group, j) => ({
        principalId: group.id,
        appRoleId: roleIds[j % roleIds.length] ?? DEFAULT_ACCESS_ROLE_ID,
      })),
    ...users
      .filter((_, i) => i % 50 === 0)
      .map((user, i) => ({
        principalId: user.id,
        appRoleId: roleIds[i % roleIds.length] ?? DEFAULT_ACCESS_ROLE_ID,
      })),
  ];
  return { tenantId: random.guid(), application, users, groups, appRoleAssignments };
}

function generateUser(
  random: ReturnType<typeof seededRandom>,
  i: number,
  earlier: readonly TenantUser[],
): TenantUser {
  const given = random.pick(FIRST);
  const surname = random.pick(LAST);
  const alias = `${ascii(given)}.${ascii(surname)}${i}`.toLowerCase();
  const guest = i % 100 === 99;
  const [city, state] = random.pick(CITIES);
  const manager = i === 0 ? undefined : earlier[Math.floor((i - 1) / SPAN_OF_CONTROL)];
  return {
    id: random.guid(),
    userPrincipalName: guest ? `${alias}_fabrikam.com#EXT#@${DOMAIN}` : `${alias}@${DOMAIN}`,
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    mail: guest ? `${alias}@fabrikam.com` : `${alias}@contoso.com`,
    mailNickname: guest ? `${alias}_fabrikam.com#EXT#` : alias,
    accountEnabled: random.next() >= 0.03,
    userType: guest ? "Guest" : "Member",
    jobTitle: random.pick(TITLES),
    department: random.pick(DEPARTMENTS),
    employeeId: String(100000 + i),
    companyName: "Contoso",
    city,
    state,
    country: "US",
    telephoneNumber: `+1 425 555 ${String(i % 10000).padStart(4, "0")}`,
    ...(i % 3 === 0 && { mobile: `+1 206 555 ${String(i % 10000).padStart(4, "0")}` }),
    preferredLanguage: "en-US",
    ...(manager && { managerId: manager.id }),
    deleted: false,
  };
}

/** UPN local parts are ASCII: strip accents (Tomás → tomas, Zoë → zoe). */
const ascii = (text: string): string => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
