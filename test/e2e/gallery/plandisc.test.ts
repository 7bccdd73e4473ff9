import { expect, it } from "vitest";
import { describeGalleryTemplate } from "./gallery-scenario.js";
import { people } from "./gallery-tenant.js";

describeGalleryTemplate({
  app: "plandisc",
  // carol has no mail and dave no mailNickname: Plandisc requires both (emails, externalId).
  provisioned: ["alice", "bob", "gina"],
  change: {
    person: "bob",
    graph: { displayName: "Robert Brown" },
    path: "displayName",
    value: "Robert Brown",
  },
  more: (scenario) => {
    it("skips a user missing a required attribute, naming the attribute in the provisioning log", () => {
      const { env, initial } = scenario();
      const skipped = (name: string) =>
        env.runtime.store
          .logs({ job: "e2e", cycleId: initial.cycle.cycleId, object: name, status: "Skipped" })
          .map((e) => ({ action: e.action, errorCode: e.errorCode, reason: e.reason }));
      expect(skipped(people.carol.userName)).toEqual([
        expect.objectContaining({
          errorCode: "MandatoryFieldsMissing",
          reason: expect.stringContaining('emails[type eq "work"].value'),
        }),
      ]);
      expect(skipped(people.dave.userName)).toEqual([
        expect.objectContaining({
          errorCode: "MandatoryFieldsMissing",
          reason: expect.stringMatching(/: externalId$/),
        }),
      ]);
    });
  },
});
