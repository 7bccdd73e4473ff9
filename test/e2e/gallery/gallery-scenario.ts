import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CycleSummary } from "../../../src/app/run-cycle.js";
import { EmulatorClient } from "../../emulators/graph/emulator-client.js";
import { type EngineEnv, startEngineEnv } from "../../support/engine-env.js";
import { type RecordedRequest, type ScimJson, scimTestServers } from "../../support/scim-servers/index.js";
import {
  type Expected,
  expectedUserValues,
  galleryTenant,
  groupIds,
  type Person,
  people,
} from "./gallery-tenant.js";
import { readScimPath, topLevelKey } from "./read-scim-path.js";

/** `legacy` is Entra's default PATCH dialect; `flag` is the tenant URL with `?aadOptscim062020`. */
export type Dialect = "legacy" | "flag";
const DIALECTS: readonly Dialect[] = ["legacy", "flag"];

/** What one template's end-to-end test states; everything else is the shared scenario. */
export interface GalleryCase {
  /** Template name in config/apps. */
  readonly app: string;
  /** Exactly the users the app must hold after the first sync. */
  readonly provisioned: readonly Person[];
  /** Exactly the groups the app must hold, with their members; absent for apps without groups. */
  readonly groups?: Readonly<Partial<Record<keyof typeof groupIds, readonly Person[]>>>;
  /** One attribute changed in the tenant, and the single target path the next sync must PATCH. */
  readonly change: {
    readonly person: Person;
    readonly graph: Readonly<Record<string, string>>;
    readonly path: string;
    readonly value: string;
  };
  /** Extra job settings for one server and dialect, for what a server cannot take (say why at the call). */
  readonly job?: (server: string, dialect: Dialect) => Record<string, unknown> | undefined;
  /** Template-specific tests, registered for every server and dialect after the shared ones. */
  readonly more?: (scenario: () => GalleryScenario) => void;
}

/** A running scenario, for template-specific tests. */
export interface GalleryScenario {
  readonly env: EngineEnv;
  readonly server: string;
  readonly dialect: Dialect;
  /** The first sync's summary and its write requests (POST, PATCH, …). */
  readonly initial: CycleSummary;
  readonly initialWrites: readonly RecordedRequest[];
}

const byUserName = (users: readonly ScimJson[]) => new Map(users.map((u) => [String(u.userName), u]));

const valuesAt = (json: ScimJson, paths: readonly string[]) =>
  Object.fromEntries(paths.map((path) => [path, readScimPath(json, path)]));

/**
 * What the oracle says a user holds at `paths`; references (the manager) resolve to the app's id of the
 * referenced user, or are left out when `references` is false (a create never carries them: scim-wire §3.8).
 */
function oracle(person: Person, paths: readonly string[], users: Map<string, ScimJson>, references: boolean) {
  const wanted: Record<string, unknown> = {};
  for (const path of paths) {
    const expected: Expected | undefined = expectedUserValues[person][path];
    if (typeof expected === "object")
      wanted[path] = references ? users.get(people[expected.ref].userName)?.id : undefined;
    else wanted[path] = expected;
  }
  return wanted;
}

/**
 * Values a server fills in by itself for a path the engine sent nothing for. better-auth always stores a
 * formatted name and a display name: `name.formatted` ← displayName, else "given family", else the primary
 * email; `displayName` ← the formatted name (@better-auth/scim's user profile normalisation). The create-body
 * check proves the engine itself sent neither.
 */
function serverDefaults(server: string, person: Person): Record<string, unknown> {
  if (server !== "better-auth") return {};
  const values = expectedUserValues[person];
  const composed = [values["name.givenName"], values["name.familyName"]].filter(Boolean).join(" ");
  const formatted =
    values["name.formatted"] ?? values.displayName ?? (composed || values['emails[type eq "work"].value']);
  return { "name.formatted": formatted, displayName: values.displayName ?? formatted };
}

/**
 * Registers the gallery scenario for one template against every test server in both PATCH dialects: the
 * gallery tenant → sync → the app holds exactly the expected users (and groups), attribute by attribute →
 * one attribute changes through the Graph write API → the next sync sends exactly one PATCH with it.
 */
