import { expect, it } from "vitest";
import { describeGalleryTemplate } from "./gallery-scenario.js";
import { people } from "./gallery-tenant.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describeGalleryTemplate({
  app: "maptician",
  provisioned: ["alice", "bob", "carol", "dave", "gina"],
  // The change scenario PATCHes an enterprise attribute, so it asserts the colon path on the wire.
  change: {
    person: "alice",
    graph: { department: "Research" },
    path: `${ENTERPRISE}:department`,
    value: "Research",
  },
  more: (scenario) => {
    it("creates users with the enterprise attributes inside the extension's URN object", () => {
      const alice = scenario().initialWrites.find(
        (r) => r.method === "POST" && (r.body as { userName?: string }).userName === people.alice.userName,
      );
      const body = alice?.body as Record<string, unknown>;
      expect(body.schemas).toContain(ENTERPRISE);
      expect(body[ENTERPRISE]).toEqual({
        employeeNumber: "E001",
        organization: "Contoso",
        department: "R&D",
      });
      expect(Object.keys(body).filter((k) => k.startsWith(`${ENTERPRISE}:`))).toEqual([]);
    });
  },
});
