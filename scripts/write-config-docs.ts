import { writeFileSync } from "node:fs";
import { renderConfigurationDocs } from "../src/config/config-docs.js";

writeFileSync(new URL("../docs/configuration.md", import.meta.url), renderConfigurationDocs());