export function describeGalleryTemplate(testCase: GalleryCase): void {
  describe.each(scimTestServers)(`the ${testCase.app} template against $name`, (server) => {
    describe.each(DIALECTS)("in the %s PATCH dialect", (dialect) => {
      let scenario: GalleryScenario;
      let graph: EmulatorClient;

      beforeAll(async () => {
        const env = await startEngineEnv({
          tenant: galleryTenant(),
          startServer: server.start,
          flagDialect: dialect === "flag",
          job: { app: testCase.app, ...testCase.job?.(server.name, dialect) },
        });
        graph = new EmulatorClient(env.graph, galleryTenant().application.clientSecret);
        const initial = await env.sync();
        scenario = { env, server: server.name, dialect, initial, initialWrites: env.writes() };
      });
      afterAll(async () => {
        await graph?.close();
        await scenario?.env.close();
      });

      it("provisions exactly the expected users, attribute by attribute, and sends no unmapped attribute", async () => {
        const { env, initial, initialWrites } = scenario;
        expect(initial.cycle.state).toBe("Succeeded");
        const users = byUserName(await env.scim.users());
        const expectedNames = testCase.provisioned.map((p) => people[p].userName);
        expect([...users.keys()].sort()).toEqual([...expectedNames].sort());
        const paths = env.job.users.targetPaths;
        const creates = new Map(
          initialWrites
            .filter((r) => r.method === "POST" && r.path === "/Users")
            .map((r) => [String((r.body as ScimJson).userName), r.body as ScimJson]),
        );
        expect([...creates.keys()].sort()).toEqual([...expectedNames].sort());
        const allowed = new Set(["schemas", "meta", "roles", ...paths.map(topLevelKey)]);
        for (const person of testCase.provisioned) {
          const sent = creates.get(people[person].userName)!;
          expect({ person, sent: valuesAt(sent, paths) }).toEqual({
            person,
            sent: oracle(person, paths, users, false),
          });
          expect({ person, unmapped: Object.keys(sent).filter((key) => !allowed.has(key)) }).toEqual({
            person,
            unmapped: [],
          });
          const held = valuesAt(users.get(people[person].userName)!, paths);
          const defaults = serverDefaults(server.name, person);
          const wanted = oracle(person, paths, users, true);
          for (const path of paths) wanted[path] ??= defaults[path];
          expect({ person, held }).toEqual({ person, held: wanted });
        }
      });

      it(
        testCase.groups
          ? "provisions exactly the assigned groups with their in-scope members"
          : "never sends a request about groups",
        async () => {
          const { env } = scenario;
          const groupRequests = env.scim.requestLog.filter((r) => r.path.startsWith("/Groups"));
          if (!testCase.groups) {
            expect(groupRequests).toEqual([]);
            return;
          }
          const users = await env.scim.users();
          const nameOf = (id: string) => users.find((u) => u.id === id)?.userName;
          const groups = await env.scim.groups();
          const actual = Object.fromEntries(
            groups.map((g) => [
              String(g.displayName),
              {
                externalId: g.externalId,
                members: ((g.members as { value: string }[] | undefined) ?? [])
                  .map((m) => nameOf(m.value))
                  .sort(),
              },
            ]),
          );
          const wanted = Object.fromEntries(
            Object.entries(testCase.groups).map(([key, members]) => {
              const group = galleryTenant().groups?.find(
                (g) => g.id === groupIds[key as keyof typeof groupIds],
              );
              const names = members.map((p) => people[p].userName).sort();
              return [group!.displayName, { externalId: group!.id, members: names }];
            }),
          );
          expect(actual).toEqual(wanted);
        },
      );

      it(`sends exactly one PATCH with only ${testCase.change.path} after a change in the tenant`, async () => {
        const { env } = scenario;
        const { person, path, value } = testCase.change;
        const before = byUserName(await env.scim.users()).get(people[person].userName)!;
        const oldValue = readScimPath(before, path);
        const reply = await graph.graph("PATCH", `/v1.0/users/${people[person].id}`, testCase.change.graph);
        expect(reply.status).toBe(204);
        env.scim.clearRequestLog();
        const summary = await env.sync();
        expect(summary.cycle.state).toBe("Succeeded");
        const op = oldValue === undefined ? "Add" : "Replace";
        expect(env.writes()).toEqual([
          expect.objectContaining({
            method: "PATCH",
            path: `/Users/${before.id}`,
            body: expect.objectContaining({
              Operations: [{ op: dialect === "flag" ? op.toLowerCase() : op, path, value }],
            }),
          }),
        ]);
        const after = byUserName(await env.scim.users()).get(people[person].userName)!;
        expect(readScimPath(after, path)).toBe(value);
      });

      testCase.more?.(() => scenario);
    });
  });
}
