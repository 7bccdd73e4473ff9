import { describeGalleryTemplate } from "./gallery-scenario.js";

describeGalleryTemplate({
  app: "rfpio",
  // Default Access only: carol (through Engineering) and gina. dave holds the User role through Sales.
  provisioned: ["alice", "bob", "dave"],
  change: { person: "dave", graph: { surname: "Dune" }, path: "name.familyName", value: "Dune" },
});
