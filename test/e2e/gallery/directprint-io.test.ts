import { describeGalleryTemplate } from "./gallery-scenario.js";

describeGalleryTemplate({
  app: "directprint-io",
  provisioned: ["alice", "bob", "carol", "dave", "gina"],
  groups: { engineering: ["alice", "carol"], sales: ["bob", "dave"] },
  change: { person: "bob", graph: { mailNickname: "bobby" }, path: "externalId", value: "bobby" },
});
