import { expect, it } from "vitest";
import { describeGalleryTemplate } from "./gallery-scenario.js";
import { people } from "./gallery-tenant.js";

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
      const primary = (value: string) => [{ primary: true, type: "WindowsAzureActiveDirectoryRole", value }];
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
  },
});
