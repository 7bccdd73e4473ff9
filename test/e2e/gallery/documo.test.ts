import { expect, it } from "vitest";
import { GraphAdmin } from "../../support/graph-admin.js";
import { ROLE_ADMIN } from "../../support/tenants.js";
import { describeGalleryTemplate } from "./gallery-scenario.js";
import { galleryTenant, people } from "./gallery-tenant.js";

const ROLE_TYPE = "WindowsAzureActiveDirectoryRole";

describeGalleryTemplate({
  app: "documo",
  provisioned: ["alice", "bob", "carol", "dave", "gina"],
  change: { person: "alice", graph: { givenName: "Alicia" }, path: "name.givenName", value: "Alicia" },
  more: (scenario) => {
    it("sends the assignment's app role as the primary role, and no role for Default Access only", () => {
      const roles = Object.fromEntries(
        scenario()
          .initialWrites.filter((r) => r.method === "POST" && r.path === "/Users")
          .map((r) => {
            const body = r.body as { userName: string; roles: unknown[] };
            return [body.userName, body.roles];
          }),
      );
      const primary = (value: string) => [{ primary: true, type: ROLE_TYPE, value }];
      expect(roles).toEqual({
        [people.alice.userName]: primary("User"),
        // Admin directly and User through Sales: SingleAppRoleAssignment picks the smallest value.
        [people.bob.userName]: primary("Admin"),
        [people.carol.userName]: [],
        // Default Access directly, User through Sales: only the role with a value counts.
        [people.dave.userName]: primary("User"),
        [people.gina.userName]: [],
      });
    });

    it("sends a role change as Entra documents it: the app role's id, value and displayName", async () => {
      const { env, dialect } = scenario();
      const admin = new GraphAdmin(env.graph, galleryTenant().application.clientSecret);
      // Alice holds User; with Admin too, SingleAppRoleAssignment's pick becomes Admin.
      await admin.assign(people.alice.id, ROLE_ADMIN);
      await admin.close();
      env.scim.clearRequestLog();
      const summary = await env.sync();
      expect(summary.tally.failures).toEqual([]);
      const patches = env.writes().filter((r) => r.method === "PATCH");
      // Legacy: the documented stringified {id, value, displayName} (scim-wire-fixtures.json,
      // roles-single-app-role-assignment-patch-noflag); flag: the POST shape, which the flag aligns it with.
      const documented =
        dialect === "legacy"
          ? {
              op: "Add",
              path: "roles",
              value: [
                { value: JSON.stringify({ id: ROLE_ADMIN, value: "Admin", displayName: "Administrator" }) },
              ],
            }
          : { op: "replace", path: "roles", value: [{ primary: true, type: ROLE_TYPE, value: "Admin" }] };
      expect(patches.map((r) => (r.body as { Operations: unknown[] }).Operations)).toEqual([[documented]]);
    });
  },
});
