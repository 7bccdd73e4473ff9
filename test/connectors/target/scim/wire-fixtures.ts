import { readFileSync } from "node:fs";
import { specFile } from "../../../support/spec-file.js";

/** One documented Entra request from ../shared/spec/scim-wire-fixtures.json. */
export interface WireFixture {
  readonly name: string;
  readonly method: string;
  readonly pathAndQuery: string;
  // biome-ignore lint/suspicious/noExplicitAny: fixture bodies are arbitrary JSON compared structurally.
  readonly body: any;
}

const FIXTURES_PATH = specFile("scim-wire-fixtures.json");
const fixtures = JSON.parse(readFileSync(FIXTURES_PATH, "utf8")) as WireFixture[];

export function fixture(name: string): WireFixture {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`Expected fixture ${name} in ${FIXTURES_PATH}, got none`);
  return found;
}
